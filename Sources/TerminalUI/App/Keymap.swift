import InspektCore

/// One key binding of a screen: the keys, what the footer and help call it, the action, and when it applies.
public struct KeyBinding<Action: Sendable>: Sendable {
    public let keys: [Key]
    /// How the key is written for a person, e.g. "Enter", "j/k".
    public let keyLabel: String
    /// What it does, in a word or two.
    public let label: String
    public let action: Action
    /// Shown on the bottom line (the few that matter); every binding shows in the help overlay.
    public let inFooter: Bool
    public let isEnabled: @Sendable (AppState) -> Bool

    public init(_ keys: [Key], _ keyLabel: String, _ label: String, _ action: Action, footer: Bool = true,
                when isEnabled: @escaping @Sendable (AppState) -> Bool = { _ in true }) {
        self.keys = keys
        self.keyLabel = keyLabel
        self.label = label
        self.action = action
        self.inFooter = footer
        self.isEnabled = isEnabled
    }
}

/// A key binding as the footer and the help overlay show it.
public struct KeyHint: Sendable, Hashable {
    public var keyLabel: String
    public var label: String
    public var enabled: Bool
    public var inFooter: Bool
}

/// The one table of key bindings of a screen: it drives dispatch, the footer and the help overlay alike.
public struct Keymap<Action: Sendable>: Sendable {
    public let title: String
    public let bindings: [KeyBinding<Action>]

    public init(_ title: String, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action bound to `key` that is enabled now, if any.
    public func action(for key: Key, in state: AppState) -> Action? {
        for binding in bindings where binding.keys.contains(key) && binding.isEnabled(state) {
            return binding.action
        }
        return nil
    }

    /// Every binding, for the help overlay and the footer.
    public func hints(in state: AppState) -> [KeyHint] {
        bindings.map {
            KeyHint(keyLabel: $0.keyLabel, label: $0.label, enabled: $0.isEnabled(state), inFooter: $0.inFooter)
        }
    }
}
