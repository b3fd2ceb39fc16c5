import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// Sessions (written before any request uses them), upload attempts and each inspection's history.
extension PostgresStore {
    public func saveSession(_ stored: StoredSession) throws {
        try write { session in
            // A replaced session keeps its first `created_at`: the order sessions were fetched in.
            try session.execute(
                """
                INSERT INTO sessions (session, inspection_id, access_token, refresh_token, issued_at, expires_at, spent,
                    body_sent, created_at)
                VALUES (\(stored.session), \(stored.inspectionID), \(stored.accessToken), \(stored.refreshToken),
                    \(stored.issuedAt.timeIntervalSinceReferenceDate), \(stored.expiresAt.timeIntervalSinceReferenceDate),
                    \(stored.spent), \(stored.bodySent), \(stored.createdAt.timeIntervalSinceReferenceDate))
                ON CONFLICT (session) DO UPDATE SET
                    inspection_id = excluded.inspection_id, access_token = excluded.access_token,
                    refresh_token = excluded.refresh_token, issued_at = excluded.issued_at, expires_at = excluded.expires_at,
                    spent = excluded.spent, body_sent = excluded.body_sent
                """)
        }
    }

    public func currentSession(inspectionID: String) throws -> StoredSession? {
        try sessions(where: "inspection_id = $1 ORDER BY seq DESC LIMIT 1", inspectionID).first
    }

    public func sessions(inspectionID: String) throws -> [StoredSession] {
        try sessions(where: "inspection_id = $1 ORDER BY seq ASC", inspectionID)
    }

    public func storedSession(_ value: String) throws -> StoredSession? {
        try sessions(where: "session = $1", value).first
    }

    public func markSessionSpent(session value: String) throws {
        try write { session in
            try StateTransitions.markSpent(PostgresTransaction(session: session), session: value)
            try session.execute(
                "UPDATE inspections SET session = \(value) WHERE id IN (SELECT inspection_id FROM sessions WHERE session = \(value))"
            )
        }
    }

    public func markBodySent(session value: String) throws {
        try writeStatement("UPDATE sessions SET body_sent = true WHERE session = \(value)")
    }

    private func sessions(where condition: String, _ value: String) throws -> [StoredSession] {
        try read { session in
            try session.rows(
                Self.query(
                    """
                    SELECT session, inspection_id, access_token, refresh_token, issued_at, expires_at, spent, body_sent, created_at
                    FROM sessions WHERE \(condition)
                    """, [value])
            ).map { row in
                StoredSession(
                    inspectionID: try row["inspection_id"].decode(String.self),
                    session: try row["session"].decode(String.self),
                    accessToken: try row["access_token"].decode(String.self),
                    refreshToken: try row["refresh_token"].decode(String.self),
                    issuedAt: Date(timeIntervalSinceReferenceDate: try row["issued_at"].decode(Double.self)),
                    expiresAt: Date(timeIntervalSinceReferenceDate: try row["expires_at"].decode(Double.self)),
                    spent: try row["spent"].decode(Bool.self), bodySent: try row["body_sent"].decode(Bool.self),
                    createdAt: Date(timeIntervalSinceReferenceDate: try row["created_at"].decode(Double.self)))
            }
        }
    }

    // MARK: Attempts

    @discardableResult
    public func recordAttempt(inspectionID: String, session value: String?, startedAt: Date) throws -> Int64 {
        try writeStatement { try StateTransitions.startAttempt($0, inspectionID, session: value, at: startedAt) }
    }

    public func finishAttempt(id: Int64, outcome: AttemptOutcome, detail: String?, finishedAt: Date) throws {
        try writeStatement {
            try StateTransitions.finishAttempt($0, id, outcome: outcome, detail: detail, at: finishedAt)
        }
    }

    public func attempts(inspectionID: String) throws -> [UploadAttempt] {
        try read { session in
            try session.rows(
                """
                SELECT id, inspection_id, session, started_at, finished_at, outcome, detail FROM upload_attempts
                WHERE inspection_id = \(inspectionID) ORDER BY id ASC
                """
            ).map { row in
                UploadAttempt(
                    id: try row["id"].decode(Int64.self), inspectionID: try row["inspection_id"].decode(String.self),
                    session: try row["session"].decode(String?.self),
                    startedAt: Date(timeIntervalSinceReferenceDate: try row["started_at"].decode(Double.self)),
                    finishedAt: try row["finished_at"].decode(Double?.self).map(
                        Date.init(timeIntervalSinceReferenceDate:)),
                    outcome: try row["outcome"].decode(String?.self).map(AttemptOutcome.init(rawValue:)),
                    detail: try row["detail"].decode(String?.self))
            }
        }
    }

    // MARK: Events

    public func appendEvent(inspectionID: String, kind: InspectionEventKind, detail: String, at: Date) throws {
        try writeStatement(
            """
            INSERT INTO events (inspection_id, at, kind, detail)
            VALUES (\(inspectionID), \(at.timeIntervalSinceReferenceDate), \(kind.rawValue), \(detail))
            """)
    }

    public func events(inspectionID: String) throws -> [InspectionEvent] {
        try read { session in
            try session.rows(
                "SELECT at, kind, detail FROM events WHERE inspection_id = \(inspectionID) ORDER BY id ASC"
            ).map { row in
                InspectionEvent(
                    at: Date(timeIntervalSinceReferenceDate: try row["at"].decode(Double.self)),
                    kind: try row["kind"].decode(String.self), detail: try row["detail"].decode(String.self))
            }
        }
    }
}
