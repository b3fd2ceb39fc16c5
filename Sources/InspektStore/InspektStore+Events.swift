import Foundation
import GRDB
import InspektCore

/// The `events` table: each inspection's history, as the detail screen shows it.
extension InspektStore {
    /// Appends a line to an inspection's history.
    public func appendEvent(inspectionID: String, kind: InspectionEventKind, detail: String, at: Date) throws {
        try pool.write { db in
            try EventRecord(inspectionID: inspectionID, at: at, kind: kind, detail: detail).insert(db)
        }
    }

    /// An inspection's history, in the order it was written.
    public func events(inspectionID: String) throws -> [InspectionEvent] {
        try pool.read { db in
            try EventRecord.filter(EventRecord.CodingKeys.inspectionID == inspectionID)
                .order(EventRecord.CodingKeys.id.asc)
                .fetchAll(db).map(\.event)
        }
    }
}
