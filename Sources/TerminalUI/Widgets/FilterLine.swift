import InspektCore

/// The filter line of a list (board, photos), written once: its keys (`FilterKeys`) applied to the list's
/// filter text; the screen only filters again when the text changed.
enum FilterLine {
    enum Outcome: Equatable {
        /// Nothing the list shows changed (a key the field ignores, or Enter keeping the filter).
        case unchanged
        /// The filter text changed, or was cleared: the screen filters its rows again.
        case changed
        /// A moving key: the screen's own table takes it, in the filtered list.
        case passOn
    }

    /// Applies a key to `list`'s filter line while it is typed.
    static func handle(_ key: Key, _ list: inout ListView) -> Outcome {
        switch FilterKeys.keymap.bindings.first(where: { $0.keys.contains(key) })?.action {
        case .clear?:
            list.filter = TextField()
            list.filtering = false
            return .changed
        case .keep?:
            list.filtering = false
            return .unchanged
        case .move?:
            return .passOn
        case nil:
            guard list.filter.handle(key) else { return .unchanged }
            list.selected = 0
            list.offset = 0
            return .changed
        }
    }
}
