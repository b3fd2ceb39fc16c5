import Foundation
import GRDB
import InspektCore
import InspektStorage

/// State changes as compare-and-set, each in one transaction: a writer that read an older state (a late
/// upload step, a stale board) never moves an inspection back past a result or an acceptance.
extension InspektStore {
    /// Moves an inspection to `state` only while it is in one of `from`; false (nothing changed) otherwise.
    @discardableResult
    public func moveState(
        _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String?, at: Date
    ) throws -> Bool {
        try pool.write { db in
            try Self.move(db, id, from: from, to: state, failureReason: failureReason, at: at)
        }
    }

    /// Starts an upload attempt: the inspection becomes uploading with `session` (only from an uploadable
    /// state) and the attempt is recorded, in one transaction. Nil when the inspection moved on meanwhile.
    public func beginAttempt(inspectionID id: String, session: String, at: Date) throws -> Int64? {
        try pool.write { db in
            guard try Self.move(db, id, from: InspectionState.uploadable, to: .uploading, failureReason: nil, at: at) else {
                return nil
            }
            try db.execute(sql: "UPDATE inspections SET session = ? WHERE id = ?", arguments: [session, id])
            return try AttemptRecord.start(inspectionID: id, session: session, at: at, in: db)
        }
    }

    /// Records an accepted upload in one transaction: the session spent, the attempt accepted, the digests
    /// of the bytes sent, and the inspection processing unless a result already moved it further.
    public func recordAcceptance(
        inspectionID id: String, session: String, attemptID: Int64?, note: String, digests: [String]?, at: Date
    ) throws {
        try pool.write { db in
            try Self.markSpent(session, in: db)
            if let attemptID { try AttemptRecord.finish(attemptID, outcome: .accepted, detail: note, at: at, in: db) }
            let photoCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM photos WHERE inspection_id = ?", arguments: [id]) ?? 0
            if let digests, digests.count == photoCount, digests.allSatisfy({ $0.count == 64 }) {
                for (position, digest) in digests.enumerated() {
                    try db.execute(
                        sql: "UPDATE photos SET sha256 = ? WHERE inspection_id = ? AND position = ?",
                        arguments: [digest, id, position])
                }
            }
            try db.execute(
                sql: "UPDATE inspections SET session = ?, upload_fraction = 1 WHERE id = ?", arguments: [session, id])
            let open = InspectionState.uploadable.union([.draft])
            _ = try Self.move(db, id, from: open, to: .processing, failureReason: nil, at: at)
        }
    }

    private static func move(
        _ db: Database, _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String?, at: Date
    ) throws -> Bool {
        guard let current = try String.fetchOne(db, sql: "SELECT state FROM inspections WHERE id = ?", arguments: [id]) else {
            throw StoreError.unknownInspection(id)
        }
        guard let known = InspectionState(rawValue: current), from.contains(known) else { return false }
        try db.execute(
            sql: "UPDATE inspections SET state = ?, failure_reason = ?, updated_at = ? WHERE id = ?",
            arguments: [state.rawValue, failureReason, at.timeIntervalSinceReferenceDate, id])
        return true
    }
}
