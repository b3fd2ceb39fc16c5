import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// Case entry: the case reference and the facts that travel with it.
public enum CaseEntryScreen {
    public enum Action: Sendable, Hashable {
        case nextField, previousField, enter, goOn, back, choiceNext, choicePrevious
    }

    static func onChoice(_ state: AppState) -> Bool { state.caseEntry.focus == .vehicleType }

    /// Case entry's one key table.
    public static let keymap = Keymap<Action>(
        "title.case-entry",
        [
            KeyBinding([.tab, .down], "Tab", "key.next", .nextField, rank: .main),
            KeyBinding([.backTab, .up], "S-Tab", "key.back", .previousField),
            KeyBinding(
                [.right, .character(" ")], "Right", "key.next-type", .choiceNext, footer: false, when: onChoice),
            KeyBinding([.left], "Left", "key.previous-type", .choicePrevious, footer: false, when: onChoice),
            KeyBinding([], "a-z", "key.type-by-its-first-letter", .choiceNext, footer: false, when: onChoice),
            KeyBinding([.enter], "Enter", "key.next", .enter),
            KeyBinding([.function(2), .control("n")], "F2/^N", "key.photos", .goOn, rank: .goOn),
            KeyBinding([.escape], "Esc", "key.board", .back, rank: .goOn),
        ])

    /// Picks the vehicle type whose name starts with `letter`, the next one after the current on a repeat.
    static func pickType(startingWith letter: Character, _ state: inout AppState) {
        let words = state.options.words
        let all = VehicleType.allCases
        let start = state.caseEntry.vehicleType.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let wanted = String(letter).lowercased()
        // The names as shown first; then the English ones, for a keyboard that cannot type the language's letters.
        for name in [words.vehicleType, Languages.english.vehicleType] {
            for step in 0..<all.count {
                let candidate = all[(start + step) % all.count]
                if name(candidate).lowercased().hasPrefix(wanted) {
                    state.caseEntry.vehicleType = candidate
                    state.caseEntry.dirty = true
                    return
                }
            }
        }
        let names = all.map(words.vehicleType).joined(separator: ", ")
        state.notice = Notice(
            words("case.type.none-starts", ["letter": SafeText.escape(String(letter)), "types": names]), role: .error)
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        var form = state.caseEntry
        if var field = form[text: form.focus], field.handle(key) {
            form[text: form.focus] = field
            form.dirty = true
            state.caseEntry = form
            return []
        }
        if onChoice(state), let letter = key.printable, letter.isLetter {
            pickType(startingWith: letter, &state)
            return []
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .nextField:
            state.caseEntry.focus = state.caseEntry.focus.next
            return saveIfNeeded(&state)
        case .previousField:
            state.caseEntry.focus = state.caseEntry.focus.previous
            return saveIfNeeded(&state)
        case .enter:
            if state.caseEntry.focus.isLast { return goOn(&state) }
            state.caseEntry.focus = state.caseEntry.focus.next
            return saveIfNeeded(&state)
        case .goOn:
            return goOn(&state)
        case .choiceNext, .choicePrevious:
            let choices: [VehicleType?] = [nil] + VehicleType.allCases.map { $0 }
            let at = choices.firstIndex(of: state.caseEntry.vehicleType) ?? 0
            let step = action == .choiceNext ? 1 : choices.count - 1
            state.caseEntry.vehicleType = choices[(at + step) % choices.count]
            state.caseEntry.dirty = true
            return []
        case .back:
            if !state.caseEntry.isFilled {
                var commands: [Command] = []
                if state.caseEntry.saved, let draft = state.draft {
                    commands.append(.discardDraft(id: draft.id))
                    state.removeInspection(id: draft.id)
                }
                state.draft = nil
                state.route = .board
                return commands
            }
            var dialog = ConfirmDialog.leaveCaseEntry(words: state.options.words)
            if !CaseIDRule.isValid(state.caseEntry.caseID.text) {
                // Without a valid case id there is nothing to keep on the board.
                dialog.message = state.options.words("case.leave.invalid")
                dialog.choices.removeAll { $0.outcome == .keepDraftAndLeave }
            }
            state.overlay = .confirm(dialog)
            return []
        }
    }

    /// Saves the draft when the form changed and its case id is valid: a draft is saved as you go.
    static func saveIfNeeded(_ state: inout AppState, force: Bool = false) -> [Command] {
        guard var draft = state.draft, state.caseEntry.dirty || force || !state.caseEntry.saved,
            CaseIDRule.isValid(state.caseEntry.caseID.text)
        else { return [] }
        draft.facts = state.caseEntry.facts
        draft.updatedAt = state.now
        state.draft = draft
        state.caseEntry.dirty = false
        state.caseEntry.saved = true
        state.upsert(draft)
        return [.saveDraft(draft)]
    }

    static func goOn(_ state: inout AppState) -> [Command] {
        if let field = state.caseEntry.firstProblem {
            state.caseEntry.focus = field
            state.caseEntry.showAllProblems = true
            state.notice = Notice(
                state.caseEntry.problem(field, words: state.options.words) ?? state.options.words("case.check"),
                role: .error)
            return []
        }
        var commands = saveIfNeeded(&state, force: true)
        let facts = state.caseEntry.facts
        if facts.agentID != state.lastAgent.id || facts.agentName != state.lastAgent.name {
            state.lastAgent = AgentIdentity(id: facts.agentID, name: facts.agentName)
            commands.append(.rememberAgent(id: facts.agentID, name: facts.agentName))
        }
        commands += PhotosScreen.enter(&state)
        return commands
    }

    // MARK: view

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let form = state.caseEntry
        let glyphs = state.options.glyphs
        let words = state.options.words
        let labelWidth = 15
        let fieldWidth = min(36, max(16, (rect.width - labelWidth - 4) * 2 / 5))
        let problemX = rect.x + 2 + labelWidth + fieldWidth + 2
        let problemWidth = rect.maxX - problemX - 1
        let fields = CaseField.allCases.count
        // A focused field's reason that does not fit beside it goes whole below the form: the fields close up for it.
        let focusedProblem = form.problem(form.focus, words: words)
        let besideLines = { (rows: Int) in
            focusedProblem.map { TextWidth.wrap(glyphs.cross + " " + $0, to: problemWidth).count <= rows } ?? true
        }
        let belowLines = focusedProblem.map { TextWidth.wrap(glyphs.cross + " " + $0, to: rect.width - 4).count } ?? 0
        var rowsPerField = max(1, min(3, rect.height / fields))
        let fitsBeside = rowsPerField > 1 && besideLines(rowsPerField)
        if !fitsBeside { rowsPerField = max(1, min(rowsPerField, (rect.height - belowLines - 2) / fields)) }
        var y = rect.y + (rect.height > rowsPerField * fields ? 1 : 0)
        for field in CaseField.allCases {
            let focused = form.focus == field
            let labelStyle: CellStyle = focused ? .role(.focus, bold: true) : .normal
            screen.put(
                (focused ? glyphs.pointer : " ") + " " + words.field(field), x: rect.x, y: y, maxWidth: labelWidth + 2,
                style: labelStyle)
            let fieldX = rect.x + 2 + labelWidth
            if field == .vehicleType {
                let name = form.vehicleType.map(words.vehicleType) ?? words("case.type.not-set")
                let text = "< " + name + " >"
                screen.fill(
                    Rect(x: fieldX, y: y, width: fieldWidth, height: 1),
                    style: CellStyle(role: focused ? .focus : .normal, underline: true))
                screen.put(
                    text, x: fieldX, y: y, maxWidth: fieldWidth,
                    style: CellStyle(role: focused ? .focus : .normal, bold: focused, underline: true))
                if focused {
                    screen.put(
                        words("case.type.hint"), x: problemX, y: y, maxWidth: problemWidth, style: .role(.muted))
                }
            } else if let text = form[text: field] {
                let cursorX = text.draw(
                    into: &screen, x: fieldX, y: y, width: fieldWidth, focused: focused,
                    placeholder: words.placeholder(field))
                if focused { screen.cursor = (cursorX, y) }
            }
            // The reason beside the field, as it is typed.
            let showProblem = focused || form.showAllProblems || !(form[text: field]?.text.isEmpty ?? true)
            if let problem = form.problem(field, words: words), showProblem, problemWidth > 8 {
                let lines = TextWidth.wrap(
                    glyphs.cross + " " + problem, to: problemWidth, lines: rowsPerField, ellipsis: glyphs.ellipsis)
                for (i, line) in lines.enumerated() {
                    screen.put(line, x: problemX, y: y + i, maxWidth: problemWidth, style: .role(.error, bold: true))
                }
            } else if field == .caseID || (field == .email && !form.email.text.isEmpty) {
                if form.problem(field) == nil {
                    screen.put(
                        glyphs.check + " " + words("case.field.ok"), x: problemX, y: y, maxWidth: problemWidth,
                        style: .role(.ok, bold: true))
                }
            }
            y += rowsPerField
        }
        if let problem = focusedProblem, !fitsBeside {
            // No room beside the field: the focused field's reason goes whole below the form.
            y += 1
            for line in TextWidth.wrap(glyphs.cross + " " + problem, to: rect.width - 4) where y < rect.maxY {
                screen.put(line, x: rect.x + 2, y: y, style: .role(.error, bold: true))
                y += 1
            }
        } else if form.focus == .agentID || form.focus == .agentName, !state.lastAgent.id.isEmpty, y < rect.maxY {
            screen.put(
                words("case.agent.remembered"), x: rect.x + 2, y: y, maxWidth: rect.width - 4,
                style: .role(.muted))
        }
    }
}
