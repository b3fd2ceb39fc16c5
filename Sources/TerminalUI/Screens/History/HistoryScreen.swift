import Foundation
import InspektCore

/// Vehicle history (`v` on the board): every inspection and comparison of one vehicle, oldest first.
public enum HistoryScreen {
    public enum Action: Sendable, Hashable {
        case move(ListMove), open, compare, back
    }

    static func selected(_ state: AppState) -> Inspection? {
        guard let rows = state.history.rows, let index = state.history.list.selectedSource, index < rows.count else {
            return nil
        }
        return rows[index]
    }

    /// The history's one key table.
    public static let keymap = Keymap<Action>(
        "title.vehicle-history",
        ListKeys.bindings { Action.move($0) } + [
            KeyBinding([.enter], "Enter", "key.open", .open, rank: .main, when: { selected($0) != nil }),
            KeyBinding(
                [.character("c")], "c", "key.compare-with-earlier", .compare, changesData: true,
                when: { HistoryUpdate.canCompare(selected($0)) }),
            KeyBinding([.escape, .character("q"), .left, .character("h")], "Esc", "key.board", .back, rank: .goOn),
        ])

    static func pageHeight(_ size: Size) -> Int { max(1, size.height - 6) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .move(let move): ListKeys.move(&state.history.list, move, page: pageHeight(state.size))
        case .open:
            guard let inspection = selected(state) else { return [] }
            if inspection.compared != nil { return ComparisonScreen.open(inspection, from: .history, &state) }
            return AppUpdate.open(inspection, &state)
        case .compare:
            guard let inspection = selected(state) else { return [] }
            return ComparePickScreen.open(after: inspection, from: .history, &state)
        case .back: state.route = .board
        }
        return []
    }

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let vehicle = SafeText.escape(state.history.vehicle)
        guard let rows = state.history.rows else {
            screen.put(
                state.options.words("history.loading", ["vehicle": vehicle]) + glyphs.ellipsis, x: rect.x + 2,
                y: rect.y + 1,
                style: .role(.muted))
            return
        }
        let comparisons = rows.filter { $0.compared != nil }.count
        let count = rows.count - comparisons
        let words = state.options.words
        var title = "\(vehicle) \(glyphs.dash) " + words("history.inspections", count: count)
        if comparisons > 0 { title += ", " + words("history.comparisons", count: comparisons) }
        title += ", " + words("history.oldest-first")
        // Wrapped, never cut: a narrow terminal gives the title a second line.
        let lines = TextWidth.wrap(title, to: rect.width - 4, lines: 2, ellipsis: glyphs.ellipsis)
        for (i, line) in lines.enumerated() {
            screen.put(line, x: rect.x + 2, y: rect.y + i, maxWidth: rect.width - 4, style: .role(.title, bold: true))
        }
        let tableRect = Rect(
            x: rect.x, y: rect.y + lines.count + 1, width: rect.width, height: rect.height - lines.count - 1)
        if rows.isEmpty {
            screen.put(
                state.options.words("history.none"), x: rect.x + 2, y: tableRect.y, style: .role(.muted))
            return
        }
        InspectionTable(third: .kind).draw(rows, list: state.history.list, state: state, into: &screen, rect: tableRect)
    }
}
