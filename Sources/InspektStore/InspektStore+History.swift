import Foundation
import GRDB
import InspektCore
import InspektStorage

/// Pickup and return: the inspections of one vehicle, and the earlier ones a later inspection may be compared with.
extension InspektStore {
    /// Every inspection and comparison of one vehicle, oldest first. `vehicleKey` is `VehicleKey.normalised`:
    /// plates and VINs are typed with varying case, spaces and hyphens, so rows are matched by that key.
    public func vehicleHistory(vehicleKey: String) throws -> [Inspection] {
        guard !vehicleKey.isEmpty else { return [] }
        return try pool.read { db in
            // The key is computed in Swift (Unicode hyphens and spaces), over the vehicle column alone.
            var ids: [String] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, vehicle FROM inspections WHERE vehicle <> ''")
            while let row = try rows.next() {
                if VehicleKey.normalised(row["vehicle"]) == vehicleKey { ids.append(row["id"]) }
            }
            return try Self.fetch(db, ids: ids, order: "created_at ASC, rowid ASC")
        }
    }

    /// Ordinary inspections accepted by Inspektlabs and created before `date`, newest first, at most `limit`.
    public func acceptedInspections(before date: Date, limit: Int) throws -> [Inspection] {
        let accepted = InspectionState.allCases.filter(\.wasAccepted).map(\.rawValue)
        return try pool.read { db in
            try Self.fetch(
                db,
                where: "kind = 'inspection' AND session IS NOT NULL AND " + SQLStatement.isIn("state", accepted)
                    + " AND created_at < \(date)",
                limit: max(0, limit))
        }
    }

    /// The inspections with these ids, in `order`; none for an empty list.
    static func fetch(_ db: Database, ids: [String], order: String) throws -> [Inspection] {
        guard !ids.isEmpty else { return [] }
        var found: [Inspection] = []
        // In chunks, under SQLite's limit on bound values.
        for start in stride(from: 0, to: ids.count, by: 500) {
            found += try fetch(db, where: .isIn("id", Array(ids[start..<min(ids.count, start + 500)])), order: order)
        }
        return ids.count > 500 ? found.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } : found
    }
}
