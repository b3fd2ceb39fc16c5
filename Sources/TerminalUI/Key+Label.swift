import InspektCore

extension Key {
    /// Whether this is a printable character that a text field takes.
    public var printable: Character? {
        if case .character(let c) = self, !c.isNewline, c.asciiValue.map({ $0 >= 0x20 && $0 != 0x7F }) ?? true,
            !SafeText.needsEscaping(String(c))
        {
            return c
        }
        return nil
    }
}

extension Key {
    /// How the key is written in the help overlay: "Space", "Ctrl-L", "PgDn", "F2".
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-" + c.uppercased()
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }
}
