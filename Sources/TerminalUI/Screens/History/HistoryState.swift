import InspektCore

/// What the vehicle history and comparison screens ask the runtime for, as data.
public enum HistoryRequest: Sendable, Hashable {
    /// Read one vehicle's inspections and comparisons; answer `.historyLoaded`.
    case loadHistory(vehicle: String)
    /// Read what an inspection may be compared with; answer `.candidatesLoaded`.
    case loadCandidates(afterID: String, anyVehicle: Bool)
    /// Read a comparison and the two inspections it compares; answer `.comparisonLoaded`.
    case loadComparison(id: String)
    /// Ask Inspektlabs what is new on `afterID` since `beforeID`; answer `.comparisonStarted` or `.comparisonFailed`.
    case compare(beforeID: String, afterID: String, caseID: String, differentVehicles: Bool)
}

/// The runtime's answers to `HistoryRequest`s.
public enum HistoryAnswer: Sendable {
    case historyLoaded(vehicle: String, [Inspection])
    case candidatesLoaded(afterID: String, anyVehicle: Bool, [Inspection])
    case comparisonLoaded(id: String, comparison: Inspection?, before: Inspection?, after: Inspection?)
    /// Inspektlabs accepted the comparison: its case and its inspection id on the server.
    case comparisonStarted(caseID: String, session: String)
    case comparisonFailed(caseID: String, reason: String)
}

/// Vehicle history (`v`): one vehicle's inspections, oldest first.
public struct HistoryState: Sendable, Hashable {
    /// The vehicle as it was typed on the inspection the history was opened from.
    public var vehicle = ""
    /// nil until loaded.
    public var rows: [Inspection]?
    public var list = ListView()
    public init() {}
}

/// The comparison picker (`c`): the earlier inspections a return inspection may be compared with.
public struct ComparePickState: Sendable, Hashable {
    /// The later (return) inspection.
    public var after: Inspection?
    /// Newest first; nil until loaded.
    public var candidates: [Inspection]?
    /// Every vehicle's earlier accepted inspections (`a`), not only this vehicle's.
    public var anyVehicle = false
    public var list = ListView()
    /// Where Esc goes back to (the board or the vehicle history).
    public var returnRoute: Route = .board
    public init() {}
}

/// The comparison result: the comparison and the two inspections it compares, as loaded, and its photos.
public struct ComparisonState: Sendable, Hashable {
    public var id: String?
    public var comparison: Inspection?
    public var before: Inspection?
    public var after: Inspection?
    public var scroll = 0
    public var returnRoute: Route = .board
    /// Whether the comparison and its two inspections were read (either may still be nil: not in this database).
    public var loaded = false
    /// Pickup and return photo previews by path, as loaded.
    public var previews: [String: DetailPreview] = [:]
    /// Photos asked for (a preview or a failure comes back once each).
    public var requestedPreviews: Set<String> = []
    /// Photos that could not be read (gone from this kiosk, or captured on another).
    public var unreadablePhotos: Set<String> = []
    /// The highlighted new damage (an index into `NewDamagePhotos.placed`), for Enter.
    public var selectedDamage: Int?
    /// Whether the highlighted damage is shown large, pickup beside return.
    public var zoomed = false
    public init() {}
}
