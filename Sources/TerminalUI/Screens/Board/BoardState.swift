import InspektCore

/// The board's list: selection, scrolling and the cached `/` filter over `AppState.inspections`.
public struct BoardState: Sendable, Hashable {
    public var list = ListView()
    public init() {}
}
