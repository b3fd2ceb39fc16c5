import Foundation
import InspektCore

/// A comparison (API.md §5): what it compares, its state, and once its result arrived the new damage only —
/// part, damage, severity and the photo it shows on — under one verdict line.
public enum ComparisonScreen {
    public enum Action: Sendable, Hashable {
        case scroll(ListMove), back
    }

    /// The comparison's one key table.
    public static let keymap = Keymap<Action>("Comparison", [
        KeyBinding([.up, .character("k")], "k/Up", "scroll up", .scroll(.up), footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "scroll down", .scroll(.down), footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .scroll(.pageUp), footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .scroll(.pageDown), footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "top", .scroll(.top), footer: false),
        KeyBinding([.end, .character("G")], "G/End", "bottom", .scroll(.bottom), footer: false),
        KeyBinding([.escape, .character("q"), .left, .character("h")], "Esc", "back", .back, rank: .goOn),
    ])

    /// Opens a comparison and asks for it and the two inspections it compares.
    static func open(_ comparison: Inspection, from route: Route = .board, _ state: inout AppState) -> [Command] {
        state.comparison = ComparisonState()
        state.comparison.id = comparison.id
        state.comparison.comparison = comparison
        state.comparison.returnRoute = route
        state.route = .comparison(id: comparison.id)
        return [.history(.loadComparison(id: comparison.id))]
    }

    /// The freshest copy: the board's (events update it) unless only the loaded one has the result.
    static func current(_ state: AppState, id: String) -> Inspection? {
        let loaded = state.comparison.id == id ? state.comparison.comparison : nil
        guard let live = state.inspection(id: id) else { return loaded }
        if live.result == nil, let loaded, loaded.result != nil { return loaded }
        return live
    }

    static func handle(_ key: Key, id: String, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .scroll(let move):
            let height = state.size.height - 3
            state.comparison.scroll = text(state, id: id, width: state.size.width - 4)
                .scrolled(state.comparison.scroll, by: move, height: height, page: max(1, height - 2))
        case .back: state.route = state.comparison.returnRoute
        }
        return []
    }

    /// The screen's lines for the comparison as it is now.
    static func text(_ state: AppState, id: String, width: Int) -> ScrollingText {
        ScrollingText(lines: current(state, id: id).map { ComparisonLines.lines(state, $0, width: width) } ?? [])
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        guard current(state, id: id) != nil else {
            screen.put("Loading the comparison" + state.options.glyphs.ellipsis, x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        text(state, id: id, width: rect.width - 4).draw(scroll: state.comparison.scroll, into: &screen, rect: rect,
                                                        glyphs: state.options.glyphs)
    }
}
