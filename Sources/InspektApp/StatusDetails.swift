import Foundation
import InspektCore

/// What `inspekt status --json` adds to each item: its kind, what a comparison compares, and the damage
/// found (`new_damage` for a comparison, `damage` and `recommendation` for an inspection) once a result arrived.
public enum StatusDetails {
    public static func adding(
        to row: [String: Any], for inspection: Inspection, compared: ComparedInspections?
    ) -> [String: Any] {
        var row = row
        row["kind"] = compared == nil ? "inspection" : "comparison"
        if let compared {
            row["before"] = compared.before
            row["after"] = compared.after
        }
        guard let result = inspection.result, result.verdict == .available else { return row }
        let damage = result.damagedParts.map { part -> [String: Any] in
            [
                "part": part.part, "damage": part.damageType, "severity": part.severity.map { $0 as Any } ?? NSNull(),
                "photo": part.photo.map { $0 as Any } ?? NSNull(),
            ]
        }
        if compared == nil {
            row["damage"] = damage
            if let recommendation = result.recommendation { row["recommendation"] = recommendation }
        } else {
            row["new_damage"] = damage
        }
        return row
    }

    /// `inspekt status` as a table: one line per inspection, columns padded, the verdict last.
    public static func table(_ inspections: [Inspection]) -> [String] {
        let table =
            [["CASE", "STATE", "PHOTOS", "INSPECTION ID", "KIND", "RESULT"]]
            + inspections.map { inspection in
                [
                    SafeText.escape(inspection.facts.caseID), stateWord(inspection),
                    inspection.compared == nil ? String(inspection.photos.count) : "-",
                    SafeText.escape(inspection.session ?? "-"),
                    inspection.compared == nil ? "inspection" : "comparison",
                    SafeText.escape(outcome(inspection)),
                ]
            }
        let widths = (0..<6).map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }

    /// The verdict in words: damaged-part count, rejection reason or failure reason.
    public static func outcome(_ inspection: Inspection) -> String {
        if let result = inspection.result {
            switch result.verdict {
            case .available:
                let count = result.damagedPartCount
                // A comparison's result holds only the damage new since the earlier inspection.
                if let compared = inspection.compared {
                    return "available: \(count) new damaged part\(count == 1 ? "" : "s") since \(compared.before)"
                }
                return "available: \(count) damaged part\(count == 1 ? "" : "s")"
            case .rejected:
                return "rejected: \(result.message ?? "no reason given")"
            }
        }
        switch inspection.state {
        case .uploading where inspection.isInterruptedUpload:
            return interruptedWords
        case .failedRetryable: return inspection.failureReason ?? "failed"
        case .mayHaveBeenAccepted:
            return
                "may have been accepted: check the Inspektlabs portal for this case; `inspekt resume --retry-failed` asks again"
        case .processing:
            return inspection.compared.map { "waiting for the result: compares \($0.after) with \($0.before)" }
                ?? "waiting for the result"
        default: return "-"
        }
    }

    /// What an interrupted upload needs, in words.
    public static let interruptedWords =
        "upload interrupted (its process is gone): `inspekt resume` or r on the board continues it with the same inspection"

    /// The state as `status` says it: an upload whose process is gone reads "interrupted", never "uploading".
    public static func stateWord(_ inspection: Inspection) -> String {
        inspection.isInterruptedUpload ? "interrupted" : inspection.state.rawValue
    }

    /// One inspection as `status --json` lists it; `thisKiosk` names the kiosk of a row from before fleet mode.
    public static func row(_ inspection: Inspection, thisKiosk: String) -> [String: Any] {
        var row: [String: Any] = [
            "kiosk": inspection.kiosk ?? thisKiosk, "id": inspection.id, "case_id": inspection.facts.caseID,
            "state": stateWord(inspection),
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
        if inspection.isInterruptedUpload { row["reason"] = interruptedWords }
        return row
    }
}
