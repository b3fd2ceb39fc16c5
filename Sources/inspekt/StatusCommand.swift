import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt status`: every inspection on this kiosk and where it stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: Terminal.words("help.status.abstract"))

    @Option(name: .customLong("case"), help: .words("help.status.case"))
    var caseID: String?

    @Flag(help: .words("help.status.json"))
    var json = false

    @Flag(
        name: .customLong("all-kiosks"),
        help: .words("help.status.all-kiosks"))
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
        let didYouMean = nearCases.isEmpty ? "" : Terminal.didYouMean(nearCases)
        if !didYouMean.isEmpty, json, let caseID {
            Terminal.note(
                Terminal.words("cli.status.none.case", ["case": SafeText.escape(caseID), "hint": didYouMean]))
        }
        let unmatched = try service.unmatchedResultsWaiting()
        let videos = service.videoSummaries(of: inspections)
        if json {
            let compared = try service.comparedInspections()
            Terminal.json([
                "inspections": inspections.map {
                    StatusQuality.adding(
                        to: StatusDetails.addingMedia(
                            to: StatusDetails.adding(
                                to: StatusDetails.row($0, thisKiosk: thisKiosk), for: $0, compared: compared[$0.id]),
                            video: videos[$0.id]),
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
                caseID.map {
                    Terminal.words("cli.status.none.case", ["case": SafeText.escape($0), "hint": didYouMean])
                }
                    ?? Terminal.words("cli.status.none"))
            return
        }
        // The fleet's table: each row led by the kiosk that captured it.
        let kiosks = allKiosks ? inspections.map { SafeText.escape($0.kiosk ?? thisKiosk) } : nil
        for line in StatusDetails.table(inspections, videos: videos, kiosks: kiosks) { Terminal.line(line) }
    }
}
