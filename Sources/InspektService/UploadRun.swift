import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging
import PhotoKit

/// One run of the upload loop for one inspection: gathers what each attempt showed, asks
/// `UploadOutcomePolicy` what follows, and carries that out in the store and on the wire.
struct UploadRun: Sendable {
    /// The accepted session, and the receipt when this process's request was the one accepted.
    struct Outcome: Sendable {
        var session: String
        var receipt: UploadReceipt?
    }

    let store: any InspectionStore
    let client: InspektlabsClient
    let broker: SessionBroker
    let configuration: ServiceConfiguration
    let dependencies: ServiceDependencies
    let hub: EventHub
    let logger: Logger
    let callbackURL: @Sendable (String) throws -> String?

    var policy: UploadOutcomePolicy { UploadOutcomePolicy(configuration) }

    func perform(inspectionID id: String) async throws -> Outcome {
        let lock: any UploadLease
        do {
            lock = try store.takeUploadLock(inspectionID: id, holder: ProcessDescription.current(kiosk: store.kioskID))
        } catch StoreError.locked(let lockedID, let holder) {
            throw ServiceError.busy(id: lockedID, holder: holder)
        }
        defer { lock.release() }
        var attempt = 0
        // Digests of an earlier attempt of this run whose whole body left but whose reply was lost:
        // if the service later says that session was used, those are the bytes it accepted.
        var digestsOfLostReply: [String]?
        // Sessions given fresh tokens in this run: a second renewal cannot tell more than the first.
        var renewed: Set<String> = []
        while true {
            attempt += 1
            try Task.checkCancellation()
            guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
            if inspection.state.wasAccepted { return Outcome(session: inspection.session ?? "") }
            // Its photos are on the kiosk that captured it: only that kiosk can send them.
            if let owner = inspection.kiosk, !store.isOwn(kiosk: owner) { throw ServiceError.otherKiosk(id: id, kiosk: owner) }
            guard InspectionState.uploadable.contains(inspection.state) else {
                throw ServiceError.wrongState(id: id, state: inspection.state, action: "upload")
            }
            let problems = PhotoValidator.problems(in: inspection.photos)
            if !problems.isEmpty { throw fail(id, reason: problems.joined(separator: " "), attemptID: nil) }
            let files: [UploadFile]
            do { files = try uploadFiles(inspection.photos, inspectionID: id) } catch {
                throw fail(id, reason: String(describing: error), attemptID: nil)
            }
            await dependencies.beforeAttempt(attempt)

            let lease: SessionBroker.Lease
            do {
                lease = try await broker.lease(for: id)
            } catch let accepted as SessionBroker.AlreadyAccepted {
                // Spent before the state caught up (e.g. a crash right after acceptance).
                try await recordAccepted(id, lock: lock, session: accepted.session, attemptID: nil, note: "Upload had been accepted", digests: nil)
                return Outcome(session: accepted.session)
            } catch let error as APIError {
                switch policy.decideAfterSessionFailure(error, attempt: attempt, jitter: dependencies.random()) {
                case .retryAfter(let delay, let reason):
                    try await pause(id, attempt: attempt, delay: delay, reason: reason)
                    continue
                case let decision:
                    throw settle(id, decision, attemptID: nil)
                }
            }
            let session = lease.stored.session
            var auth = lease.auth
            if lease.mayHaveBeenAccepted,
                let early = policy.beforeConfirming(
                    tokenSecondsLeft: await broker.usableSeconds(of: auth), tokensRenewed: renewed.contains(session))
            {
                // Asking with expired tokens could only be refused: renew them (same session) or wait for the operator.
                guard case .renewTokens(let reason) = early else { throw settle(id, early, attemptID: nil) }
                try? store.appendEvent(inspectionID: id, kind: .tokens, detail: reason)
                do {
                    auth = try await broker.renewTokens(for: lease.stored)
                    renewed.insert(session)
                } catch let error as APIError {
                    if case .retryAfter(let delay, let reason) = policy.decideAfterSessionFailure(error, attempt: attempt, jitter: dependencies.random()) {
                        try await pause(id, attempt: attempt, delay: delay, reason: reason)
                        continue
                    }
                    throw fail(id, reason: "Could not renew the tokens to confirm the upload: \(error.operatorMessage)", attemptID: nil)
                }
            }

            let attemptID: Int64
            do {
                guard let started = try store.beginAttempt(inspectionID: id, session: session, at: dependencies.now()) else { continue }
                attemptID = started
            } catch {
                throw ServiceError.storage(String(describing: error))
            }
            if let current = try? store.inspection(id: id) { hub.publish(.inspectionChanged(current)) }
            try? store.appendEvent(inspectionID: id, kind: .upload, detail: "Attempt \(attempt) started with session \(session)")

            let request = UploadRequest(
                session: session, caseID: inspection.facts.caseID, files: files,
                emailID: inspection.facts.email.isEmpty ? nil : inspection.facts.email,
                callbackURL: try callbackURL(id),
                agentID: inspection.facts.agentID.isEmpty ? nil : inspection.facts.agentID,
                agentName: inspection.facts.agentName.isEmpty ? nil : inspection.facts.agentName)
            let tracker = UploadProgressTracker(inspectionID: id, session: session, store: store, hub: hub)
            await dependencies.beforeRequest(attempt)
            logger.info("upload attempt", metadata: ["inspection": "\(id)", "session": "\(session)", "attempt": "\(attempt)"])
            let failure: APIError
            do {
                var receipt = try await client.uploadWithReceipt(
                    request, auth: auth, progress: { tracker.report($0) },
                    fileSent: { index, digest in tracker.fileSent(index, sha256: digest) },
                    wire: { tracker.wire($0) },
                    beforeClosing: {
                        try await tracker.bodyEnding {
                            try await waitingForTheDatabase("note the body sent") { try store.markBodySent(session: session) }
                        }
                    })
                if receipt.session.isEmpty { receipt.session = session }
                try await recordAccepted(id, lock: lock, session: receipt.session, attemptID: attemptID, note: "Upload accepted", digests: receipt.sha256)
                return Outcome(session: receipt.session, receipt: receipt)
            } catch let error as ServiceError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError {
                    try? store.finishAttempt(id: attemptID, outcome: .interrupted, detail: "stopped before a reply")
                    throw CancellationError()
                }
                failure = error as? APIError ?? .unexpected(status: 0, message: String(describing: error))
            }

            let reply: UploadAttemptFacts.Reply =
                tracker.replyStatus.map { .http(status: $0, error: failure) } ?? .noReply(failure)
            let facts = UploadAttemptFacts(
                reply: reply, bodyFlushed: tracker.bodyFlushed, serverHadTimeToRead: tracker.serverHadTimeToRead,
                attempt: attempt, tokenSecondsLeft: await broker.usableSeconds(of: auth),
                session: lease.mayHaveBeenAccepted ? .mayHaveBeenAccepted : .unused,
                tokensRenewed: renewed.contains(session), jitter: dependencies.random())
            let decision = policy.decide(facts)
            if facts.mayHaveBeenReceived, !policy.isDefiniteRefusal(facts),
                let digests = tracker.completeDigests(count: files.count)
            {
                digestsOfLostReply = digests
            }
            let recordedBodySent = await tracker.recordedBodySent()
            if tracker.bodyFlushed && !recordedBodySent && !policy.isDefiniteRefusal(facts) {
                // The body may be at Inspektlabs and the store did not take note: stop rather than risk a new session later.
                do { try await waitingForTheDatabase("note the body sent") { try store.markBodySent(session: session) } } catch {
                    throw ServiceError.storage("could not note that the upload with session \(session) left whole: \(error)")
                }
            }
            if facts.session == .unused && recordedBodySent && policy.isDefiniteRefusal(facts) {
                // The server answered and did not accept: whatever left the socket was not taken, so forget "maybe".
                var definite = lease.stored
                definite.bodySent = false
                try? store.saveSession(definite)
            }
            logger.notice(
                "upload attempt ended without acceptance",
                metadata: ["inspection": "\(id)", "attempt": "\(attempt)", "error": "\(failure)", "decision": "\(decision)"])

            switch decision {
            case .accepted(let note):
                try await recordAccepted(id, lock: lock, session: session, attemptID: attemptID, note: note, digests: digestsOfLostReply)
                return Outcome(session: session)
            case .replyLost(let delay, let reason), .retryAfter(let delay, let reason):
                try? store.finishAttempt(id: attemptID, outcome: .failed, detail: reason)
                try await pause(id, attempt: attempt, delay: delay, reason: reason)
            case .renewTokens(let reason):
                try? store.finishAttempt(id: attemptID, outcome: .failed, detail: reason)
                do {
                    try await broker.renewTokens(for: lease.stored)
                    renewed.insert(session)
                } catch let error as APIError {
                    throw fail(id, reason: "Could not renew the tokens to confirm the upload: \(error.operatorMessage)", attemptID: nil)
                }
            case .newSession(let reason):
                try? store.finishAttempt(id: attemptID, outcome: .refused, detail: reason)
                await broker.abandon(session)
            case .needsOperator:
                throw settle(id, decision, attemptID: attemptID)
            }
        }
    }
}
