import InspektCore
import InspektLanguage

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
    /// Which footer hints stay when the line is short: `.goOn` ones last of all, `.help` first to go.
    public let rank: FooterRank
    public let isEnabled: @Sendable (AppState) -> Bool
    /// It creates, sends, retries, archives or edits something: a read-only board refuses it and never offers it.
    public let changesData: Bool

    public init(
        _ keys: [Key], _ keyLabel: String, _ label: String, _ action: Action, footer: Bool = true,
        rank: FooterRank = .other, changesData: Bool = false,
        when isEnabled: @escaping @Sendable (AppState) -> Bool = { _ in true }
    ) {
        self.keys = keys
        self.keyLabel = keyLabel
        self.label = label
        self.action = action
        self.inFooter = footer
        self.rank = rank
        self.isEnabled = isEnabled
        self.changesData = changesData
    }

    /// Whether it is offered and acts in this state: enabled, and not a change on a read-only board.
    func applies(in state: AppState) -> Bool {
        !(changesData && state.readOnly) && isEnabled(state)
    }
}

/// How much a footer hint matters when the bottom line cannot show them all: the lowest rank goes first.
public enum FooterRank: Int, Sendable, Hashable, Comparable {
    /// Help: every screen has it, and the help overlay lists every other key.
    case help
    case other
    /// The screen's main action (open, assign, submit).
    case main
    /// The keys that lead on or back: without them the operator is stuck.
    case goOn

    public static func < (a: FooterRank, b: FooterRank) -> Bool { a.rawValue < b.rawValue }
}

/// A key binding as the footer and the help overlay show it.
public struct KeyHint: Sendable, Hashable {
    public var keyLabel: String
    public var label: String
    public var enabled: Bool
    public var inFooter: Bool
    public var rank: FooterRank
    /// Every key of the binding by name, for the help overlay ("Enter/Space"); the footer's short label when empty.
    public var helpLabel: String

    public init(
        keyLabel: String, label: String, enabled: Bool = true, inFooter: Bool = true, rank: FooterRank = .other,
        keys: [Key] = []
    ) {
        self.keyLabel = keyLabel
        self.label = label
        self.enabled = enabled
        self.inFooter = inFooter
        self.rank = rank
        self.helpLabel = keys.isEmpty ? keyLabel : keys.map(\.name).joined(separator: "/")
    }

    /// The hint in the operator's language: its description, and its key where that is a word ("type").
    func inLanguage(_ words: Localizer) -> KeyHint {
        var hint = self
        hint.label = words(label)
        hint.keyLabel = words(keyLabel)
        hint.helpLabel = words(helpLabel)
        return hint
    }

    /// The editing keys of a text field, from the table its dispatch reads.
    public static let textEditing = TextFieldKeys.keymap.bindings.map {
        KeyHint(keyLabel: $0.keyLabel, label: $0.label, inFooter: $0.inFooter, rank: $0.rank, keys: $0.keys)
    }
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
        for binding in bindings where binding.keys.contains(key) && binding.applies(in: state) {
            return binding.action
        }
        return nil
    }

    /// A read-only board refuses `key`: no binding acts on it, and one that would change data has it.
    public func refuses(_ key: Key, in state: AppState) -> Bool {
        state.readOnly && action(for: key, in: state) == nil
            && bindings.contains { $0.changesData && $0.keys.contains(key) }
    }

    /// The keys a read-only board refuses now, each with what it would do, for the dispatch that says so.
    func refusedKeys(in state: AppState) -> [Key: String] {
        guard state.readOnly else { return [:] }
        var refused: [Key: String] = [:]
        for binding in bindings where binding.changesData {
            for key in binding.keys where refused[key] == nil && refuses(key, in: state) {
                refused[key] = binding.label
            }
        }
        return refused
    }

    /// Every binding, for the help overlay and the footer.
    /// A binding that stands in for another on the same keys (archive/restore) shows only while enabled.
    public func hints(in state: AppState) -> [KeyHint] {
        let enabled = bindings.map { $0.isEnabled(state) }
        return bindings.indices.compactMap { i in
            let binding = bindings[i]
            if binding.changesData && state.readOnly { return nil }
            if !enabled[i], !binding.keys.isEmpty,
                bindings.indices.contains(where: { $0 != i && enabled[$0] && bindings[$0].keys == binding.keys })
            {
                return nil
            }
            return KeyHint(
                keyLabel: binding.keyLabel, label: binding.label, enabled: enabled[i], inFooter: binding.inFooter,
                rank: binding.rank, keys: binding.keys)
        }
    }
}
