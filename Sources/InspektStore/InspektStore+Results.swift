import Foundation
import GRDB
import InspektCore
import InspektStorage

/// The `results` table: result documents received for inspections, one per inspection and session. Intake is
/// `ResultIntakeRules` (written once for both engines), run in one write transaction.
extension InspektStore {
    /// Stores a received result document and moves the inspection to available or rejected, in one transaction.
    ///
    /// Returns false, changing nothing, when a result for this inspection and session is already stored:
    /// Inspektlabs delivers again when it is unsure, and a repeat must be harmless.
    @discardableResult
    public func storeResult(
        inspectionID: String, session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> Bool {
        let outcome = try intake(
            .inspection(inspectionID), session: session, document: document, summary: summary, history: history)
        return try ResultIntakeRules.changed(outcome, inspectionID: inspectionID)
    }

    public func storeResult(
        session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        try intake(.session(session), session: session, document: document, summary: summary, history: history)
    }

    private func intake(
        _ match: ResultIntakeRules.Match, session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        let delivery = ResultIntakeRules.Delivery(
            session: session, document: document, documentText: nil, summary: summary, history: history,
            at: clock.now())
        return try pool.write { db in try ResultIntakeRules.store(SQLiteTransaction(db: db), match, delivery) }
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
