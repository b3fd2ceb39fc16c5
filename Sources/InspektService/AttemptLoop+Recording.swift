import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// How a run writes down what happened: acceptances, failures, pauses.
extension AttemptLoop {
    /// How often, and how far apart, recording an acceptance is tried before the run gives up on the store.
    static var acceptanceRecordTries: Int { 5 }
    static var acceptanceRecordPause: Double { 0.5 }

    /// Records the acceptance in one transaction; `digests` (one per photo, in order, as sent) are stored with the
    /// selection, so the stored SHA-256 is what went over the wire. When the store cannot be written (disk full,
    /// database read-only or locked) the acceptance is never turned into a failure: the run says the disk is the
    /// problem, and the next start meets the spent session ("already exists") and records it without a second inspection.
    /// The upload lock is confirmed first: a process whose lock went with its database session and was taken
    /// by another records nothing (that one does), and says so.
    func recordAccepted(
        _ id: String, lock: any UploadLease, session: String, attemptID: Int64?, note: String, digests: [String]?
    ) async throws {
        var lastError: (any Error)?
        for tryNumber in 1...Self.acceptanceRecordTries {
            do {
                try await waitingForTheDatabase("record the acceptance of \(id)") {
                    try lock.confirm()
                    try store.recordAcceptance(
                        inspectionID: id, session: session, attemptID: attemptID, note: note, digests: digests,
                        at: dependencies.now())
                }
                lastError = nil
                break
            } catch StoreError.locked(_, let holder) {
                logger.error(
                    "upload lock lost to another process; acceptance not recorded",
                    metadata: ["inspection": "\(id)", "session": "\(session)"])
                throw ServiceError.acceptedButLockLost(id: id, session: session, holder: holder)
            } catch {
                lastError = error
                logger.error(
                    "cannot record an accepted \(request.noun)",
                    metadata: [
                        "inspection": "\(id)", "session": "\(session)", "try": "\(tryNumber)", "error": "\(error)",
                    ])
                if tryNumber < Self.acceptanceRecordTries {
                    try? await dependencies.sleep(Self.acceptanceRecordPause * Double(tryNumber))
                }
            }
        }
        hub.publish(.uploadAccepted(inspectionID: id, session: session))
        if let lastError {
            throw ServiceError.acceptedButNotRecorded(session: session, detail: String(describing: lastError))
        }
        try? store.appendEvent(inspectionID: id, kind: .accepted, detail: "\(note); inspection id \(session)")
        logger.info("\(request.noun) accepted", metadata: ["inspection": "\(id)", "session": "\(session)"])
        if let inspection = try? store.inspection(id: id) { hub.publish(.inspectionChanged(inspection)) }
    }

    /// Runs a store call; while the fleet database cannot be reached it waits (without holding a thread) and
    /// tries again, up to `databaseOutagePatience` seconds: an upload's bookkeeping outlives a database restart.
    func waitingForTheDatabase<T>(_ what: String, _ body: () throws -> T) async throws -> T {
        let start = dependencies.now()
        while true {
            do {
                return try body()
            } catch StoreError.unreachable(let location, let reason)
                where dependencies.now().timeIntervalSince(start) < configuration.databaseOutagePatience
            {
                logger.warning(
                    "database unreachable; waiting to \(what)",
                    metadata: ["database": "\(location)", "reason": "\(reason)"])
                try await dependencies.sleep(1)
            }
        }
    }

    /// Carries out a decision that stops the run; returns the error to throw.
    func settle(_ id: String, _ decision: UploadDecision, attemptID: Int64?) -> ServiceError {
        switch decision {
        case .needsOperator(let reason, true):
            return fail(id, reason: reason, attemptID: attemptID, waitingAs: .mayHaveBeenAccepted)
        case .needsOperator(let reason, false), .retryAfter(_, let reason), .replyLost(_, let reason),
            .renewTokens(let reason), .newSession(let reason), .accepted(let reason):
            return fail(id, reason: reason, attemptID: attemptID)
        }
    }

    /// Leaves the inspection waiting for the operator with the reason (failed-retryable unless told otherwise);
    /// never moves one that a result or an acceptance already moved on. Returns the error to throw.
    func fail(
        _ id: String, reason: String, attemptID: Int64?, waitingAs state: InspectionState = .failedRetryable
    ) -> ServiceError {
        if let attemptID { try? store.finishAttempt(id: attemptID, outcome: .failed, detail: reason) }
        let moved =
            (try? store.moveState(
                id, from: InspectionState.uploadable, to: state, failureReason: reason, at: dependencies.now()))
            ?? false
        try? store.appendEvent(
            inspectionID: id, kind: state == .mayHaveBeenAccepted ? .mayHaveBeenAccepted : .failed, detail: reason)
        logger.warning(
            "\(request.noun) stopped",
            metadata: ["inspection": "\(id)", "state": "\(state.rawValue)", "reason": "\(reason)", "moved": "\(moved)"])
        // The failure first, then the stored inspection: a screen ends on the state the store holds.
        if moved { hub.publish(.uploadFailed(inspectionID: id, reason: reason)) }
        if let inspection = try? store.inspection(id: id) { hub.publish(.inspectionChanged(inspection)) }
        return ServiceError.uploadFailed(reason: reason)
    }

    /// Announces and waits out the pause before the next attempt.
    func pause(_ id: String, attempt: Int, delay: Double, reason: String) async throws {
        try? store.appendEvent(
            inspectionID: id, kind: .retry,
            detail: "Attempt \(attempt) failed (\(reason)); retrying in \(String(format: "%.1f", delay)) s")
        hub.publish(.retryScheduled(inspectionID: id, attempt: attempt, delay: delay, reason: reason))
        try await dependencies.sleep(delay)
    }
}
