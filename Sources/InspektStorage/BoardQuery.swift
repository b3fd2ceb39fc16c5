import InspektCore

/// The status board's window on either engine: the `/` filter as `BoardSearch` defines it for the in-memory
/// board, a page in the board's order (newest first, then by id) and a row's position, each one statement.
public enum BoardQuery {
    public static let order = "created_at DESC, id ASC"

    /// The filter's condition over `inspections`, nil when every row matches: the stored key (case id, vehicle,
    /// inspection id), the Inspektlabs id, the state's words, the word "archived" for an archived row; archived
    /// rows left out unless asked for; only `kiosks`' rows when given, else (`matchesKioskName`, a fleet's
    /// database) a kiosk's name finds its rows too.
    public static func condition(
        _ filter: String, archived: Bool, kiosks: [String]?, matchesKioskName: Bool
    ) -> SQLStatement? {
        var clauses: [SQLStatement] = []
        if !archived { clauses.append("archived_at IS NULL") }
        if let kiosks { clauses.append(.isIn("kiosk", kiosks)) }
        let needle = BoardSearch.needle(filter)
        if !needle.isEmpty {
            var alternatives: [SQLStatement] = [
                .contains("search_key", needle), .contains("lower(coalesce(session, ''))", needle),
            ]
            if archived, BoardSearch.archivedWord.contains(needle) { alternatives.append("archived_at IS NOT NULL") }
            if kiosks == nil, matchesKioskName { alternatives.append(.contains("lower(coalesce(kiosk, ''))", needle)) }
            let states = BoardSearch.states(matching: needle).map(\.rawValue)
            if !states.isEmpty { alternatives.append(.isIn("state", states)) }
            clauses.append("(" + SQLStatement.joined(alternatives, separator: " OR ") + ")")
        }
        return clauses.isEmpty ? nil : SQLStatement.joined(clauses, separator: " AND ")
    }

    /// How many rows of `table` (`inspections`, with an engine's index hint) match.
    public static func count(
        _ transaction: some SQLTransaction, _ condition: SQLStatement?, table: String = "inspections"
    ) throws -> Int {
        let statement: SQLStatement =
            "SELECT count(*) AS n FROM \(unescaped: table)" + (condition.map { " WHERE " + $0 } ?? "")
        return try transaction.queryFirst(statement)?.int("n") ?? 0
    }

    /// Up to `limit` matching inspections from position `offset`, with their photos.
    public static func page(
        _ transaction: some SQLTransaction, _ condition: SQLStatement?, offset: Int, limit: Int,
        table: String = "inspections"
    ) throws -> [Inspection] {
        try InspectionRows.fetch(
            transaction, where: condition, order: order, limit: limit, offset: max(0, offset), table: table)
    }

    /// The position of an inspection among those matching, nil when it does not match: how many matching rows
    /// come before it in the board's order.
    public static func position(
        _ transaction: some SQLTransaction, of id: String, _ condition: SQLStatement?, table: String = "inspections"
    ) throws -> Int? {
        let also: SQLStatement = condition.map { " AND " + $0 } ?? ""
        guard
            let created = try transaction.queryFirst("SELECT created_at FROM inspections WHERE id = \(id)" + also)?
                .double("created_at")
        else { return nil }
        let before: SQLStatement = "(created_at > \(created) OR (created_at = \(created) AND id < \(id)))"
        return try count(transaction, condition.map { $0 + " AND " + before } ?? before, table: table)
    }
}
