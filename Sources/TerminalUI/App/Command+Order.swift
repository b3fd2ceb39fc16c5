/// Which commands the runtime runs one after another, in the order `update` asked for them.
extension Command {
    /// The key of the inspection whose stored copy this command writes from what the board holds: its saves,
    /// submits and removal. Two of them with one key never overlap, so an older edit can never be
    /// stored after a newer one. Nil for the rest, which run as soon as they are asked for.
    public var orderKey: String? {
        switch self {
        case .saveDraft(let inspection), .submit(let inspection, _): "draft:" + inspection.id
        case .discardDraft(let id), .reopenDraft(let id): "draft:" + id
        default: nil
        }
    }
}
