import GRDB
import InspektCore

/// The status board's window over the store: counts, a page of rows and a row's position, in the board's
/// order (newest first, then by id) and with its `/` filter, each answered from the `inspections_board` index
/// so that a board of 100,000 inspections reads only the rows it shows.
extension InspektStore {
    /// How many inspections match the typed filter (all when it is empty).
    public func boardCount(matching filter: String) throws -> Int {
        let (condition, arguments) = Self.boardCondition(filter)
        // Unfiltered, SQLite counts on its smallest index; filtered, on the narrow index of the filter keys.
        let source = condition.isEmpty ? "inspections" : "inspections INDEXED BY inspections_search"
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(source)\(condition)", arguments: arguments) ?? 0
        }
    }

    /// Up to `limit` matching inspections from position `offset` in the board's order, with their photos.
    public func boardPage(matching filter: String, offset: Int, limit: Int) throws -> [Inspection] {
        let (condition, arguments) = Self.boardCondition(filter)
        return try pool.read { db in
            try Self.fetch(
                db,
                where: """
                    id IN (SELECT id FROM inspections INDEXED BY inspections_board\(condition)
                           ORDER BY \(Self.boardOrder) LIMIT \(max(0, limit)) OFFSET \(max(0, offset)))
                    """,
                arguments: arguments, order: Self.boardOrder)
        }
    }

    /// The position of an inspection among those matching the filter, or nil when it does not match.
    public func boardPosition(of id: String, matching filter: String) throws -> Int? {
        let (condition, arguments) = Self.boardCondition(filter)
        return try pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT created_at, search_key FROM inspections WHERE id = ?", arguments: [id])
            else { return nil }
            let created: Double = row[0]
            let key: String = row[1]
            let needle = BoardSearch.needle(filter)
            if !needle.isEmpty, !key.contains(needle) { return nil }
            let before = condition.isEmpty ? " WHERE " : condition + " AND "
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM inspections INDEXED BY inspections_board\(before)
                    (created_at > ? OR (created_at = ? AND id < ?))
                    """,
                arguments: arguments + [created, created, id]) ?? 0
        }
    }

    /// How many uploads are still owed (ready or uploading): quitting asks first when there are any.
    public func unfinishedUploadCount() throws -> Int {
        let states = InspectionState.allCases.filter(\.isUnfinishedUpload).map(\.rawValue)
        let marks = states.map { _ in "?" }.joined(separator: ",")
        return try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM inspections WHERE state IN (\(marks))", arguments: StatementArguments(states)) ?? 0
        }
    }

    static let boardOrder = "created_at DESC, id ASC"

    private static func boardCondition(_ filter: String) -> (String, StatementArguments) {
        let needle = BoardSearch.needle(filter)
        if needle.isEmpty { return ("", []) }
        return (" WHERE instr(search_key, ?) > 0", [needle])
    }
}
