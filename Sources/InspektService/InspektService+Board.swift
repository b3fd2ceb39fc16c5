import InspektCore

/// The board's window over the stored inspections: counts and pages in the board's order, with its filter.
extension InspektService {
    public func boardCount(matching filter: String, archived: Bool) throws -> Int {
        try store.boardCount(matching: filter, archived: archived)
    }

    public func boardPage(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try store.boardPage(matching: filter, archived: archived, offset: offset, limit: limit)
    }

    public func boardPosition(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try store.boardPosition(of: id, matching: filter, archived: archived)
    }

    public func archivedCount() throws -> Int { try store.archivedCount() }

    public func inspectionCount(in states: [InspectionState]) throws -> Int { try store.inspectionCount(in: states) }
}
