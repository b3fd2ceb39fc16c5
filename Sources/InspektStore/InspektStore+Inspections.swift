import Foundation
import GRDB
import InspektCore
import InspektStorage

/// The `inspections` table: an inspection's facts, state and photos, read and written whole.
extension InspektStore {
    /// Stores a new inspection with its photos; fails when the id is taken.
    public func insert(_ inspection: Inspection) throws {
        try pool.write { db in
            if try Self.exists(inspection.id, in: db) { throw StoreError.alreadyExists(inspection.id) }
            try Self.upsert(inspection, kiosk: kioskID, in: db)
        }
    }

    /// Stores many new or changed inspections in one transaction (imports, benchmarks).
    public func save(contentsOf inspections: [Inspection]) throws {
        try pool.write { db in
            for inspection in inspections { try Self.upsert(inspection, kiosk: kioskID, in: db) }
        }
    }

    /// Stores an inspection's facts, state, photos and reasons, replacing what was stored, in one transaction.
    ///
    /// A stored server session is kept when `inspection.session` is nil: a stale copy must not forget it.
    /// Nor may a stale copy move an inspection back: an accepted one stays accepted, a result stays stored.
    public func save(_ inspection: Inspection) throws {
        try pool.write { db in try Self.upsert(inspection, kiosk: kioskID, in: db) }
    }

    /// The inspection with this local id.
    public func inspection(id: String) throws -> Inspection? {
        try pool.read { db in try Self.fetch(db, where: "id = \(id)").first }
    }

    /// Every inspection, newest first; photos come in one query, so ten thousand rows load quickly.
    public func inspections() throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: nil) }
    }

    /// The newest `limit` inspections, newest first, with their photos.
    public func newestInspections(limit: Int) throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: nil, limit: max(0, limit)) }
    }

    /// How many inspections are stored.
    public func inspectionCount() throws -> Int {
        try pool.read { db in try InspectionRecord.fetchCount(db) }
    }

    /// The inspections of one case, newest first.
    public func inspections(caseID: String) throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: "case_id = \(caseID)") }
    }

    public func inspections(sameCaseAs caseID: String) throws -> [Inspection] {
        // Case ids are ASCII (`CaseIDRule`): SQLite's lower() folds exactly those letters.
        try pool.read { db in try Self.fetch(db, where: "lower(case_id) = lower(\(caseID))") }
    }

    /// Uploads still owed (ready or uploading), oldest first: what `resume` continues (never a comparison).
    public func unfinishedUploads() throws -> [Inspection] {
        let states = InspectionState.allCases.filter(\.isUnfinishedUpload).map(\.rawValue)
        return try pool.read { db in
            try Self.fetch(
                db, where: SQLStatement.isIn("state", states) + " AND kind = 'inspection'",
                order: "created_at ASC, rowid ASC")
        }
    }

    /// Moves an inspection to `state`; `failureReason` replaces the stored one (nil clears it).
    public func setState(_ id: String, _ state: InspectionState, failureReason: String?) throws {
        try update(
            id,
            [
                InspectionRecord.CodingKeys.state.set(to: state.rawValue),
                InspectionRecord.CodingKeys.failureReason.set(to: failureReason),
                InspectionRecord.CodingKeys.updatedAt.set(to: clock.now().timeIntervalSinceReferenceDate),
            ])
    }

    /// Records the Inspektlabs session an inspection is known by on the server.
    public func setSession(inspectionID: String, session: String?) throws {
        try update(
            inspectionID,
            [
                InspectionRecord.CodingKeys.session.set(to: session),
                InspectionRecord.CodingKeys.updatedAt.set(to: clock.now().timeIntervalSinceReferenceDate),
            ])
    }

    /// Archives an inspection (hidden from the board, kept whole) or brings it back; the event log says when.
    public func setArchived(id: String, _ archived: Bool, at date: Date) throws {
        try update(
            id, [InspectionRecord.CodingKeys.archivedAt.set(to: archived ? date.timeIntervalSinceReferenceDate : nil)])
        try appendEvent(inspectionID: id, kind: archived ? .archived : .restored, detail: "", at: date)
    }

    /// Removes an inspection with its photos, sessions, attempts, results and events.
    public func delete(id: String) throws {
        try pool.write { db in
            _ = try EventRecord.filter(EventRecord.CodingKeys.inspectionID == id).deleteAll(db)
            _ = try InspectionRecord.deleteOne(db, key: id)
        }
    }

    /// The inspection known on the server by this session (its own or any session fetched for it).
    public func inspection(session: String) throws -> Inspection? {
        try pool.read { db in
            try Self.fetch(
                db,
                where: "session = \(session) OR id IN (SELECT inspection_id FROM sessions WHERE session = \(session))"
            )
            .first
        }
    }

    /// SQLite's `data_version` on the writing connection: it changes when any other connection
    /// (another process) commits, never for this store's own writes.
    public func changesByOtherConnections() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Sets columns of one inspection in one transaction; an unknown id is an error.
    func update(_ id: String, _ assignments: [ColumnAssignment]) throws {
        try pool.write { db in
            if try InspectionRecord.filter(key: id).updateAll(db, assignments) == 0 {
                throw StoreError.unknownInspection(id)
            }
        }
    }
}
