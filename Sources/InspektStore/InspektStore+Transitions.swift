import Foundation
import GRDB
import InspektCore
import InspektStorage

/// State changes as compare-and-set, each in one transaction, by the rules both engines share
/// (`StateTransitions`).
extension InspektStore {
    @discardableResult
    public func moveState(
        _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String?, at: Date
    ) throws -> Bool {
        try pool.write { db in
            try StateTransitions.move(
                SQLiteTransaction(db: db), id, from: from, to: state, failureReason: failureReason, at: at)
        }
    }

    public func beginAttempt(inspectionID id: String, session: String, at: Date) throws -> Int64? {
        try pool.write { db in
            try StateTransitions.beginAttempt(SQLiteTransaction(db: db), id, session: session, at: at)
        }
    }

    public func recordAcceptance(
        inspectionID id: String, session: String, attemptID: Int64?, note: String, digests: [String]?, at: Date
    ) throws {
        try pool.write { db in
            try StateTransitions.recordAcceptance(
                SQLiteTransaction(db: db), id, session: session, attemptID: attemptID, note: note, digests: digests,
                at: at)
        }
    }
}
