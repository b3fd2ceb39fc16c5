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
