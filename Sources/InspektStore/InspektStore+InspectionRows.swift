import Foundation
import GRDB
import InspektCore
import InspektStorage

/// How inspections (with their photos) are written and read: the rules shared by every query.
extension InspektStore {
    /// The columns an inspection's save writes (never `archived_at` or `callback_token`: they have their own doors).
    private static let savedColumns: [InspectionRecord.CodingKeys] = [
        .id, .caseID, .vehicle, .vehicleType, .agentID, .agentName, .email, .notes, .state, .session, .missingReason,
        .failureReason, .resultSummary, .uploadFraction, .createdAt, .updatedAt, .searchKey, .kiosk,
    ]

    /// Inserts or replaces an inspection and its photos.
    ///
    /// A stored server session is kept when `inspection.session` is nil: a stale copy must not forget it.
    /// Nor may a stale copy move an inspection back: an accepted one stays accepted, a result stays stored.
    static func upsert(_ inspection: Inspection, kiosk: String, in db: Database) throws {
        var record = try InspectionRecord(inspection)
        record.kiosk = record.kiosk ?? kiosk
        let values = try record.databaseDictionary
        let names = savedColumns.map(\.rawValue)
        try db.execute(
            sql: """
                INSERT INTO inspections (\(names.joined(separator: ", ")))
                VALUES (\(names.map { ":" + $0 }.joined(separator: ", ")))
                \(InspectionSaveRule.onConflict)
                """,
            arguments: StatementArguments(values.filter { names.contains($0.key) }))
        try PhotoRecord.filter(PhotoRecord.CodingKeys.inspectionID == inspection.id).deleteAll(db)
        for (position, photo) in inspection.photos.enumerated() {
            try PhotoRecord(photo, inspectionID: inspection.id, position: position).insert(db)
        }
    }

    /// The inspections matching `condition` (SQL over `inspections`), in `order`, at most `limit`, with their photos.
    static func fetch(
        _ db: Database, where condition: String?, arguments: StatementArguments, order: String = "created_at DESC, rowid DESC",
        limit: Int? = nil
    ) throws -> [Inspection] {
        var filter = condition.map { " WHERE \($0)" } ?? ""
        if let limit { filter += " ORDER BY \(order) LIMIT \(limit)" }
        let selected = condition == nil && limit == nil ? "" : "WHERE inspection_id IN (SELECT id FROM inspections\(filter))"
        // Photos of every selected inspection in one query (never one per inspection).
        var photosByID: [String: [PhotoSelection]] = [:]
        let photos = try PhotoRecord.fetchCursor(
            db, sql: "SELECT * FROM photos \(selected) ORDER BY inspection_id, position", arguments: arguments)
        while let photo = try photos.next() {
            photosByID[photo.inspectionID, default: []].append(try photo.selection())
        }

        let decoder = JSONDecoder()
        var result: [Inspection] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT * FROM inspections\(limit == nil ? filter + " ORDER BY \(order)" : filter)",
            arguments: arguments)
        while let row = try rows.next() {
            let record = try InspectionRecord(row: row)
            var inspection = try record.inspection(photos: photosByID[record.id] ?? [], decoder: decoder)
            inspection.compared = try comparedPair(in: row)
            result.append(inspection)
        }
        return result
    }

    /// Whether an inspection with this id is stored.
    static func exists(_ id: String, in db: Database) throws -> Bool {
        try InspectionRecord.exists(db, key: id)
    }
}
