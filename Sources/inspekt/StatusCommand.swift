import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt status`: every inspection on this kiosk and where it stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every inspection: state, photo count, verdict and damaged parts, or the reason.")

    @Option(name: .customLong("case"), help: "Only inspections of this case.")
    var caseID: String?

    @Flag(help: "Print one JSON object: {\"inspections\": [...]}; each item names its \"kiosk\".")
    var json = false

    @Flag(
        name: .customLong("all-kiosks"),
        help: "Every kiosk's inspections (fleet mode, INSPEKT_DATABASE_URL), not only this kiosk's.")
    var allKiosks = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let service = try CommandEnvironment.openService(configuration, label: "status")
        let thisKiosk = configuration.kioskID
        var inspections = service.markingInterrupted(try service.inspections())
        if !allKiosks {
            inspections = inspections.filter { [nil, thisKiosk, configuration.formerKioskID].contains($0.kiosk) }
        }
        if let caseID { inspections = inspections.filter { $0.facts.caseID == caseID } }
        // A case that differs only by letter case is named, never shown in its place.
        var nearCases: [String] = []
        if inspections.isEmpty, let caseID {
            nearCases = (try? service.caseIDsDifferingInLetterCase(from: caseID)) ?? []
        }
        let didYouMean =
            nearCases.isEmpty
            ? "" : "; did you mean " + nearCases.map { SafeText.escape($0) }.joined(separator: " or ") + "?"
        if !didYouMean.isEmpty, json, let caseID {
            Terminal.note("No inspections for case \(SafeText.escape(caseID))\(didYouMean)")
        }
        let unmatched = try service.unmatchedResultsWaiting()
        if json {
            let compared = try service.comparedInspections()
            Terminal.json([
                "inspections": inspections.map {
                    StatusQuality.adding(
                        to: StatusDetails.adding(
                            to: StatusDetails.row($0, thisKiosk: thisKiosk), for: $0, compared: compared[$0.id]),
                        for: $0, service: service)
                },
                "receiver": ReceiverStatus.json(service: service),
                "unmatched_results": ReceiverStatus.unmatchedJSON(count: unmatched),
            ])
            return
        }
        defer {
            Terminal.note(ReceiverStatus.sentence(service: service))
            if let sentence = ReceiverStatus.unmatchedSentence(count: unmatched) { Terminal.note(sentence) }
        }
        if inspections.isEmpty {
            Terminal.note(
                caseID.map { "No inspections for case \(SafeText.escape($0))\(didYouMean)" }
                    ?? "No inspections on this kiosk yet.")
            return
        }
        let lines = StatusDetails.table(inspections)
        guard allKiosks, let header = lines.first else {
            for line in lines { Terminal.line(line) }
            return
        }
        // The fleet's table: each row led by the kiosk that captured it.
        let kiosks = inspections.map { SafeText.escape($0.kiosk ?? thisKiosk) }
        let width = max(5, kiosks.map(\.count).max() ?? 0)
        func padded(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        Terminal.line(padded("KIOSK") + "  " + header)
        for (kiosk, line) in zip(kiosks, lines.dropFirst()) { Terminal.line(padded(kiosk) + "  " + line) }
    }
}
