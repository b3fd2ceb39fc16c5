import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// How inspections (with their photos) are written and read: the rules both engines share (`InspectionRows`).
extension PostgresStore {
    /// Inserts or replaces an inspection and its photos (`InspectionSaveRule`: a stale copy never moves it back).
    func upsert(_ inspection: Inspection, in session: PostgresSession) throws {
        try InspectionRows.upsert(PostgresTransaction(session: session), inspection, kiosk: kioskID)
    }

    /// The inspections matching `condition`, in `order` (newest first), at most `limit`, with their photos.
    func fetch(
        _ session: PostgresSession, where condition: SQLStatement?, order: String? = nil, limit: Int? = nil
    ) throws -> [Inspection] {
        try InspectionRows.fetch(PostgresTransaction(session: session), where: condition, order: order, limit: limit)
    }

    /// A statement whose values are `$n` binds.
    static func query(_ sql: String, _ binds: [any PostgresEncodable & Sendable]) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in binds { try bindings.append(value) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
