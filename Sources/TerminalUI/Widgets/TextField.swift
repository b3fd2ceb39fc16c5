import InspektCore

/// A one-line text input: its text and the cursor (in characters).
public struct TextField: Sendable, Hashable {
    public var text: String
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        if let c = key.printable {
            let index = text.index(text.startIndex, offsetBy: min(cursor, text.count))
            text.insert(c, at: index)
            cursor += 1
            return true
        }
        guard let action = TextFieldKeys.action(for: key) else { return false }
        switch action {
        case .deleteBack:
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .move: cursor = key == .left ? max(0, cursor - 1) : min(text.count, cursor + 1)
        case .start: cursor = 0
        case .end: cursor = text.count
        case .clear:
            text = ""
            cursor = 0
        }
        return true
    }

    /// Draws the field into `width` columns at (x, y), scrolled so the cursor shows; returns the cursor's column.
    @discardableResult
    public func draw(
        into screen: inout Screen, x: Int, y: Int, width: Int, focused: Bool, style: CellStyle = .normal,
        placeholder: String? = nil
    ) -> Int {
        guard width > 0 else { return x }
        let fieldStyle =
            focused ? CellStyle(role: .focus, underline: true) : CellStyle(role: style.role, underline: true)
        screen.fill(Rect(x: x, y: y, width: width, height: 1), style: fieldStyle)
        if text.isEmpty, let placeholder, !focused {
            screen.put(placeholder, x: x, y: y, maxWidth: width, style: CellStyle(role: .muted, underline: true))
            return x
        }
        let characters = Array(SafeText.escape(text))
        let shownCursor = min(cursor, characters.count)
        // Scroll so the cursor stays inside the field.
        var start = 0
        var widthBeforeCursor = characters[0..<shownCursor].reduce(0) { $0 + TextWidth.width(of: $1) }
        while widthBeforeCursor > width - 1, start < shownCursor {
            widthBeforeCursor -= TextWidth.width(of: characters[start])
            start += 1
        }
        screen.put(String(characters[start...]), x: x, y: y, maxWidth: width, style: fieldStyle)
        return x + widthBeforeCursor
    }
}
