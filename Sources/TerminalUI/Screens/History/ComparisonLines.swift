import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// The text of the comparison screen, line by line: the two inspections, the verdict, then each return photo
/// with new damage beside the pickup photo of the same part, the damage numbered through.
enum ComparisonLines {
    /// One line of the comparison screen.
    struct Line {
        var text: String
        var style: CellStyle
        /// Rows of photo pictures drawn in the line's left gutter (pickup, then return).
        var pictures: [Picture] = []
        /// The new damage the line names (an index into `NewDamagePhotos.placed`), to highlight and open it.
        var damage: Int?

        init(_ text: String, _ style: CellStyle, damage: Int? = nil) {
            self.text = text
            self.style = style
            self.damage = damage
        }
    }

    /// One cell row of a photo's picture, `column` cells right of the text's left edge.
    struct Picture: Hashable {
        var path: String
        var row: Int
        var column: Int
    }

    /// Damage lines listed; the rest are counted (a result may hold thousands).
    static let maxPartLines = 200
    static let pictureColumns = 8
    static let pictureRows = 3
    /// Where a damage line's text starts: indent, pickup picture, gap, return picture, gap.
    static let gutter = String(repeating: " ", count: 2 + pictureColumns + 1 + pictureColumns + 2)

    static func lines(_ state: AppState, _ comparison: Inspection, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        let heading = CellStyle(role: .title, bold: true, underline: true)
        let words = state.options.words
        var out: [Line] = []
        func field(_ label: String, _ value: String, _ style: CellStyle = .normal) {
            for (i, line) in TextWidth.wrap(value, to: max(10, width - 16)).enumerated() {
                out.append(
                    Line(
                        (i == 0 ? TextWidth.fit(label, to: 14) : String(repeating: " ", count: 14)) + "  " + line, style
                    ))
            }
        }
        out.append(Line(words("title.comparison"), heading))
        field(words("compare.case"), SafeText.escape(comparison.facts.caseID))
        if !comparison.facts.vehicle.isEmpty {
            field(words("compare.vehicle"), SafeText.escape(comparison.facts.vehicle))
        }
        field(
            words("compare.pickup"),
            describe(state.comparison.before, session: comparison.compared?.before, state: state))
        field(
            words("compare.return"), describe(state.comparison.after, session: comparison.compared?.after, state: state)
        )
        if let session = comparison.session { field(words("compare.session"), SafeText.escape(session)) }
        field(words("compare.asked"), Format.dateTime(comparison.createdAt, in: state.timeZone))
        out.append(Line("", .normal))

        let since =
            state.comparison.before.map { SafeText.escape($0.facts.caseID) } ?? words("notice.comparing.earlier")
        out.append(Line(words("compare.since", ["since": since]), heading))
        guard let result = comparison.result else {
            let shown = BoardScreen.stateText(
                comparison, tracking: state.uploads[comparison.id], now: state.now, glyphs: glyphs, words: words)
            field(words("compare.verdict"), shown.glyph + " " + shown.text, .role(shown.role, bold: true))
            if comparison.state == .processing {
                out.append(Line("  " + words("compare.waiting"), .role(.muted)))
            }
            return out
        }
        field(
            words("compare.verdict"), verdict(result, glyphs: glyphs, words: words),
            .role(verdictRole(result), bold: true))
        if result.verdict == .available, let recommendation = result.recommendation {
            field(words("compare.recommendation"), SafeText.escape(recommendation))
        }
        guard result.verdict == .available, result.totalDamageEntries > 0 else { return out }
        guard state.comparison.after != nil else {
            // The return is not read yet (or not in this database): the damage as the result names it.
            out.append(Line("", .normal))
            out.append(Line(words("compare.new-damage-heading"), heading))
            for (index, part) in result.damagedParts.prefix(maxPartLines).enumerated() {
                let text =
                    "\(index + 1). " + words.damage(part)
                    + (part.photo.map { " " + words("compare.on-photo", ["photo": SafeText.escape($0)]) } ?? "")
                for (i, line) in TextWidth.wrap(text, to: max(10, width - 5)).enumerated() {
                    out.append(Line((i == 0 ? "  " : "     ") + line, .normal))
                }
            }
            let note =
                state.comparison.loaded
                ? words("compare.return-missing") : words("compare.loading-photos") + glyphs.ellipsis
            out.append(Line("  " + note, .role(.muted)))
            return out
        }
        let layout = ComparisonScreen.newDamage(state, comparison)
        out += unplacedLines(layout, glyphs: glyphs, words: words, width: width)
        out.append(Line("", .normal))
        out.append(Line(words("compare.on-photos"), heading))
        out += pairLines(state, layout, width: width)
        if result.totalDamageEntries > min(layout.count, maxPartLines) {
            let more = result.totalDamageEntries - min(layout.count, maxPartLines)
            out.append(Line("  " + glyphs.ellipsis + words("compare.more", count: more), .role(.muted)))
        }
        return out
    }

    /// Each return photo with new damage: which photos stand side by side, their pictures, the damage numbered.
    static func pairLines(_ state: AppState, _ layout: NewDamagePhotos, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        let words = state.options.words
        var out: [Line] = []
        var listed = 0
        let textWidth = max(10, width - TextWidth.width(of: gutter))
        for pair in layout.pairs {
            guard listed < maxPartLines else { break }
            let photo = pair.returnPhoto.photo
            out.append(
                Line(
                    "  " + words("compare.return-row", ["slot": words.slot(photo.slot)]) + " " + glyphs.dash + " "
                        + SafeText.escape(photo.fileName), .normal
                ))
            if let pickup = pair.pickup {
                out.append(
                    Line(
                        "  " + words("compare.pickup-row", ["slot": words.slot(pickup.photo.slot)]) + " " + glyphs.dash
                            + " " + SafeText.escape(pickup.photo.fileName) + " (" + words.counterpart(pickup) + ")",
                        .role(.muted)))
            } else {
                out.append(Line("  " + words("compare.pickup-row-none"), .role(.muted)))
            }
            var body: [Line] = []
            for (offset, part) in pair.returnPhoto.damage.enumerated() where listed < maxPartLines {
                listed += 1
                let number = pair.firstNumber + offset
                for (i, text) in TextWidth.wrap("\(number). " + words.damage(part), to: textWidth).enumerated() {
                    body.append(Line(gutter + (i == 0 ? "" : "   ") + text, .normal, damage: number - 1))
                }
            }
            for path in [pair.pickup?.photo.path, photo.path].compactMap({ $0 })
            where state.comparison.unreadablePhotos.contains(path) {
                let note = path == photo.path ? "compare.return-unreadable" : "compare.pickup-unreadable"
                body.append(Line(gutter + words(note), .role(.muted)))
            }
            let pictures = state.options.color ? picturePaths(state, pair) : []
            if !pictures.isEmpty {
                while body.count < pictureRows { body.append(Line(gutter, .normal)) }
                for row in 0..<pictureRows {
                    body[row].pictures = pictures.map { Picture(path: $0.path, row: row, column: $0.column) }
                }
            }
            out += body
        }
        return out
    }

    /// The pictures a pair shows in its gutter, where they are loaded: pickup first, then return.
    static func picturePaths(_ state: AppState, _ pair: NewDamagePhotos.Pair) -> [(path: String, column: Int)] {
        var out: [(path: String, column: Int)] = []
        if let pickup = pair.pickup?.photo.path, state.comparison.previews[pickup] != nil { out.append((pickup, 2)) }
        let back = pair.returnPhoto.photo.path
        if state.comparison.previews[back] != nil { out.append((back, 2 + pictureColumns + 1)) }
        return out
    }

    /// New damage the result places on no return photo, listed under the verdict.
    static func unplacedLines(_ layout: NewDamagePhotos, glyphs: Glyphs, words: Localizer, width: Int) -> [Line] {
        guard !layout.unplaced.isEmpty else { return [] }
        var out = [Line("  " + words("compare.unplaced"), .normal)]
        for part in layout.unplaced.prefix(maxPartLines) {
            for (i, text) in TextWidth.wrap(words.damage(part), to: max(10, width - 4)).enumerated() {
                out.append(Line((i == 0 ? "  " + glyphs.bullet + " " : "    ") + text, .normal))
            }
        }
        return out
    }

    /// "! 2 new damages found"; "✓ No new damage found"; or the rejection (the heading says since when).
    static func verdict(_ result: ResultSummary, glyphs: Glyphs, words: Localizer) -> String {
        switch result.verdict {
        case .rejected:
            return glyphs.cross + " " + words("state.rejected") + " " + glyphs.dash + " "
                + (result.message.map(SafeText.escape) ?? words("state.rejected.no-reason"))
        case .available:
            return (result.totalDamageEntries == 0 ? glyphs.check : "!") + " " + words.newDamage(result)
        }
    }

    /// Green only for no new damage; new damage is a warning; a rejection an error.
    static func verdictRole(_ result: ResultSummary) -> StyleRole {
        result.verdict == .rejected ? .error : (result.totalDamageEntries == 0 ? .ok : .warn)
    }

    /// "PICKUP, 2026-12-01 09:00, agent Ana", or the bare inspection id while not loaded.
    static func describe(_ inspection: Inspection?, session: String?, state: AppState) -> String {
        let words = state.options.words
        guard let inspection else { return session.map(SafeText.escape) ?? words("damage.unknown") }
        var text =
            SafeText.escape(inspection.facts.caseID) + ", " + Format.dateTime(inspection.createdAt, in: state.timeZone)
        let agent = [inspection.facts.agentID, inspection.facts.agentName].filter { !$0.isEmpty }
        if !agent.isEmpty {
            text += ", " + words("compare.agent", ["agent": SafeText.escape(agent.joined(separator: " "))])
        }
        if let kiosk = inspection.kiosk, !kiosk.isEmpty {
            text += ", " + words("compare.kiosk", ["kiosk": SafeText.escape(kiosk)])
        }
        return text
    }
}
