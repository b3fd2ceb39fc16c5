import InspektCore

/// The keys every screen takes, in one table: dispatch (`AppUpdate.handleKey`) and help read it alike.
enum GlobalKeys {
    enum Action: Sendable { case help, redraw, quit }

    static let keymap = Keymap<Action>(
        "Everywhere",
        [
            // `?` opens help in a text field too (no case id, plate or filter holds one); F1 and Ctrl-G (nano's) as well.
            KeyBinding([.character("?"), .function(1), .control("g")], "?", "help", .help, rank: .help),
            KeyBinding([.control("l")], "^L", "redraw", .redraw, footer: false),
            KeyBinding([.control("c")], "^C", "quit inspekt", .quit, footer: false),
        ])
}

/// The keys of a list's filter line (board and photos), in one table; other keys edit the filter text.
enum FilterKeys {
    enum Action: Sendable {
        /// Leave the line, keep the filter.
        case keep
        /// Leave the line, clear the filter.
        case clear
        /// Move in the filtered list (the screen's own table handles it).
        case move
    }

    static let keymap = Keymap<Action>(
        "Filter",
        [
            KeyBinding([.enter], "Enter", "keep filter", .keep, rank: .goOn),
            KeyBinding([.escape], "Esc", "clear filter", .clear, rank: .goOn),
            KeyBinding([.up, .down, .pageUp, .pageDown], "Up/Down", "move", .move),
        ])

    /// What the footer and help show while the filter line has the keys.
    static let hints =
        [KeyHint(keyLabel: "type", label: "to filter")]
        + keymap.bindings.map {
            KeyHint(keyLabel: $0.keyLabel, label: $0.label, inFooter: $0.inFooter, rank: $0.rank, keys: $0.keys)
        }
}

/// One move in a list or a scrolled text.
public enum ListMove: Sendable, Hashable { case up, down, pageUp, pageDown, top, bottom }

/// The moving keys of a list (board, photos, history, picker), in one place.
enum ListKeys {
    /// The keys bound to `wrap(move)`.
    static func bindings<Action: Sendable>(_ wrap: (ListMove) -> Action) -> [KeyBinding<Action>] {
        [
            KeyBinding([.up, .character("k")], "k/Up", "up", wrap(.up), footer: false),
            KeyBinding([.down, .character("j")], "j/Down", "down", wrap(.down), footer: false),
            KeyBinding([.pageUp], "PgUp", "page up", wrap(.pageUp), footer: false),
            KeyBinding([.pageDown], "PgDn", "page down", wrap(.pageDown), footer: false),
            KeyBinding([.home, .character("g")], "g/Home", "first", wrap(.top), footer: false),
            KeyBinding([.end, .character("G")], "G/End", "last", wrap(.bottom), footer: false),
        ]
    }

    /// How far a move goes in a list of `count` rows, `page` rows a page.
    static func step(_ move: ListMove, page: Int, count: Int) -> Int {
        switch move {
        case .up: -1
        case .down: 1
        case .pageUp: -page
        case .pageDown: page
        case .top: -count
        case .bottom: count
        }
    }

    /// Moves the highlight of `list`.
    static func move(_ list: inout ListView, _ move: ListMove, page: Int) {
        list.move(by: step(move, page: page, count: list.count), page: page)
    }
}

/// The keys of a scrolled text (detail, review, comparison), in one place: Space pages down as in a pager.
enum ScrollKeys {
    /// The keys bound to `wrap(move)`.
    static func bindings<Action: Sendable>(_ wrap: (ListMove) -> Action) -> [KeyBinding<Action>] {
        [
            KeyBinding([.up, .character("k")], "k/Up", "scroll up", wrap(.up), footer: false),
            KeyBinding([.down, .character("j")], "j/Down", "scroll down", wrap(.down), footer: false),
            KeyBinding([.pageUp], "PgUp", "page up", wrap(.pageUp), footer: false),
            KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", wrap(.pageDown), footer: false),
            KeyBinding([.home, .character("g")], "g/Home", "top", wrap(.top), footer: false),
            KeyBinding([.end, .character("G")], "G/End", "bottom", wrap(.bottom), footer: false),
        ]
    }

    /// The first line shown after `move`, within `0...limit` (an offset past the end counts as the end).
    static func scrolled(_ offset: Int, _ move: ListMove, page: Int, limit: Int) -> Int {
        let limit = max(0, limit)
        return max(0, min(limit, min(offset, limit) + ListKeys.step(move, page: page, count: limit + 1)))
    }
}

extension KeyHint {
    /// Keys every screen handles, whatever its table says.
    public static let global = GlobalKeys.keymap.bindings.map {
        KeyHint(keyLabel: $0.keyLabel, label: $0.label, inFooter: $0.inFooter, rank: $0.rank, keys: $0.keys)
    }
}
