import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// Results (kept as sent, and as `jsonb` where PostgreSQL can read them), results waiting for their
/// inspection, and callback tokens.
extension PostgresStore {
    @discardableResult
    public func storeResult(
        inspectionID: String, session value: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> Bool {
        let stored = try storeResult(
            holder: "id = (SELECT value FROM key)", key: inspectionID, session: value, document: document,
            summary: summary,
            history: history)
        switch stored {
        case .stored: return true
        case .unchanged: return false
        case .noInspection: throw StoreError.unknownInspection(inspectionID)
        }
    }

    public func storeResult(
        session value: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        try storeResult(
            holder:
                "session = (SELECT value FROM key) OR id IN (SELECT inspection_id FROM sessions WHERE session = (SELECT value FROM key))",
            key: value, session: value, document: document, summary: summary, history: history)
    }

    /// One statement, so one round trip and one transaction: a receiver under load spends its time waiting.
    /// `holder` finds the inspection from `key`. Nothing changes unless the result is new; a result proves the
    /// upload was accepted (its session spent), also one that waited as "may have been accepted".
    private func storeResult(
        holder: String, key: String, session value: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        let summaryJSON = try InspectionRows.encode(summary)
        let state = StateTransition.afterResult(summary)
        let now = clock.now().timeIntervalSinceReferenceDate
        let kind = InspectionEventKind.result.rawValue
        let row = try Self.withDocument(document) { body in
            try withRetry(patience: writePatience) { session in
                do {
                    return try session.rows(
                        """
                        WITH key(value) AS (SELECT \(key)::text),
                        target AS (SELECT id FROM inspections WHERE \(unescaped: holder) LIMIT 1),
                        stored AS (
                            INSERT INTO results (inspection_id, session, document, body, received_at)
                            SELECT id, \(value), \(document), \(body)::jsonb, \(now) FROM target
                            ON CONFLICT (inspection_id, session) DO NOTHING RETURNING inspection_id),
                        spent AS (
                            UPDATE sessions SET spent = true
                            WHERE session = \(value) AND inspection_id IN (SELECT inspection_id FROM stored)),
                        moved AS (
                            UPDATE inspections SET state = \(state.rawValue), result_summary = \(summaryJSON), failure_reason = NULL,
                                upload_fraction = NULL, session = COALESCE(session, \(value)), updated_at = \(now)
                            WHERE id IN (SELECT inspection_id FROM stored) RETURNING 1),
                        history AS (
                            INSERT INTO events (inspection_id, at, kind, detail)
                            SELECT inspection_id, \(now), \(kind), \(history) FROM stored WHERE \(history)::text IS NOT NULL)
                        SELECT (SELECT id FROM target) AS holder, EXISTS (SELECT 1 FROM stored) AS stored
                        """
                    ).first
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.foreignKeyViolation {
                    return nil  // its inspection was deleted meanwhile
                }
            }
        }
        guard let row, let inspectionID = try row["holder"].decode(String?.self) else { return .noInspection }
        return try row["stored"].decode(Bool.self)
            ? .stored(inspectionID: inspectionID) : .unchanged(inspectionID: inspectionID)
    }

    public func resultDocument(inspectionID: String) throws -> Data? {
        try read { session in
            try session.value(
                "SELECT document FROM results WHERE inspection_id = \(inspectionID) ORDER BY seq DESC LIMIT 1",
                as: Data.self)
        }
    }

    public func keepPendingResult(session value: String, document: Data, at: Date) throws {
        try Self.withDocument(document) { body in
            try writeStatement(
                """
                INSERT INTO pending_results (session, document, body, received_at)
                VALUES (\(value), \(document), \(body)::jsonb, \(at.timeIntervalSinceReferenceDate))
                """)
        }
    }

    public func pendingResults(session value: String) throws -> [Data] {
        try read { session in
            try session.rows("SELECT document FROM pending_results WHERE session = \(value) ORDER BY id").map {
                try $0["document"].decode(Data.self)
            }
        }
    }

    public func removePendingResults(session value: String) throws {
        try write { session in try session.execute("DELETE FROM pending_results WHERE session = \(value)") }
    }

    @discardableResult
    public func removePendingResults(receivedBefore date: Date) throws -> Int {
        try writeStatement("DELETE FROM pending_results WHERE received_at < \(date.timeIntervalSinceReferenceDate)")
    }

    public func pendingResultCount(receivedSince date: Date) throws -> Int {
        try read { session in
            try session.value(
                "SELECT count(*) FROM pending_results WHERE received_at >= \(date.timeIntervalSinceReferenceDate)",
                as: Int.self) ?? 0
        }
    }

    /// Runs `write` with the document's text for its `jsonb` copy; a document PostgreSQL cannot hold as `jsonb`
    /// (nesting deeper than its stack allows, a NUL or a lone surrogate in a string) is written again with
    /// that copy empty: kept as sent, never refused.
    /// PostgreSQL's foreign key violation: the result names an inspection that is not stored.
    private static let foreignKeyViolation = "23503"

    @discardableResult
    private static func withDocument<T>(_ document: Data, _ write: (String?) throws -> T) throws -> T {
        do {
            return try write(String(data: document, encoding: .utf8))
        } catch is PostgresFailure.UnreadableJSON {
            return try write(nil)
        }
    }

    // MARK: Callback tokens

    public func setCallbackToken(inspectionID: String, token: String) throws {
        try write { session in
            if try session.execute("UPDATE inspections SET callback_token = \(token) WHERE id = \(inspectionID)") == 0 {
                throw StoreError.unknownInspection(inspectionID)
            }
        }
    }

    public func callbackToken(inspectionID: String) throws -> String? {
        try read { session in
            try session.value("SELECT callback_token FROM inspections WHERE id = \(inspectionID)", as: String.self)
        }
    }

    public func inspection(callbackToken: String) throws -> Inspection? {
        try read { session in try fetch(session, where: "callback_token = \(callbackToken)").first }
    }
}
