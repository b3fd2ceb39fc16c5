import Foundation
import InspektCore

/// Review: the case, the slots and anything missing, before submitting.
public enum ReviewScreen {
    public enum Action: Sendable, Hashable {
        case submit, back, editCase, help
    }

    /// The review screen's one key table.
    public static let keymap = Keymap<Action>("Review", [
        KeyBinding([.enter, .function(2)], "Enter", "submit", .submit, when: { !$0.review.submitting }),
        KeyBinding([.escape], "Esc", "photos", .back),
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
            guard let draft = state.draft else { return [] }
            if draft.photos.isEmpty {
                state.review.error = "No photos chosen: go back (Esc) and pick at least one."
                return []
            }
            if !draft.missingSlots.isEmpty {
                state.review.askingReason = true
                state.review.reason = TextField(draft.missingReason ?? "")
                return []
            }
            return submit(reason: nil, &state)
        case .back:
            state.review.error = nil
            return PhotosScreen.enter(&state)
        case .editCase:
            state.route = .caseEntry
        case .help:
            state.overlay = .help
        }
        return []
    }

    static func submit(reason: String?, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        draft.missingReason = reason
        draft.updatedAt = state.now
        state.review.askingReason = false
        state.review.submitting = true
        state.review.error = nil
        var shown = draft
        shown.state = .ready
        state.upsert(shown)
        state.uploads[draft.id] = UploadTracking()
        state.route = .upload(id: draft.id)
        return [.saveDraft(draft), .submit(id: draft.id, missingReason: reason)]
    }

    // MARK: view

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        guard let draft = state.draft else {
            screen.put("Nothing to review.", x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let facts = draft.facts
        var y = rect.y
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
        line("Vehicle", SafeText.escape(facts.vehicle) + (facts.vehicleType.map { "  (\($0.rawValue))" } ?? ""))
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
        let available = rect.maxY - y - (state.review.error == nil ? 0 : 2)
        let perColumn = twoColumns ? max(1, (rows.count + 1) / 2) : rows.count
        let columnWidth = twoColumns ? (rect.width - 4) / 2 : rect.width - 4
        let shownRows = available < perColumn ? available - 1 : available
        for (i, row) in rows.enumerated() {
            let column = i / max(1, perColumn)
            let r = i % max(1, perColumn)
            guard r < shownRows else { continue }
            let x = rect.x + 2 + column * columnWidth
            let rowY = y + r
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
        if available < perColumn, rows.count > 0 {
            screen.put("\(glyphs.ellipsis) \(perColumn - shownRows) more: F2 on the photos screen shows them all", x: rect.x + 2, y: y + max(0, shownRows),
                       maxWidth: rect.width - 4, style: .role(.muted))
        }
        if let error = state.review.error, !state.review.askingReason {
            screen.put(glyphs.cross + " " + error, x: rect.x + 2, y: rect.maxY - 1, maxWidth: rect.width - 4, style: .role(.error, bold: true))
        }
        if state.review.askingReason { drawReasonDialog(state, missing: missing, into: &screen) }
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
