import InspektCore

/// The keys every screen takes, in one table: dispatch (`AppUpdate.handleKey`) and help read it alike.
enum GlobalKeys {
    enum Action: Sendable { case help, redraw, quit }

    static let keymap = Keymap<Action>(
        "title.everywhere",
        [
            // `?` opens help in a text field too (no case id, plate or filter holds one); F1 and Ctrl-G (nano's) as well.
            KeyBinding([.character("?"), .function(1), .control("g")], "?", "key.help", .help, rank: .help),
            KeyBinding([.control("l")], "^L", "key.redraw", .redraw, footer: false),
            KeyBinding([.control("c")], "^C", "key.quit-inspekt", .quit, footer: false),
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
        "title.filter",
        [
            KeyBinding([.enter], "Enter", "key.keep-filter", .keep, rank: .goOn),
            KeyBinding([.escape], "Esc", "key.clear-filter", .clear, rank: .goOn),
            KeyBinding([.up, .down, .pageUp, .pageDown], "Up/Down", "key.move", .move),
        ])

    /// What the footer and help show while the filter line has the keys.
    static let hints =
        [KeyHint(keyLabel: "key.type", label: "key.to-filter")]
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
            KeyBinding([.up, .character("k")], "k/Up", "key.up", wrap(.up), footer: false),
            KeyBinding([.down, .character("j")], "j/Down", "key.down", wrap(.down), footer: false),
            KeyBinding([.pageUp], "PgUp", "key.page-up", wrap(.pageUp), footer: false),
            KeyBinding([.pageDown], "PgDn", "key.page-down", wrap(.pageDown), footer: false),
            KeyBinding([.home, .character("g")], "g/Home", "key.first", wrap(.top), footer: false),
            KeyBinding([.end, .character("G")], "G/End", "key.last", wrap(.bottom), footer: false),
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
            KeyBinding([.up, .character("k")], "k/Up", "key.scroll-up", wrap(.up), footer: false),
            KeyBinding([.down, .character("j")], "j/Down", "key.scroll-down", wrap(.down), footer: false),
            KeyBinding([.pageUp], "PgUp", "key.page-up", wrap(.pageUp), footer: false),
            KeyBinding([.pageDown, .character(" ")], "PgDn", "key.page-down", wrap(.pageDown), footer: false),
            KeyBinding([.home, .character("g")], "g/Home", "key.top", wrap(.top), footer: false),
            KeyBinding([.end, .character("G")], "G/End", "key.bottom", wrap(.bottom), footer: false),
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
