import Foundation
import GRDB
import InspektCore
import InspektStorage

/// The `sessions` table: every Inspektlabs session fetched for an inspection, with its tokens and whether it is spent.
extension InspektStore {
    /// Stores (or replaces) a session before any request uses it.
    public func saveSession(_ session: StoredSession) throws {
        try pool.write { db in
            // A replaced session keeps its first `created_at`: the order sessions were fetched in.
            _ = try SessionRecord(session).upsertAndFetch(db, onConflict: [SessionRecord.CodingKeys.session.rawValue]) {
                _ in
                [SessionRecord.CodingKeys.createdAt.noOverwrite]
            }
        }
    }

    /// The latest session fetched for an inspection.
    public func currentSession(inspectionID: String) throws -> StoredSession? {
        try pool.read { db in
            try Self.sessions(of: inspectionID).order(Column.rowID.desc).fetchOne(db)?.stored
        }
    }

    /// Every session fetched for an inspection, oldest first.
    public func sessions(inspectionID: String) throws -> [StoredSession] {
        try pool.read { db in
            try Self.sessions(of: inspectionID).order(Column.rowID.asc).fetchAll(db).map(\.stored)
        }
    }

    /// The stored session with this id.
    public func storedSession(_ session: String) throws -> StoredSession? {
        try pool.read { db in try SessionRecord.fetchOne(db, key: session)?.stored }
    }

    /// Marks a session spent (its upload was accepted) and makes it the inspection's session on the server.
    public func markSessionSpent(session: String) throws {
        try pool.write { db in
            try StateTransitions.markSpent(SQLiteTransaction(db: db), session: session)
            try db.execute(
                sql:
                    "UPDATE inspections SET session = ? WHERE id IN (SELECT inspection_id FROM sessions WHERE session = ?)",
                arguments: [session, session])
        }
    }

    /// Marks that a whole request body went out with this session, so a lost reply may hide an acceptance.
    public func markBodySent(session: String) throws {
        try pool.write { db in
            _ = try SessionRecord.filter(key: session).updateAll(db, SessionRecord.CodingKeys.bodySent.set(to: true))
        }
    }

    private static func sessions(of inspectionID: String) -> QueryInterfaceRequest<SessionRecord> {
        SessionRecord.filter(SessionRecord.CodingKeys.inspectionID == inspectionID)
    }
}
