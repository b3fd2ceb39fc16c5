import GRDB
import InspektCore
import InspektStorage

/// The status board's window over the store (`BoardQuery`, the same on both engines), each answered from an
/// index (`inspections_board` in the board's order, `inspections_filter` to count matches,
/// `inspections_archived`) so that a board of 100,000 inspections reads only the rows it shows.
extension InspektStore {
    /// How many inspections match the typed filter (all when it is empty); archived ones only when asked.
    public func boardCount(matching filter: String, archived: Bool, kiosk: String?) throws -> Int {
        let condition = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            // Every kiosk's rows (the board): without a filter, all rows less the archived ones, both counted
            // without a scan; with one, over the narrow index of what the filter reads.
            guard kiosk == nil else { return try BoardQuery.count(SQLiteTransaction(db: db), condition) }
            if BoardSearch.needle(filter).isEmpty {
                let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inspections") ?? 0
                return archived ? all : all - (try Self.archivedCount(db, kiosk: nil))
            }
            return try BoardQuery.count(
                SQLiteTransaction(db: db), condition, table: "inspections INDEXED BY inspections_filter")
        }
    }

    /// How many inspections are archived (hidden on the board unless asked for).
    public func archivedCount(kiosk: String?) throws -> Int {
        try pool.read { db in try Self.archivedCount(db, kiosk: kiosk) }
    }

    /// Read from the partial index of archived rows.
    private static func archivedCount(_ db: Database, kiosk: String?) throws -> Int {
        let mine: SQLStatement = kiosk.map { " AND kiosk = \($0)" } ?? ""
        return try BoardQuery.count(SQLiteTransaction(db: db), "archived_at IS NOT NULL" + mine)
    }

    /// Up to `limit` matching inspections from position `offset` in the board's order, with their photos.
    public func boardPage(
        matching filter: String, archived: Bool, kiosk: String?, offset: Int, limit: Int
    ) throws -> [Inspection] {
        let condition = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            try BoardQuery.page(
                SQLiteTransaction(db: db), condition, offset: offset, limit: limit, table: Self.boardTable)
        }
    }

    /// The position of an inspection among those matching the filter, or nil when it does not match.
    public func boardPosition(of id: String, matching filter: String, archived: Bool, kiosk: String?) throws -> Int? {
        let condition = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            try BoardQuery.position(SQLiteTransaction(db: db), of: id, condition, table: Self.boardTable)
        }
    }

    /// How many inspections are in one of these states.
    public func inspectionCount(in states: [InspectionState]) throws -> Int {
        if states.isEmpty { return 0 }
        return try pool.read { db in
            try BoardQuery.count(SQLiteTransaction(db: db), .isIn("state", states.map(\.rawValue)))
        }
    }

    /// The board's order, walked in its index.
    private static let boardTable = "inspections INDEXED BY inspections_board"

    /// A kiosk's own file: its rows are never found by a kiosk's name.
    private static func boardCondition(_ filter: String, archived: Bool, kiosk: String?) -> SQLStatement? {
        BoardQuery.condition(filter, archived: archived, kiosks: kiosk.map { [$0] }, matchesKioskName: false)
    }
}
