import InspektCore

/// The editing keys of a one-line text field, in one table: `TextField.handle` dispatches through it and help
/// lists it on every screen where a field has the keys. Printable keys type themselves.
enum TextFieldKeys {
    enum Action: Sendable { case move, start, end, deleteBack, delete, clear }

    static let keymap = Keymap<Action>(
        "title.text-field",
        [
            KeyBinding([.left, .right], "Left/Right", "key.move-in-field", .move, footer: false),
            KeyBinding([.home, .control("a")], "Home", "key.start-of-field", .start, footer: false),
            KeyBinding([.end, .control("e")], "End", "key.end-of-field", .end, footer: false),
            KeyBinding([.backspace], "Bksp", "key.delete-back", .deleteBack, footer: false),
            KeyBinding([.delete], "Del", "key.delete", .delete, footer: false),
            KeyBinding([.control("u")], "^U", "key.clear-field", .clear, footer: false),
        ])

    /// The action bound to `key`; a field's keys never depend on the screen's state.
    static func action(for key: Key) -> Action? {
        keymap.bindings.first { $0.keys.contains(key) }?.action
    }
}
