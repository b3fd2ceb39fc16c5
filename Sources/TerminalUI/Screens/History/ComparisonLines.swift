import Foundation
import InspektCore

/// The text of the comparison screen, line by line: facts, the verdict, then the new damage as a table.
enum ComparisonLines {
    typealias Line = (text: String, style: CellStyle)

    /// Damage lines listed; the rest are counted (a result may hold thousands).
    static let maxPartLines = 200

    static func lines(_ state: AppState, _ comparison: Inspection, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        let heading = CellStyle(role: .title, bold: true, underline: true)
        var out: [Line] = []
        func field(_ label: String, _ value: String, _ style: CellStyle = .normal) {
            for (i, line) in TextWidth.wrap(value, to: max(10, width - 16)).enumerated() {
                out.append(((i == 0 ? TextWidth.fit(label, to: 14) : String(repeating: " ", count: 14)) + "  " + line, style))
            }
        }
        let before = describe(state.comparison.before, session: comparison.compared?.before, state: state)
        let after = describe(state.comparison.after, session: comparison.compared?.after, state: state)
        out.append(("Comparison", heading))
        field("Case id", SafeText.escape(comparison.facts.caseID))
        if !comparison.facts.vehicle.isEmpty { field("Vehicle", SafeText.escape(comparison.facts.vehicle)) }
        field("Before", before)
        field("After", after)
        if let session = comparison.session { field("Inspection id", SafeText.escape(session)) }
        field("Asked", Format.dateTime(comparison.createdAt, in: state.timeZone))
        out.append(("", .normal))

        let since = state.comparison.before.map { SafeText.escape($0.facts.caseID) } ?? "the earlier inspection"
        out.append(("New damage since \(since)", heading))
        guard let result = comparison.result else {
            let words = BoardScreen.stateText(comparison, tracking: state.uploads[comparison.id], now: state.now, glyphs: glyphs)
            field("Verdict", words.glyph + " " + words.text, .role(words.role, bold: true))
            if comparison.state == .processing {
                out.append(("  Waiting for the result: Inspektlabs pushes it to the receiver.", .role(.muted)))
            }
            return out
        }
        field("Verdict", verdict(result, glyphs: glyphs), .role(verdictRole(result), bold: true))
        guard result.verdict == .available, !result.damagedParts.isEmpty else { return out }
        let columns = Columns(width: width)
        out.append((columns.row(["Part", "Damage", "Severity", "Photo"], glyphs: glyphs), CellStyle(role: .muted, bold: true, underline: true)))
        for part in result.damagedParts.prefix(maxPartLines) {
            let severity = part.shownSeverity.map(severityWords) ?? (part.severity == nil ? "" : "unknown")
            let cells = [part.part, part.damageType, severity, part.photo ?? ""].map(SafeText.escape)
            out.append((columns.row(cells, glyphs: glyphs), .normal))
        }
        if result.totalDamageEntries > min(result.damagedParts.count, maxPartLines) {
            let more = result.totalDamageEntries - min(result.damagedParts.count, maxPartLines)
            out.append((glyphs.ellipsis + " and \(more) more (the whole result is stored)", .role(.muted)))
        }
        return out
    }

    /// "! 2 new damaged parts — recommendation: Review"; "✓ No new damage"; or the rejection (the heading says since when).
    static func verdict(_ result: ResultSummary, glyphs: Glyphs) -> String {
        switch result.verdict {
        case .rejected:
            return glyphs.cross + " Rejected " + glyphs.dash + " " + SafeText.escape(result.message ?? "no reason given")
        case .available:
            let count = result.damagedPartCount
            guard count > 0 else { return glyphs.check + " No new damage" }
            var text = "! \(count) new damaged part\(count == 1 ? "" : "s")"
            if let recommendation = result.recommendation {
                text += " " + glyphs.dash + " recommendation: " + SafeText.escape(recommendation)
            }
            return text
        }
    }

    /// Green only for no new damage; new damage is a warning; a rejection an error.
    static func verdictRole(_ result: ResultSummary) -> StyleRole {
        result.verdict == .rejected ? .error : (result.damagedPartCount == 0 ? .ok : .warn)
    }

    /// "minor (0.2)", "moderate (0.5)", "severe (0.8)".
    static func severityWords(_ value: Double) -> String {
        (value < 0.34 ? "minor" : (value < 0.67 ? "moderate" : "severe")) + " (\(Format.oneDecimal(value)))"
    }

    /// "PICKUP, 2026-12-01 09:00 (inspection id in-…)", or the bare inspection id while not loaded.
    static func describe(_ inspection: Inspection?, session: String?, state: AppState) -> String {
        guard let inspection else { return SafeText.escape(session ?? "unknown") }
        var text = SafeText.escape(inspection.facts.caseID) + ", " + Format.dateTime(inspection.createdAt, in: state.timeZone)
        if let session = inspection.session { text += " (" + SafeText.escape(session) + ")" }
        return text
    }

    /// The damage table's columns at a width: part, damage, severity, photo.
    struct Columns {
        var widths: [Int]
        init(width: Int) {
            let part = max(12, width * 26 / 100), damage = max(8, width * 16 / 100), severity = 15
            widths = [part, damage, severity, max(8, width - 2 - part - damage - severity - 3)]
        }

        func row(_ cells: [String], glyphs: Glyphs) -> String {
            "  " + zip(cells, widths).map { TextWidth.fit($0, to: $1, ellipsis: glyphs.ellipsis) }.joined(separator: " ")
        }
    }
}
