import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// How the review screen draws: the case, the slots, the checks and the reason dialog, scrolled to fit.
extension ReviewScreen {
    /// Rows left for the review's lines in a body of `height` rows (the error takes two at the bottom).
    static func visibleRows(_ state: AppState, height: Int) -> Int {
        max(1, height - (state.review.error == nil || state.review.askingReason ? 0 : 2))
    }

    /// How far the review can scroll at the current size.
    static func maxScroll(_ state: AppState) -> Int {
        guard let draft = state.draft else { return 0 }
        let body = state.size.height - 3
        let lines = content(state, draft, width: state.size.width).size.height
        let visible = visibleRows(state, height: body)
        // When it overflows, the last visible row says where the view stands.
        return lines > visible ? lines - (visible - 1) : 0
    }

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        guard let draft = state.draft else {
            screen.put(words("review.nothing"), x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let lines = content(state, draft, width: rect.width)
        let visible = visibleRows(state, height: rect.height)
        let overflows = lines.size.height > visible
        let shown = overflows ? visible - 1 : visible
        let scroll = overflows ? max(0, min(state.review.scroll, lines.size.height - shown)) : 0
        for row in 0..<min(shown, lines.size.height - scroll) {
            for x in 0..<min(rect.width, lines.size.width) { screen[rect.x + x, rect.y + row] = lines[x, scroll + row] }
        }
        if overflows {
            let last = min(lines.size.height, scroll + shown)
            let where_ = words(
                "review.scrolled",
                [
                    "first": words.number(scroll + 1), "last": words.number(last),
                    "total": words.number(lines.size.height),
                ])
            screen.put(where_, x: rect.x + 2, y: rect.y + shown, maxWidth: rect.width - 4, style: .role(.muted))
        }
        if let error = state.review.error, !state.review.askingReason {
            let wrapped = TextWidth.wrap(
                glyphs.cross + " " + error, to: rect.width - 4, lines: 2, ellipsis: glyphs.ellipsis)
            for (i, line) in wrapped.enumerated() {
                screen.put(
                    line, x: rect.x + 2, y: rect.maxY - 2 + i, maxWidth: rect.width - 4,
                    style: .role(.error, bold: true))
            }
        }
        if state.review.askingReason { drawReasonDialog(state, missing: draft.missingSlots, into: &screen) }
    }

    /// Every line of the review, drawn into a grid as tall as it needs; `draw` shows the scrolled window of it.
    static func content(_ state: AppState, _ draft: Inspection, width: Int) -> Screen {
        let glyphs = state.options.glyphs
        let words = state.options.words
        var screen = Screen(size: Size(width: width, height: 200))
        let rect = Rect(x: 0, y: 0, width: width, height: 200)
        let facts = draft.facts
        var y = 0
        let labelWidth = 14
        func line(_ label: String, _ value: String, _ style: CellStyle = .normal) {
            screen.put(label, x: rect.x + 2, y: y, maxWidth: labelWidth, style: .role(.muted))
            for row in TextWidth.wrap(value, to: rect.width - labelWidth - 3) where y < rect.maxY {
                screen.put(row, x: rect.x + 2 + labelWidth, y: y, maxWidth: rect.width - labelWidth - 3, style: style)
                y += 1
            }
        }
        let twoColumns = rect.width >= 100
        line(words("review.case"), SafeText.escape(facts.caseID), .role(.normal, bold: true))
        if VehicleKey.normalised(facts.vehicle).isEmpty {
            // Inspections are grouped by plate or VIN: without one, no later inspection can be compared with this one.
            line(
                words("review.vehicle"), "! " + words("review.vehicle.none"),
                .role(.warn, bold: true))
        } else {
            line(
                words("review.vehicle"),
                SafeText.escape(facts.vehicle) + (facts.vehicleType.map { "  (\($0.title))" } ?? ""))
        }
        line(
            words("review.agent"),
            [facts.agentID, facts.agentName].filter { !$0.isEmpty }.map(SafeText.escape).joined(
                separator: " " + glyphs.dash + " "))
        if !facts.email.isEmpty { line(words("review.email"), SafeText.escape(facts.email)) }
        if !facts.notes.isEmpty { line(words("review.notes"), SafeText.escape(facts.notes)) }
        y += 1
        let total = draft.photos.reduce(Int64(0)) { $0 + $1.size }
        line(
            words("review.photos"),
            words("review.photos.files", count: draft.photos.count, ["size": words.bytes(total)]),
            .role(.normal, bold: true))
        let missing = draft.missingSlots
        if draft.isVideoWalkAround {
            line(words("review.missing"), glyphs.check + " " + words("review.missing.video"), .role(.ok, bold: true))
        } else if missing.isEmpty {
            line(words("review.missing"), glyphs.check + " " + words("review.missing.none"), .role(.ok, bold: true))
        } else {
            line(
                words("review.missing"), glyphs.cross + " " + missing.map(words.slot).joined(separator: ", "),
                .role(.error, bold: true))
        }
        y += 1
        // Slots with their files.
        let rows = (CoverageSlot.allCases + [.video]).flatMap { slot -> [(CoverageSlot, PhotoSelection?)] in
            let files = draft.photos.filter { $0.slot == slot }
            if files.isEmpty { return slot.isRequired ? [(slot, nil)] : [] }
            return files.map { (slot, $0) }
        }
        let perColumn = twoColumns ? max(1, (rows.count + 1) / 2) : rows.count
        let columnWidth = twoColumns ? (rect.width - 4) / 2 : rect.width - 4
        for (i, row) in rows.enumerated() {
            let column = i / max(1, perColumn)
            let x = rect.x + 2 + column * columnWidth
            let rowY = y + i % max(1, perColumn)
            let mark = row.1 == nil ? glyphs.cross : glyphs.check
            screen.put(mark, x: x, y: rowY, style: .role(row.1 == nil ? .error : .ok, bold: true))
            // "Video walk-around" is too long for the column; the line above says the rest.
            let slotName = row.0 == .video ? words("review.slot.video") : words.slot(row.0)
            screen.put(TextWidth.fit(slotName, to: 16), x: x + 2, y: rowY)
            if let photo = row.1 {
                let size = words.bytes(photo.size)
                let nameWidth = columnWidth - 20 - TextWidth.width(of: size) - 2
                screen.put(
                    TextWidth.truncate(SafeText.escape(photo.fileName), to: nameWidth, ellipsis: glyphs.ellipsis),
                    x: x + 19, y: rowY)
                screen.put(size, x: x + columnWidth - TextWidth.width(of: size) - 2, y: rowY, style: .role(.muted))
            } else {
                screen.put(words("review.slot.missing"), x: x + 19, y: rowY, style: .role(.warn))
            }
        }
        y += perColumn + 1
        y = drawChecks(state, draft, into: &screen, y: y, width: width)
        var cropped = Screen(size: Size(width: width, height: min(200, y)))
        for row in 0..<cropped.size.height {
            for x in 0..<width { cropped[x, row] = screen[x, row] }
        }
        return cropped
    }

    /// The local checks, one line per finding with its figure (wrapped), under the slots.
    static func drawChecks(
        _ state: AppState, _ draft: Inspection, into screen: inout Screen, y start: Int, width: Int
    ) -> Int {
        let glyphs = state.options.glyphs
        let words = state.options.words
        var y = start
        screen.put(words("review.checks"), x: 2, y: y, style: .role(.muted))
        y += 1
        // Findings get the whole width: a file name, its slot and the figure rarely fit beside a label.
        let textWidth = width - 6
        func lines(_ text: String, _ style: CellStyle) {
            for row in TextWidth.wrap(text, to: textWidth) where y < screen.size.height {
                screen.put(row, x: 4, y: y, maxWidth: textWidth, style: style)
                y += 1
            }
        }
        switch state.review.quality {
        case .notChecked, .checking:
            lines(words("review.checks.running") + glyphs.ellipsis, .role(.muted))
        case .checked(let findings) where findings.isEmpty:
            lines(glyphs.check + " " + words("review.checks.fine"), .role(.ok, bold: true))
        case .checked(let findings):
            for finding in findings {
                let mark = finding.blocksSubmit ? glyphs.cross : "!"
                lines(
                    mark + " " + words.finding(finding),
                    finding.blocksSubmit ? .role(.error, bold: true) : .role(.warn, bold: true))
            }
        }
        let qScore = qScoreLines(state, draft)
        if !qScore.isEmpty, y < screen.size.height {
            screen.put("Q Score", x: 2, y: y, style: .role(.muted))
            y += 1
        }
        for (text, style) in qScore { lines(text, style) }
        return y
    }

    static func drawReasonDialog(_ state: AppState, missing: [CoverageSlot], into screen: inout Screen) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        let width = min(screen.size.width - 4, 70)
        let message = words("review.reason.ask", ["missing": missing.map(words.slot).joined(separator: ", ")])
        let lines = TextWidth.wrap(message, to: width - 4)
        let height = lines.count + 5 + (state.review.error == nil ? 0 : 1)
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(1, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        screen.box(rect, title: words("review.reason.title"), glyphs: glyphs, style: .role(.warn, bold: true))
        for (i, line) in lines.enumerated() { screen.put(line, x: rect.x + 2, y: rect.y + 1 + i, maxWidth: width - 4) }
        let fieldY = rect.y + 2 + lines.count
        let label = words("review.reason.field")
        let labelWidth = TextWidth.width(of: label) + 1
        screen.put(label, x: rect.x + 2, y: fieldY, style: .role(.focus, bold: true))
        let cursor = state.review.reason.draw(
            into: &screen, x: rect.x + 2 + labelWidth, y: fieldY, width: width - 4 - labelWidth, focused: true)
        screen.cursor = (cursor, fieldY)
        if let error = state.review.error {
            screen.put(
                glyphs.cross + " " + error, x: rect.x + 2, y: fieldY + 1, maxWidth: width - 4,
                style: .role(.error, bold: true))
        }
        screen.put(
            words("review.reason.keys"), x: rect.x + 2, y: rect.maxY - 2, maxWidth: width - 4, style: .role(.muted))
    }
}
