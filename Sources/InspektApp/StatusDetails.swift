import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import TerminalUI

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

    /// `inspekt status` as a table in the operator's language: one line per inspection, columns padded to the
    /// width the terminal draws, the verdict last. A video walk-around shows "video 0:42" as its kind and no photo
    /// count. With `kiosks` (the fleet's table) each row is led by the kiosk that captured it.
    public static func table(
        _ inspections: [Inspection], videos: [String: VideoSummary] = [:], kiosks: [String]? = nil,
        words: Localizer = Terminal.language
    ) -> [String] {
        let header = [
            words("cli.status.column.case"), words("cli.status.column.state"), words("cli.status.column.photos"),
            words("cli.status.column.session"), words("cli.status.column.kind"), words("cli.status.column.result"),
        ]
        var table =
            [header]
            + inspections.map { inspection in
                [
                    SafeText.escape(inspection.facts.caseID), stateWord(inspection, words: words),
                    inspection.compared == nil && videos[inspection.id] == nil
                        ? words.number(inspection.photos.count) : "-",
                    SafeText.escape(inspection.session ?? "-"),
                    videos[inspection.id].map { kind($0, words) }
                        ?? (inspection.compared == nil
                            ? words("cli.status.kind.inspection") : words("cli.status.kind.comparison")),
                    SafeText.escape(outcome(inspection, words: words)),
                ]
            }
        if let kiosks { table = zip([words("cli.status.column.kiosk")] + kiosks, table).map { [$0] + $1 } }
        let columns = table.first?.count ?? 0
        let widths = (0..<columns).map { column in table.map { TextWidth.width(of: $0[column]) }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell + String(repeating: " ", count: max(0, widths[index] - TextWidth.width(of: cell)))
            }.joined(separator: "  ")
        }
    }

    /// "video 0:42", or "video" when its duration is not known.
    static func kind(_ video: VideoSummary, _ words: Localizer) -> String {
        video.duration.map { words("cli.status.kind.video", ["duration": VideoContainer.clock($0)]) }
            ?? words("cli.status.kind.video.unknown")
    }

    /// `media` ("photos" or "video") for an inspection, and for a video walk-around its file, size and duration.
    public static func addingMedia(to row: [String: Any], video: VideoSummary?) -> [String: Any] {
        var row = row
        guard let video else {
            if row["kind"] as? String == "inspection" { row["media"] = "photos" }
            return row
        }
        row["media"] = "video"
        row["video"] = [
            "file": video.fileName, "size": video.size,
            "duration_seconds": video.duration.map { $0 as Any } ?? NSNull(),
        ]
        return row
    }

    /// The verdict in words: damaged-part count, rejection reason or failure reason.
    public static func outcome(_ inspection: Inspection, words: Localizer = Terminal.language) -> String {
        if let result = inspection.result {
            switch result.verdict {
            case .available:
                let count = result.damagedPartCount
                // A comparison's result holds only the damage new since the earlier inspection.
                if let compared = inspection.compared {
                    return words("cli.status.available.new", count: count, ["before": compared.before])
                }
                return words("cli.status.available", count: count)
            case .rejected:
                return words("cli.status.rejected", ["reason": result.message ?? words("cli.status.no-reason")])
            }
        }
        switch inspection.state {
        case .uploading where inspection.isInterruptedUpload:
            return words("cli.status.interrupted")
        case .failedRetryable: return inspection.failureReason ?? words("cli.status.failed")
        case .mayHaveBeenAccepted:
            return words("cli.status.may-have-been-accepted")
        case .processing:
            return inspection.compared.map {
                words("cli.status.waiting.compares", ["after": $0.after, "before": $0.before])
            } ?? words("cli.status.waiting")
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

    /// The state in the table, in the operator's language (`stateWord`'s English words in English).
    static func stateWord(_ inspection: Inspection, words: Localizer) -> String {
        if inspection.isInterruptedUpload { return words("cli.status.state.interrupted") }
        switch inspection.state {
        case .draft: return words("cli.status.state.draft")
        case .ready: return words("cli.status.state.ready")
        case .uploading: return words("cli.status.state.uploading")
        case .processing: return words("cli.status.state.processing")
        case .available: return words("cli.status.state.available")
        case .rejected: return words("cli.status.state.rejected")
        case .failedRetryable: return words("cli.status.state.failed")
        case .mayHaveBeenAccepted: return words("cli.status.state.may-have-been-accepted")
        }
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
