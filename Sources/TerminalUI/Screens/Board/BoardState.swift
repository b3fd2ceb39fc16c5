import InspektCore

/// The board's list: selection, scrolling and the cached `/` filter over `AppState.inspections`.
public struct BoardState: Sendable, Hashable {
    public var list = ListView()
    /// `A` shows archived inspections too.
    public var showArchived = false
    /// `K` (fleet mode): every kiosk's inspections, each row led by its kiosk.
    public var wholeFleet = false
    /// The inspection to highlight when the board shows next (the case just submitted).
    public var highlightOnReturn: String?
    public init() {}
}
