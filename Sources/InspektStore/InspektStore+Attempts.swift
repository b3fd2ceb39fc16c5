import Foundation
import GRDB
import InspektCore
import InspektStorage

/// The `upload_attempts` table: each try at an upload and how it ended.
extension InspektStore {
    /// Records the start of an upload attempt; returns its id for `finishAttempt`.
    @discardableResult
    public func recordAttempt(inspectionID: String, session: String?, startedAt: Date) throws -> Int64 {
        try pool.write { db in
            try StateTransitions.startAttempt(SQLiteTransaction(db: db), inspectionID, session: session, at: startedAt)
        }
    }

    /// Records how an upload attempt ended.
    public func finishAttempt(id: Int64, outcome: AttemptOutcome, detail: String?, finishedAt: Date) throws {
        try pool.write { db in
            try StateTransitions.finishAttempt(
                SQLiteTransaction(db: db), id, outcome: outcome, detail: detail, at: finishedAt)
        }
    }

    /// Every upload attempt of an inspection, oldest first.
    public func attempts(inspectionID: String) throws -> [UploadAttempt] {
        try pool.read { db in
            try AttemptRecord.filter(AttemptRecord.CodingKeys.inspectionID == inspectionID)
                .order(AttemptRecord.CodingKeys.id.asc)
                .fetchAll(db).map(\.attempt)
        }
    }
}
