import Foundation
import GRDB
import InspektCore
import InspektStorage

/// How inspections (with their photos) are written and read: the rules both engines share (`InspectionRows`).
extension InspektStore {
    /// Inserts or replaces an inspection and its photos (`InspectionSaveRule`: a stale copy never moves it back).
    static func upsert(_ inspection: Inspection, kiosk: String, in db: Database) throws {
        try InspectionRows.upsert(SQLiteTransaction(db: db), inspection, kiosk: kiosk)
    }

    /// The inspections matching `condition`, in `order` (newest first), at most `limit`, with their photos.
    static func fetch(
        _ db: Database, where condition: SQLStatement?, order: String? = nil, limit: Int? = nil
    ) throws -> [Inspection] {
        try InspectionRows.fetch(SQLiteTransaction(db: db), where: condition, order: order, limit: limit)
    }

    /// Whether an inspection with this id is stored.
    static func exists(_ id: String, in db: Database) throws -> Bool {
        try InspectionRecord.exists(db, key: id)
    }
}
