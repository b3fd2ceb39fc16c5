import Foundation
import InspektCore

/// Review: the case, the slots and anything missing, before submitting.
public enum ReviewScreen {
    public enum Action: Sendable, Hashable {
        case submit, back, editCase, help, scroll(ReviewScroll)
    }

    /// How a scrolling key moves the review.
    public enum ReviewScroll: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom
    }

    /// The review screen's one key table.
    public static let keymap = Keymap<Action>("Review", [
        KeyBinding([.enter, .function(2)], "Enter", "submit", .submit, when: { !$0.review.submitting }),
        KeyBinding([.up, .character("k")], "k/Up", "scroll up", .scroll(.up), footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "scroll down", .scroll(.down), footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .scroll(.pageUp), footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .scroll(.pageDown), footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "top", .scroll(.top), footer: false),
        KeyBinding([.end, .character("G")], "G/End", "bottom", .scroll(.bottom), footer: false),
        KeyBinding([.escape, .character("q")], "Esc/q", "photos", .back),
        KeyBinding([.character("c")], "c", "edit case", .editCase),
        KeyBinding([.character("?"), .function(1)], "?", "help", .help),
    ])

    /// Keys while the reason for missing photos is typed.
    public static let reasonKeymap = Keymap<Action>("Reason for missing photos", [
        KeyBinding([.enter], "Enter", "submit with this reason", .submit),
        KeyBinding([.escape], "Esc", "cancel", .back),
    ])

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if state.review.askingReason {
            if state.review.reason.handle(key) {
                state.review.error = nil
                return []
            }
            switch reasonKeymap.action(for: key, in: state) {
            case .submit:
                let reason = state.review.reason.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else {
                    state.review.error = "Type why the photos are missing; the reason is stored with the inspection."
                    return []
                }
                return submit(reason: reason, &state)
            case .back:
                state.review.askingReason = false
                state.review.error = nil
                return []
            default:
                return []
            }
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .submit:
            state.review.confirmedDoubtful = false
            state.review.confirmedRepeat = false
            return requestSubmit(&state)
        case .back:
            state.review.error = nil
            return PhotosScreen.enter(&state)
        case .editCase:
            state.route = .caseEntry
        case .help:
            state.overlay = .help
        case .scroll(let how):
            let page = max(1, visibleRows(state, height: state.size.height - 3) - 1)
            let limit = maxScroll(state)
            let now = min(state.review.scroll, limit)
            switch how {
            case .up: state.review.scroll = max(0, now - 1)
            case .down: state.review.scroll = min(limit, now + 1)
            case .pageUp: state.review.scroll = max(0, now - page)
            case .pageDown: state.review.scroll = min(limit, now + page)
            case .top: state.review.scroll = 0
            case .bottom: state.review.scroll = limit
            }
        }
        return []
    }

    /// Shows the review and asks for the local checks of its photos.
    static func enter(_ state: inout AppState) -> [Command] {
        state.review = ReviewState()
        state.route = .review
        guard let draft = state.draft, !draft.photos.isEmpty else { return [] }
        state.review.quality = .checking
        return [.checkQuality(id: draft.id, photos: draft.photos)]
    }

    /// The way to submit, gate by gate: photos at all, the checks' verdict (a sure rejection refuses,
    /// a doubt asks), a case id accepted before (asks), then the reason for missing slots.
    static func requestSubmit(_ state: inout AppState) -> [Command] {
        guard let draft = state.draft else { return [] }
        if draft.photos.isEmpty {
            state.review.error = "No photos chosen: go back (Esc) and pick at least one."
            return []
        }
        switch state.review.quality {
        case .checking:
            // Submitted as soon as the checks answer, unless they find something.
            state.review.submitWhenChecked = true
            state.notice = Notice("Checking the photos first" + state.options.glyphs.ellipsis)
            return []
        case .notChecked:
            state.review.submitWhenChecked = true
            state.review.quality = .checking
            return [.checkQuality(id: draft.id, photos: draft.photos)]
        case .checked(let findings):
            let blocking = findings.filter(\.blocksSubmit)
            if let first = blocking.first {
                let more = blocking.count > 1 ? " (and \(blocking.count - 1) more)" : ""
                state.review.error = "Inspektlabs would reject \(first.sentence)\(more). Replace it: Esc goes back to the photos."
                return []
            }
            let doubtful = findings.filter { !$0.blocksSubmit }
            if !doubtful.isEmpty, !state.review.confirmedDoubtful {
                state.overlay = .confirm(.submitDoubtfulPhotos(doubtful))
                return []
            }
        }
        if !state.review.confirmedRepeat, let earlier = acceptedBefore(draft, in: state) {
            state.overlay = .confirm(.submitCaseAgain(caseID: draft.facts.caseID, earlier: earlier, now: state.now))
            return []
        }
        if !draft.missingSlots.isEmpty {
            state.review.askingReason = true
            state.review.reason = TextField(draft.missingReason ?? "")
            return []
        }
        return submit(reason: nil, &state)
    }

    /// Another inspection of the same case id that Inspektlabs accepted, newest first.
    static func acceptedBefore(_ draft: Inspection, in state: AppState) -> Inspection? {
        let caseID = draft.facts.caseID.lowercased()
        return state.inspections.first { $0.id != draft.id && $0.state.wasAccepted && $0.facts.caseID.lowercased() == caseID }
    }

    static func submit(reason: String?, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        draft.missingReason = reason
        draft.updatedAt = state.now
        state.review.askingReason = false
        state.review.submitting = true
        state.review.error = nil
        state.uploads[draft.id] = UploadTracking()
        state.route = .upload(id: draft.id)
        // The service saves and marks it ready; its `inspectionChanged` moves the row, not this screen.
        return [.submit(draft, missingReason: reason)]
    }

    // MARK: view

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
        guard let draft = state.draft else {
            screen.put("Nothing to review.", x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
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
            let where_ = "lines \(scroll + 1)-\(last) of \(lines.size.height): j/k, PgUp/PgDn scroll"
            screen.put(where_, x: rect.x + 2, y: rect.y + shown, maxWidth: rect.width - 4, style: .role(.muted))
        }
        if let error = state.review.error, !state.review.askingReason {
            let wrapped = TextWidth.wrap(glyphs.cross + " " + error, to: rect.width - 4, lines: 2, ellipsis: glyphs.ellipsis)
            for (i, line) in wrapped.enumerated() {
                screen.put(line, x: rect.x + 2, y: rect.maxY - 2 + i, maxWidth: rect.width - 4, style: .role(.error, bold: true))
            }
        }
        if state.review.askingReason { drawReasonDialog(state, missing: draft.missingSlots, into: &screen) }
    }

    /// Every line of the review, drawn into a grid as tall as it needs; `draw` shows the scrolled window of it.
    static func content(_ state: AppState, _ draft: Inspection, width: Int) -> Screen {
        let glyphs = state.options.glyphs
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
        line("Case id", SafeText.escape(facts.caseID), .role(.normal, bold: true))
        line("Vehicle", SafeText.escape(facts.vehicle) + (facts.vehicleType.map { "  (\($0.title))" } ?? ""))
        line("Agent", [facts.agentID, facts.agentName].filter { !$0.isEmpty }.map(SafeText.escape).joined(separator: " " + glyphs.dash + " "))
        if !facts.email.isEmpty { line("Report to", SafeText.escape(facts.email)) }
        if !facts.notes.isEmpty { line("Notes", SafeText.escape(facts.notes)) }
        y += 1
        let total = draft.photos.reduce(Int64(0)) { $0 + $1.size }
        line("Photos", "\(draft.photos.count) file\(draft.photos.count == 1 ? "" : "s"), \(Format.bytes(total))", .role(.normal, bold: true))
        let missing = draft.missingSlots
        if missing.isEmpty {
            line("Missing", glyphs.check + " none: all 8 walk-around angles covered", .role(.ok, bold: true))
        } else {
            line("Missing", glyphs.cross + " " + missing.map(\.title).joined(separator: ", "), .role(.error, bold: true))
        }
        y += 1
        // Slots with their files.
        let rows = CoverageSlot.allCases.flatMap { slot -> [(CoverageSlot, PhotoSelection?)] in
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
            screen.put(TextWidth.fit(row.0.title, to: 16), x: x + 2, y: rowY)
            if let photo = row.1 {
                let size = Format.bytes(photo.size)
                let nameWidth = columnWidth - 20 - TextWidth.width(of: size) - 2
                screen.put(TextWidth.truncate(SafeText.escape(photo.fileName), to: nameWidth, ellipsis: glyphs.ellipsis),
                           x: x + 19, y: rowY)
                screen.put(size, x: x + columnWidth - TextWidth.width(of: size) - 2, y: rowY, style: .role(.muted))
            } else {
                screen.put("missing", x: x + 19, y: rowY, style: .role(.warn))
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
    static func drawChecks(_ state: AppState, _ draft: Inspection, into screen: inout Screen, y start: Int, width: Int) -> Int {
        let glyphs = state.options.glyphs
        var y = start
        screen.put("Checks", x: 2, y: y, style: .role(.muted))
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
            lines("Checking size, sharpness, exposure and duplicates" + glyphs.ellipsis, .role(.muted))
        case .checked(let findings) where findings.isEmpty:
            lines(glyphs.check + " size, sharpness, exposure and duplicates look fine", .role(.ok, bold: true))
        case .checked(let findings):
            for finding in findings {
                let mark = finding.blocksSubmit ? glyphs.cross : "!"
                lines(mark + " " + finding.sentence, finding.blocksSubmit ? .role(.error, bold: true) : .role(.warn, bold: true))
            }
        }
        return y
    }

    static func drawReasonDialog(_ state: AppState, missing: [CoverageSlot], into screen: inout Screen) {
        let glyphs = state.options.glyphs
        let width = min(screen.size.width - 4, 70)
        let message = "Required photos are missing: \(missing.map(\.title).joined(separator: ", ")). Type why; the reason is stored with the inspection."
        let lines = TextWidth.wrap(message, to: width - 4)
        let height = lines.count + 5 + (state.review.error == nil ? 0 : 1)
        let rect = Rect(x: (screen.size.width - width) / 2, y: max(1, (screen.size.height - height) / 2), width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Submit with photos missing?", glyphs: glyphs, style: .role(.warn, bold: true))
        for (i, line) in lines.enumerated() { screen.put(line, x: rect.x + 2, y: rect.y + 1 + i, maxWidth: width - 4) }
        let fieldY = rect.y + 2 + lines.count
        screen.put("Reason:", x: rect.x + 2, y: fieldY, style: .role(.focus, bold: true))
        let cursor = state.review.reason.draw(into: &screen, x: rect.x + 10, y: fieldY, width: width - 12, focused: true)
        screen.cursor = (cursor, fieldY)
        if let error = state.review.error {
            screen.put(glyphs.cross + " " + error, x: rect.x + 2, y: fieldY + 1, maxWidth: width - 4, style: .role(.error, bold: true))
        }
        screen.put("Enter submits  Esc cancels", x: rect.x + 2, y: rect.maxY - 2, maxWidth: width - 4, style: .role(.muted))
    }
}
