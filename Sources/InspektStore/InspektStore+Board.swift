import GRDB
import InspektCore

/// The status board's window over the store: counts, a page of rows and a row's position, in the board's
/// order (newest first, then by id) and with its `/` filter, each answered from an index (`inspections_board` in
/// the board's order, `inspections_filter` to count matches, `inspections_archived`) so that a board of 100,000
/// inspections reads only the rows it shows.
extension InspektStore {
    /// How many inspections match the typed filter (all when it is empty); archived ones only when asked.
    public func boardCount(matching filter: String, archived: Bool, kiosk: String?) throws -> Int {
        let (condition, arguments) = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            // Every kiosk's rows (the board): without a filter, all rows less the archived ones, both counted
            // without a scan; with one, over the narrow index of what the filter reads.
            guard kiosk == nil else {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inspections\(condition)", arguments: arguments) ?? 0
            }
            if BoardSearch.needle(filter).isEmpty {
                let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inspections") ?? 0
                return archived ? all : all - (try Self.archivedCount(db, kiosk: nil))
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inspections INDEXED BY inspections_filter\(condition)",
                                    arguments: arguments) ?? 0
        }
    }

    /// How many inspections are archived (hidden on the board unless asked for).
    public func archivedCount(kiosk: String?) throws -> Int {
        try pool.read { db in try Self.archivedCount(db, kiosk: kiosk) }
    }

    /// Read from the partial index of archived rows.
    private static func archivedCount(_ db: Database, kiosk: String?) throws -> Int {
        let mine = kiosk == nil ? "" : " AND kiosk = ?"
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM inspections WHERE archived_at IS NOT NULL\(mine)",
            arguments: StatementArguments(kiosk.map { [$0] } ?? [])) ?? 0
    }

    /// Up to `limit` matching inspections from position `offset` in the board's order, with their photos.
    public func boardPage(matching filter: String, archived: Bool, kiosk: String?, offset: Int, limit: Int) throws -> [Inspection] {
        let (condition, arguments) = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            // The page's ids first, in one walk of the index: the rows and their photos are then read by id.
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM inspections INDEXED BY inspections_board\(condition)
                    ORDER BY \(Self.boardOrder) LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                    """,
                arguments: arguments)
            return try Self.fetch(db, ids: ids, order: Self.boardOrder)
        }
    }

    /// The position of an inspection among those matching the filter, or nil when it does not match.
    public func boardPosition(of id: String, matching filter: String, archived: Bool, kiosk: String?) throws -> Int? {
        let (condition, arguments) = Self.boardCondition(filter, archived: archived, kiosk: kiosk)
        return try pool.read { db in
            let also = condition.isEmpty ? "" : " AND " + condition.dropFirst(" WHERE ".count)
            guard let created = try Double.fetchOne(
                db, sql: "SELECT created_at FROM inspections WHERE id = ?\(also)", arguments: StatementArguments([id]) + arguments)
            else { return nil }
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

    /// How many inspections are in one of these states.
    public func inspectionCount(in states: [InspectionState]) throws -> Int {
        if states.isEmpty { return 0 }
        let marks = states.map { _ in "?" }.joined(separator: ",")
        return try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM inspections WHERE state IN (\(marks))",
                arguments: StatementArguments(states.map(\.rawValue))) ?? 0
        }
    }

    static let boardOrder = "created_at DESC, id ASC"

    /// The WHERE clause of the board's filter, as `BoardSearch` defines it for the in-memory board: the stored
    /// key (case id, vehicle, inspection id), the Inspektlabs id, the state's words; archived rows left out
    /// unless asked for.
    private static func boardCondition(_ filter: String, archived: Bool, kiosk: String?) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if !archived { clauses.append("archived_at IS NULL") }
        if let kiosk {
            clauses.append("kiosk = ?")
            arguments += [kiosk]
        }
        let needle = BoardSearch.needle(filter)
        if !needle.isEmpty {
            // LIKE (ASCII case folded, as lower() did for the session) walks the covering index faster than instr.
            var alternatives = ["search_key LIKE ? ESCAPE '\\'", "session LIKE ? ESCAPE '\\'"]
            let pattern = "%" + needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            arguments += [pattern, pattern]
            // Archived rows are also found by the word, when they are shown at all.
            if archived, BoardSearch.archivedWord.contains(needle) { alternatives.append("archived_at IS NOT NULL") }
            let states = BoardSearch.states(matching: needle).map(\.rawValue)
            if !states.isEmpty {
                alternatives.append("state IN (\(states.map { _ in "?" }.joined(separator: ",")))")
                arguments += StatementArguments(states)
            }
            clauses.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if clauses.isEmpty { return ("", []) }
        return (" WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
