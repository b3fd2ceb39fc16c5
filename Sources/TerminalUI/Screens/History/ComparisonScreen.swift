import Foundation
import InspektCore

/// A comparison (API.md §5): what it compares, its state, and once its result arrived the new damage only —
/// part, damage, severity and the photo it shows on — under one verdict line.
public enum ComparisonScreen {
    public enum Action: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom, back, help
    }

    /// The comparison's one key table.
    public static let keymap = Keymap<Action>("Comparison", [
        KeyBinding([.up, .character("k")], "k/Up", "scroll up", .up, footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "scroll down", .down, footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .pageUp, footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .pageDown, footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "top", .top, footer: false),
        KeyBinding([.end, .character("G")], "G/End", "bottom", .bottom, footer: false),
        KeyBinding([.escape, .character("q"), .left, .character("h")], "Esc", "back", .back),
        KeyBinding([.character("?"), .function(1)], "?", "help", .help),
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
        let page = max(1, state.size.height - 5)
        let last = maxScroll(state, id: id)
        let scroll = min(state.comparison.scroll, last)
        switch action {
        case .up: state.comparison.scroll = max(0, scroll - 1)
        case .down: state.comparison.scroll = min(last, scroll + 1)
        case .pageUp: state.comparison.scroll = max(0, scroll - page)
        case .pageDown: state.comparison.scroll = min(last, scroll + page)
        case .top: state.comparison.scroll = 0
        case .bottom: state.comparison.scroll = last
        case .back: state.route = state.comparison.returnRoute
        case .help: state.overlay = .help
        }
        return []
    }

    static func maxScroll(_ state: AppState, id: String) -> Int {
        guard let comparison = current(state, id: id) else { return 0 }
        return max(0, ComparisonLines.lines(state, comparison, width: state.size.width - 4).count - (state.size.height - 3))
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        guard let comparison = current(state, id: id) else {
            screen.put("Loading the comparison" + state.options.glyphs.ellipsis, x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let all = ComparisonLines.lines(state, comparison, width: rect.width - 4)
        let maxScroll = max(0, all.count - rect.height)
        let scroll = min(state.comparison.scroll, maxScroll)
        for (i, line) in all.dropFirst(scroll).prefix(rect.height).enumerated() {
            screen.put(line.text, x: rect.x + 2, y: rect.y + i, maxWidth: rect.width - 4, style: line.style)
        }
        if maxScroll > 0 {
            let mark = "\(scroll + 1)\(state.options.glyphs.dash)\(min(all.count, scroll + rect.height)) of \(all.count)"
            screen.put(mark, x: rect.maxX - TextWidth.width(of: mark) - 1, y: rect.y, style: .role(.muted))
        }
    }
}
