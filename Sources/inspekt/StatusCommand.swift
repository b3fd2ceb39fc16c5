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

    @Flag(help: "Print one JSON object: {\"inspections\": [...]}.")
    var json = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let service = try CommandEnvironment.openService(configuration, label: "status")
        var inspections = try service.inspections()
        if let caseID { inspections = inspections.filter { $0.facts.caseID == caseID } }
        if json {
            let compared = try service.comparedInspections()
            Terminal.json([
                "inspections": inspections.map { StatusDetails.adding(to: StatusDetails.row($0), for: $0, compared: compared[$0.id]) }
            ])
            return
        }
        if inspections.isEmpty {
            Terminal.note(caseID == nil ? "No inspections on this kiosk yet." : "No inspections for that case.")
            return
        }
        for line in StatusDetails.table(inspections) { Terminal.line(line) }
    }
}
