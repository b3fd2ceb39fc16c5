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
                "inspections": inspections.map { StatusDetails.adding(to: Self.row($0), for: $0, compared: compared[$0.id]) }
            ])
            return
        }
        if inspections.isEmpty {
            Terminal.note(caseID == nil ? "No inspections on this kiosk yet." : "No inspections for that case.")
            return
        }
        let table = [["CASE", "STATE", "PHOTOS", "INSPECTION ID", "RESULT"]]
            + inspections.map { inspection in
                [
                    SafeText.escape(inspection.facts.caseID), inspection.state.rawValue, String(inspection.photos.count),
                    SafeText.escape(inspection.session ?? "-"), SafeText.escape(Self.outcome(inspection)),
                ]
            }
        let widths = (0..<5).map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            Terminal.line(cells.joined(separator: "  "))
        }
    }

    /// The verdict in words: damaged-part count, rejection reason or failure reason.
    static func outcome(_ inspection: Inspection) -> String {
        if let result = inspection.result {
            switch result.verdict {
            case .available:
                return "available: \(result.damagedPartCount) damaged part\(result.damagedPartCount == 1 ? "" : "s")"
            case .rejected:
                return "rejected: \(result.message ?? "no reason given")"
            }
        }
        switch inspection.state {
        case .failedRetryable: return inspection.failureReason ?? "failed"
        case .mayHaveBeenAccepted:
            return "may have been accepted: check the Inspektlabs portal for this case; `inspekt resume --retry-failed` asks again"
        case .processing: return "waiting for the result"
        default: return "-"
        }
    }

    static func row(_ inspection: Inspection) -> [String: Any] {
        var row: [String: Any] = [
            "id": inspection.id, "case_id": inspection.facts.caseID, "state": inspection.state.rawValue,
            "photos": inspection.photos.count, "session": inspection.session ?? NSNull(),
            "created_at": ISO8601DateFormatter().string(from: inspection.createdAt),
            "updated_at": ISO8601DateFormatter().string(from: inspection.updatedAt),
        ]
        if let result = inspection.result {
            row["verdict"] = result.verdict.rawValue
            row["damaged_parts"] = result.damagedPartCount
            if let message = result.message { row["message"] = message }
            if result.verdict == .rejected { row["reason"] = result.message ?? "" }
        }
        if let reason = inspection.failureReason { row["reason"] = reason }
        return row
    }
}
