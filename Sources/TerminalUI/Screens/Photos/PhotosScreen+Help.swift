import InspektCore

extension PhotosScreen {
    /// The table's hints for footer and help, the eight digit bindings shown as one line ("1-8").
    static func helpHints(_ state: AppState) -> [KeyHint] {
        keymap.hints(in: state).reduce(into: []) { out, hint in
            guard hint.keyLabel == "1-8" else { return out.append(hint) }
            if out.contains(where: { $0.keyLabel == "1-8" }) { return }
            var merged = hint
            merged.helpLabel = "1-8"
            out.append(merged)
        }
    }
}
