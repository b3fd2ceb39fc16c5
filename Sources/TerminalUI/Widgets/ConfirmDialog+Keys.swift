import InspektCore

/// A dialog's keys as a table: its choices and Esc to cancel. Dispatch (`outcome(for:)`), the footer and help
/// read it alike.
extension ConfirmDialog {
    var keymap: Keymap<Outcome> {
        Keymap(
            title,
            choices.map { KeyBinding([.character($0.key)], String($0.key), $0.label, $0.outcome) }
                + [KeyBinding([.escape], "Esc", "key.cancel", .cancel, footer: false)])
    }

    /// The outcome for a key: a choice's key (either letter case), Esc for cancel.
    func outcome(for key: Key) -> Outcome? {
        var key = key
        if case .character(let c) = key, let lower = c.lowercased().first { key = .character(lower) }
        return keymap.bindings.first { $0.keys.contains(key) }?.action
    }
}
