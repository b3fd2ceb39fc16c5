/// What status follows what, decided without a database: each store applies these inside its own
/// transaction (compare-and-set), so both engines move inspections by the same rules.
public enum StateTransition {
    /// A compare-and-set move: `target` when `current` is one of `allowed`, nil (nothing changes) otherwise.
    public static func move(
        _ current: InspectionState, allowed: Set<InspectionState>, to target: InspectionState
    )
        -> InspectionState?
    {
        allowed.contains(current) ? target : nil
    }

    /// An upload begins (uploading) only from a state that may still be uploaded.
    public static func beginUpload(_ current: InspectionState) -> InspectionState? {
        move(current, allowed: InspectionState.uploadable, to: .uploading)
    }

    /// An accepted upload moves to processing, unless a result already moved it further.
    public static func afterAcceptance(_ current: InspectionState) -> InspectionState? {
        move(current, allowed: InspectionState.uploadable.union([.draft]), to: .processing)
    }

    /// A stored result decides the state by its verdict, whatever came before: a result proves acceptance.
    public static func afterResult(_ summary: ResultSummary) -> InspectionState {
        summary.verdict == .available ? .available : .rejected
    }
}
