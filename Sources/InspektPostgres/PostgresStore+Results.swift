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
        return try write { session in
            guard try exists(inspectionID, session) else { throw StoreError.unknownInspection(inspectionID) }
            let now = Date().timeIntervalSinceReferenceDate
            let inserted = try Self.insertDocument(document, in: session) { body in
                try """
                INSERT INTO results (inspection_id, session, document, body, received_at)
                VALUES (\(inspectionID), \(value), \(document), \(body)::jsonb, \(now))
                ON CONFLICT (inspection_id, session) DO NOTHING
                """
            }
            if inserted == 0 { return false }
            // A result proves the upload was accepted, also one that waited as "may have been accepted".
            try session.execute("UPDATE sessions SET spent = true WHERE session = \(value) AND inspection_id = \(inspectionID)")
            let state: InspectionState = summary.verdict == .available ? .available : .rejected
            try session.execute(
                """
                UPDATE inspections SET state = \(state.rawValue), result_summary = \(summaryJSON), failure_reason = NULL,
                    upload_fraction = NULL, session = COALESCE(session, \(value)), updated_at = \(now)
                WHERE id = \(inspectionID)
                """)
            return true
        }
    }

    public func resultDocument(inspectionID: String) throws -> Data? {
        try read { session in
            try session.value("SELECT document FROM results WHERE inspection_id = \(inspectionID) ORDER BY seq DESC LIMIT 1", as: Data.self)
        }
    }

    public func keepPendingResult(session value: String, document: Data, at: Date) throws {
        try write { session in
            _ = try Self.insertDocument(document, in: session) { body in
                try """
                INSERT INTO pending_results (session, document, body, received_at)
                VALUES (\(value), \(document), \(body)::jsonb, \(at.timeIntervalSinceReferenceDate))
                """
            }
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

    /// Inserts with the document also as `jsonb`; a document PostgreSQL cannot hold as `jsonb` (nesting deeper
    /// than its stack allows, a NUL in a string) is kept as sent, its `jsonb` left empty, never refused.
    private static func insertDocument(
        _ document: Data, in session: PostgresSession, _ statement: (String?) throws -> PostgresQuery
    ) throws -> Int {
        try session.execute("SAVEPOINT document")
        do {
            let changed = try session.execute(statement(String(data: document, encoding: .utf8)))
            try session.execute("RELEASE SAVEPOINT document")
            return changed
        } catch let error as PSQLError where error.code == .server {
            try session.execute("ROLLBACK TO SAVEPOINT document")
            return try session.execute(statement(nil))
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
