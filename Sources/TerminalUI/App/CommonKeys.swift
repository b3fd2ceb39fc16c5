import InspektCore

/// The keys every screen takes, in one table: dispatch (`AppUpdate.handleKey`) and help read it alike.
enum GlobalKeys {
    enum Action: Sendable { case help, redraw, quit }

    static let keymap = Keymap<Action>("Everywhere", [
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

    static let keymap = Keymap<Action>("Filter", [
        KeyBinding([.enter], "Enter", "keep filter", .keep, rank: .goOn),
        KeyBinding([.escape], "Esc", "clear filter", .clear, rank: .goOn),
        KeyBinding([.up, .down, .pageUp, .pageDown], "Up/Down", "move", .move),
    ])

    /// What the footer and help show while the filter line has the keys.
    static let hints = [KeyHint(keyLabel: "type", label: "to filter")] + keymap.bindings.map {
        KeyHint(keyLabel: $0.keyLabel, label: $0.label, inFooter: $0.inFooter, rank: $0.rank, keys: $0.keys)
    }
}

extension KeyHint {
    /// Keys every screen handles, whatever its table says.
    public static let global = GlobalKeys.keymap.bindings.map {
        KeyHint(keyLabel: $0.keyLabel, label: $0.label, inFooter: $0.inFooter, rank: $0.rank, keys: $0.keys)
    }
}
