import Foundation
import GRDB
import InspektCore
import InspektStorage

/// The `results` table: result documents received for inspections, one per inspection and session.
extension InspektStore {
    /// Stores a received result document and moves the inspection to available or rejected, in one transaction.
    ///
    /// Returns false, changing nothing, when a result for this inspection and session is already stored:
    /// Inspektlabs delivers again when it is unsure, and a repeat must be harmless.
    @discardableResult
    public func storeResult(
        inspectionID: String, session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> Bool {
        let summaryJSON = try InspectionRows.encode(summary)
        return try pool.write { db in
            guard try Self.exists(inspectionID, in: db) else { throw StoreError.unknownInspection(inspectionID) }
            return try Self.storeResult(
                db, inspectionID: inspectionID, session: session, document: document, summary: summary,
                summaryJSON: summaryJSON,
                history: history, at: clock.now())
        }
    }

    public func storeResult(
        session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        let summaryJSON = try InspectionRows.encode(summary)
        return try pool.write { db in
            let holder = try String.fetchOne(
                db,
                sql:
                    "SELECT id FROM inspections WHERE session = ? OR id IN (SELECT inspection_id FROM sessions WHERE session = ?)",
                arguments: [session, session])
            guard let inspectionID = holder else { return .noInspection }
            let stored = try Self.storeResult(
                db, inspectionID: inspectionID, session: session, document: document, summary: summary,
                summaryJSON: summaryJSON,
                history: history, at: clock.now())
            return stored ? .stored(inspectionID: inspectionID) : .unchanged(inspectionID: inspectionID)
        }
    }

    private static func storeResult(
        _ db: Database, inspectionID: String, session: String, document: Data, summary: ResultSummary,
        summaryJSON: String,
        history: String?, at now: Date
    ) throws -> Bool {
        try ResultRecord(inspectionID: inspectionID, session: session, document: document, receivedAt: now)
            .insert(db, onConflict: .ignore)
        if db.changesCount == 0 { return false }
        // A result proves the upload was accepted, also one that waited as "may have been accepted".
        _ = try SessionRecord.filter(
            SessionRecord.CodingKeys.session == session && SessionRecord.CodingKeys.inspectionID == inspectionID
        ).updateAll(db, SessionRecord.CodingKeys.spent.set(to: true))
        let state = StateTransition.afterResult(summary)
        try db.execute(
            sql: """
                UPDATE inspections SET state = ?, result_summary = ?, failure_reason = NULL, upload_fraction = NULL,
                    session = COALESCE(session, ?), updated_at = ?
                WHERE id = ?
                """,
            arguments: [state.rawValue, summaryJSON, session, now.timeIntervalSinceReferenceDate, inspectionID])
        if let history {
            try EventRecord(inspectionID: inspectionID, at: now, kind: .result, detail: history).insert(db)
        }
        return true
    }

    /// The whole result document last received for an inspection, unknown fields included.
    public func resultDocument(inspectionID: String) throws -> Data? {
        try pool.read { db in
            try ResultRecord.filter(ResultRecord.CodingKeys.inspectionID == inspectionID)
                .order(Column.rowID.desc)
                .fetchOne(db)?.document
        }
    }
}
