import Foundation
import InspektCore
import InspektStore
import PostgresNIO

/// Results (kept as sent, and as `jsonb` where PostgreSQL can read them), results waiting for their
/// inspection, and callback tokens.
extension PostgresStore {
    @discardableResult
    public func storeResult(inspectionID: String, session value: String, document: Data, summary: ResultSummary) throws -> Bool {
        let summaryJSON = try Self.encode(summary)
        let state: InspectionState = summary.verdict == .available ? .available : .rejected
        // One statement, so one round trip and one transaction: a receiver under load spends its time waiting.
        // Nothing changes unless the result is new; a result proves the upload was accepted (its session spent),
        // also one that waited as "may have been accepted".
        let now = Date().timeIntervalSinceReferenceDate
        let unknown = InspektStoreRefusal.unknownInspection
        return try Self.withDocument(document) { body in
            try withRetry(patience: writePatience) { session in
                do {
                    return try session.value(
                        """
                        WITH stored AS (
                            INSERT INTO results (inspection_id, session, document, body, received_at)
                            VALUES (\(inspectionID), \(value), \(document), \(body)::jsonb, \(now))
                            ON CONFLICT (inspection_id, session) DO NOTHING RETURNING 1),
                        spent AS (
                            UPDATE sessions SET spent = true
                            WHERE session = \(value) AND inspection_id = \(inspectionID) AND EXISTS (SELECT 1 FROM stored)),
                        moved AS (
                            UPDATE inspections SET state = \(state.rawValue), result_summary = \(summaryJSON), failure_reason = NULL,
                                upload_fraction = NULL, session = COALESCE(session, \(value)), updated_at = \(now)
                            WHERE id = \(inspectionID) AND EXISTS (SELECT 1 FROM stored) RETURNING 1)
                        SELECT count(*) > 0 FROM stored
                        """, as: Bool.self) ?? false
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == unknown {
                    throw StoreError.unknownInspection(inspectionID)  // the foreign key: no such inspection
                }
            }
        }
    }

    public func resultDocument(inspectionID: String) throws -> Data? {
        try read { session in
            try session.value("SELECT document FROM results WHERE inspection_id = \(inspectionID) ORDER BY seq DESC LIMIT 1", as: Data.self)
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

    /// Runs `write` with the document's text for its `jsonb` copy; a document PostgreSQL cannot hold as `jsonb`
    /// (nesting deeper than its stack allows, a NUL or a lone surrogate in a string) is written again with
    /// that copy empty: kept as sent, never refused.
    /// PostgreSQL's foreign key violation: the result names an inspection that is not stored.
    private enum InspektStoreRefusal {
        static let unknownInspection = "23503"
    }

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
        try read { session in try fetch(session, where: "callback_token = $1", binds: [callbackToken]).first }
    }
}
