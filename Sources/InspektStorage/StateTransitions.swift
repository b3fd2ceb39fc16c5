import Foundation
import InspektCore

/// State changes as compare-and-set, written once for both engines and run inside the caller's transaction:
/// a writer that read an older state (a late upload step, a stale board) never moves an inspection back past
/// a result or an acceptance. What follows what is `StateTransition`'s to decide (InspektCore).
public enum StateTransitions {
    /// Moves an inspection to `state` only while it is in one of `from`; false (nothing changed) otherwise.
    public static func move(
        _ transaction: some SQLTransaction, _ id: String, from: Set<InspectionState>, to state: InspectionState,
        failureReason: String?, at: Date
    ) throws -> Bool {
        try apply(transaction, id, failureReason: failureReason, at: at) {
            StateTransition.move($0, allowed: from, to: state)
        }
    }

    /// Starts an upload attempt: the inspection becomes uploading with `session` (only from an uploadable state)
    /// and the attempt is recorded. Nil when the inspection moved on meanwhile.
    public static func beginAttempt(
        _ transaction: some SQLTransaction, _ id: String, session: String, at: Date
    ) throws -> Int64? {
        guard try apply(transaction, id, failureReason: nil, at: at, decide: StateTransition.beginUpload) else {
            return nil
        }
        try transaction.execute("UPDATE inspections SET session = \(session) WHERE id = \(id)")
        return try startAttempt(transaction, id, session: session, at: at)
    }

    /// Records an accepted upload: the session spent, the attempt accepted, the digests of the bytes sent (when
    /// there is one per photo), and the inspection processing unless a result already moved it further.
    public static func recordAcceptance(
        _ transaction: some SQLTransaction, _ id: String, session: String, attemptID: Int64?, note: String,
        digests: [String]?,
        at: Date
    ) throws {
        try markSpent(transaction, session: session)
        if let attemptID { try finishAttempt(transaction, attemptID, outcome: .accepted, detail: note, at: at) }
        let photoCount =
            try transaction.queryFirst("SELECT count(*) AS n FROM photos WHERE inspection_id = \(id)")?.int("n") ?? 0
        if let digests, digests.count == photoCount, digests.allSatisfy({ $0.count == 64 }) {
            for (position, digest) in digests.enumerated() {
                try transaction.execute(
                    "UPDATE photos SET sha256 = \(digest) WHERE inspection_id = \(id) AND position = \(position)")
            }
        }
        try transaction.execute("UPDATE inspections SET session = \(session), upload_fraction = 1 WHERE id = \(id)")
        _ = try apply(transaction, id, failureReason: nil, at: at, decide: StateTransition.afterAcceptance)
    }

    /// Marks a session spent: it may never be used again.
    public static func markSpent(_ transaction: some SQLTransaction, session: String) throws {
        try transaction.execute("UPDATE sessions SET spent = \(true) WHERE session = \(session)")
    }

    /// Records the start of an upload attempt; returns its id.
    public static func startAttempt(
        _ transaction: some SQLTransaction, _ id: String, session: String?, at: Date
    ) throws -> Int64 {
        let row = try transaction.queryFirst(
            "INSERT INTO upload_attempts (inspection_id, session, started_at) VALUES (\(id), \(session), \(at)) RETURNING id"
        )
        return try row?.int64("id") ?? 0
    }

    /// Records how an upload attempt ended.
    public static func finishAttempt(
        _ transaction: some SQLTransaction, _ attemptID: Int64, outcome: AttemptOutcome, detail: String?, at: Date
    ) throws {
        try transaction.execute(
            "UPDATE upload_attempts SET outcome = \(outcome.rawValue), detail = \(detail), finished_at = \(at) WHERE id = \(attemptID)"
        )
    }

    /// Reads the state (locking the row where the engine can), asks `decide`, and writes its answer.
    private static func apply(
        _ transaction: some SQLTransaction, _ id: String, failureReason: String?, at: Date,
        decide: (InspectionState) -> InspectionState?
    ) throws -> Bool {
        guard
            let row = try transaction.queryFirst(
                "SELECT state FROM inspections WHERE id = \(id)\(unescaped: transaction.dialect.lockingRead)")
        else { throw StoreError.unknownInspection(id) }
        guard let current = InspectionState(rawValue: try row.requiredString("state")), let next = decide(current)
        else {
            return false
        }
        try transaction.execute(
            "UPDATE inspections SET state = \(next.rawValue), failure_reason = \(failureReason), updated_at = \(at) WHERE id = \(id)"
        )
        return true
    }
}
