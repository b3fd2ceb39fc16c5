import InspektCore

/// The board's window over the stored inspections: counts and pages in the board's order, with its filter.
/// In fleet mode the board shows this kiosk's inspections; on one kiosk's own file every row is its own.
extension InspektService {
    /// The kiosk whose rows the board shows: this one in fleet mode, nil (all rows) on a kiosk's own file.
    var boardKiosk: String? { configuration.databaseURL == nil ? nil : configuration.kioskID }

    /// `wholeFleet`: every kiosk's inspections (fleet mode, `K` on the board).
    public func boardCount(matching filter: String, archived: Bool, wholeFleet: Bool = false) throws -> Int {
        try store.boardCount(matching: filter, archived: archived, kiosk: wholeFleet ? nil : boardKiosk)
    }

    public func boardPage(
        matching filter: String, archived: Bool, offset: Int, limit: Int, wholeFleet: Bool = false
    ) throws
        -> [Inspection]
    {
        markingInterrupted(
            try store.boardPage(
                matching: filter, archived: archived, kiosk: wholeFleet ? nil : boardKiosk, offset: offset, limit: limit
            ))
    }

    public func boardPosition(
        of id: String, matching filter: String, archived: Bool, wholeFleet: Bool = false
    ) throws -> Int? {
        try store.boardPosition(of: id, matching: filter, archived: archived, kiosk: wholeFleet ? nil : boardKiosk)
    }

    public func archivedCount(wholeFleet: Bool = false) throws -> Int {
        try store.archivedCount(kiosk: wholeFleet ? nil : boardKiosk)
    }

    public func inspectionCount(in states: [InspectionState]) throws -> Int { try store.inspectionCount(in: states) }
}

extension InspektService {
    /// Stores inspections as they are, in one transaction: a fleet's benchmark seeds its database with them.
    public func storeAsTheyAre(_ inspections: [Inspection]) throws {
        try store.save(contentsOf: inspections)
    }
}
