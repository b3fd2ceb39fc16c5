import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// One run of the attempt loop for one inspection or comparison: gathers what each attempt showed, asks
/// `UploadOutcomePolicy` what follows, and carries that out in the store and on the wire. Uploads and
/// comparisons go through this same loop; only the request (`AttemptedRequest`) differs.
struct AttemptLoop<Request: AttemptedRequest>: Sendable {
    /// The accepted session, and the receipt when this process's request was the one accepted.
    struct Outcome: Sendable {
        var session: String
        var receipt: UploadReceipt?
    }

    let request: Request
    let store: any InspectionStore
    let broker: SessionBroker
    let configuration: ServiceConfiguration
    let dependencies: ServiceDependencies
    let hub: EventHub
    let logger: Logger
    let callbackURL: @Sendable (String) throws -> String?

    var policy: UploadOutcomePolicy { UploadOutcomePolicy(configuration, subject: request.noun) }
    /// "Upload", "Comparison": how a sentence about the request begins.
    var title: String { request.noun.prefix(1).uppercased() + request.noun.dropFirst() }

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
            // A result may come before a lost reply is cleared up: a result proves the acceptance.
            if inspection.state.wasAccepted { return Outcome(session: inspection.session ?? "") }
            try request.checkSender(of: inspection)
            guard InspectionState.uploadable.contains(inspection.state) else {
                throw ServiceError.wrongState(id: id, state: inspection.state, action: request.noun)
            }
            let payload: Request.Payload
            do { payload = try request.payload(for: inspection) } catch let refusal as AttemptRefusal {
                throw fail(id, reason: refusal.reason, attemptID: nil)
            }
            await dependencies.beforeAttempt(attempt)

            let lease: SessionBroker.Lease
            do {
                lease = try await broker.lease(for: id)
            } catch let accepted as SessionBroker.AlreadyAccepted {
                // Spent before the state caught up (e.g. a crash right after acceptance).
                try await recordAccepted(
                    id, lock: lock, session: accepted.session, attemptID: nil, note: "\(title) had been accepted",
                    digests: nil)
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
                    if case .retryAfter(let delay, let reason) = policy.decideAfterSessionFailure(
                        error, attempt: attempt, jitter: dependencies.random())
                    {
                        try await pause(id, attempt: attempt, delay: delay, reason: reason)
                        continue
                    }
                    throw fail(
                        id,
                        reason: "Could not renew the tokens to confirm the \(request.noun): \(error.operatorMessage)",
                        attemptID: nil)
                }
            }

            let attemptID: Int64
            do {
                // Only the state changes (never a whole-row save): a result may be stored meanwhile by the receiver.
                guard let started = try store.beginAttempt(inspectionID: id, session: session, at: dependencies.now())
                else { continue }
                attemptID = started
            } catch {
                throw ServiceError.storage(String(describing: error))
            }
            if let current = try? store.inspection(id: id) { hub.publish(.inspectionChanged(current)) }
            try? store.appendEvent(
                inspectionID: id, kind: request.startEvent, detail: "Attempt \(attempt) started with session \(session)"
            )

            let tracker = UploadProgressTracker(inspectionID: id, session: session, store: store, hub: hub)
            let callback = try callbackURL(id)
            await dependencies.beforeRequest(attempt)
            logger.info(
                "\(request.noun) attempt",
                metadata: ["inspection": "\(id)", "session": "\(session)", "attempt": "\(attempt)"])
            let failure: APIError
            do {
                var accepted = try await request.send(
                    payload, of: inspection, session: session, auth: auth, callbackURL: callback, tracker: tracker,
                    beforeClosing: {
                        // From here on a lost reply may hide an acceptance: only this session can tell.
                        try await tracker.bodyEnding {
                            try await waitingForTheDatabase("note the body sent") {
                                try store.markBodySent(session: session)
                            }
                        }
                    })
                if accepted.session.isEmpty {
                    accepted.session = session
                    accepted.receipt?.session = session
                }
                try await recordAccepted(
                    id, lock: lock, session: accepted.session, attemptID: attemptID, note: "\(title) accepted",
                    digests: accepted.receipt?.sha256)
                return Outcome(session: accepted.session, receipt: accepted.receipt)
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
            let fileCount = request.digestCount(of: payload)
            if fileCount > 0, facts.mayHaveBeenReceived, !policy.isDefiniteRefusal(facts),
                let digests = tracker.completeDigests(count: fileCount)
            {
                digestsOfLostReply = digests
            }
            let recordedBodySent = await tracker.recordedBodySent()
            if tracker.bodyFlushed && !recordedBodySent && !policy.isDefiniteRefusal(facts) {
                // The body may be at Inspektlabs and the store did not take note: stop rather than risk a new session later.
                do {
                    try await waitingForTheDatabase("note the body sent") { try store.markBodySent(session: session) }
                } catch {
                    throw ServiceError.storage(
                        "could not note that the \(request.noun) with session \(session) left whole: \(error)")
                }
            }
            if facts.session == .unused && recordedBodySent && policy.isDefiniteRefusal(facts) {
                // The server answered and did not accept: whatever left the socket was not taken, so forget "maybe".
                var definite = lease.stored
                definite.bodySent = false
                try? store.saveSession(definite)
            }
            logger.notice(
                "\(request.noun) attempt ended without acceptance",
                metadata: [
                    "inspection": "\(id)", "attempt": "\(attempt)", "error": "\(failure)", "decision": "\(decision)",
                ])

            switch decision {
            case .accepted(let note):
                try await recordAccepted(
                    id, lock: lock, session: session, attemptID: attemptID, note: note, digests: digestsOfLostReply)
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
                    throw fail(
                        id,
                        reason: "Could not renew the tokens to confirm the \(request.noun): \(error.operatorMessage)",
                        attemptID: nil)
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
