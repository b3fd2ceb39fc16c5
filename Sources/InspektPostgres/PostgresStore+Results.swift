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
        let outcome = try intake(
            .inspection(inspectionID), session: value, document: document, summary: summary, history: history)
        return try ResultIntakeRules.changed(outcome, inspectionID: inspectionID)
    }

    public func storeResult(
        session value: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> StoredResult {
        try intake(.session(value), session: value, document: document, summary: summary, history: history)
    }

    /// `ResultIntakeRules`, which PostgreSQL's dialect writes as one statement: one round trip and one
    /// transaction, so that a receiver under load spends its time waiting for nothing else.
    private func intake(
        _ match: ResultIntakeRules.Match, session value: String, document: Data, summary: ResultSummary,
        history: String?
    ) throws -> StoredResult {
        let now = clock.now()
        return try Self.withDocument(document) { text in
            let delivery = ResultIntakeRules.Delivery(
                session: value, document: document, documentText: text, summary: summary, history: history, at: now)
            return try writeStatement { transaction in
                do {
                    return try ResultIntakeRules.store(transaction, match, delivery)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.foreignKeyViolation {
                    return .noInspection  // its inspection was deleted meanwhile
                }
            }
        }
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

    /// PostgreSQL's foreign key violation: the result names an inspection that is not stored.
    private static let foreignKeyViolation = "23503"

    /// Runs `write` with the document's text for its `jsonb` copy; a document PostgreSQL cannot hold as `jsonb`
    /// (nesting deeper than its stack allows, a NUL or a lone surrogate in a string) is written again with
    /// that copy empty: kept as sent, never refused.
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
