import InspektCore

/// The detail screen: history and result as loaded, and how far it is scrolled.
public struct DetailState: Sendable, Hashable {
    public var id: String?
    public var events: [InspectionEvent]?
    public var result: ResultSummary?
    public var scroll = 0
    public init() {}
}
