import Foundation
import InspektAPI
import InspektCore
import InspektStore
import Logging
import PhotoKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Uploads inspections durably: every step is in SQLite before it happens, so that a run can
/// stop anywhere (error, quit, kill -9) and the next run continues without a second inspection.
/// Faults are retried with exponential backoff and jitter up to `maxAttempts`; then the
/// inspection waits in failed-retryable with the reason, until retried.
public actor SubmissionQueue {
    private let store: InspektStore
    private let client: InspektlabsClient
    private let broker: SessionBroker
    private let configuration: ServiceConfiguration
    private let dependencies: ServiceDependencies
    private let hub: EventHub
    private let logger: Logger
    private let callbackURL: @Sendable (String) throws -> String?
    private var running: [String: Task<Work.Outcome, any Error>] = [:]
    private var receipts: [String: UploadReceipt] = [:]

    init(
        store: InspektStore, client: InspektlabsClient, broker: SessionBroker, configuration: ServiceConfiguration,
        dependencies: ServiceDependencies, hub: EventHub, logger: Logger,
        callbackURL: @escaping @Sendable (String) throws -> String?
    ) {
        self.store = store
        self.client = client
        self.broker = broker
        self.configuration = configuration
        self.dependencies = dependencies
        self.hub = hub
        self.logger = logger
        self.callbackURL = callbackURL
    }

    /// Uploads one inspection until it is accepted (returns its session) or out of attempts
    /// (throws `ServiceError.uploadFailed`); a second call while one runs joins the first.
    public func run(inspectionID: String) async throws -> String {
        if let task = running[inspectionID] { return try await task.value.session }
        let work = Work(
            store: store, client: client, broker: broker, configuration: configuration,
            dependencies: dependencies, hub: hub, logger: logger, callbackURL: callbackURL)
        let task = Task { try await work.perform(inspectionID: inspectionID) }
        running[inspectionID] = task
        defer { running[inspectionID] = nil }
        let outcome = try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
        if let receipt = outcome.receipt { receipts[inspectionID] = receipt }
        return outcome.session
    }

    /// Inspection ids being uploaded by this process now.
    public var inFlight: [String] { Array(running.keys) }

    /// What the last upload accepted in this process sent for an inspection (digests, bytes, time);
    /// nil when it was accepted without a request of this process completing (e.g. after a lost reply).
    public func lastUpload(inspectionID: String) -> UploadReceipt? { receipts[inspectionID] }
}

/// One run of the upload loop for one inspection.
private struct Work: Sendable {
    /// The accepted session, and the receipt when this process's request was the one accepted.
    struct Outcome: Sendable {
        var session: String
        var receipt: UploadReceipt?
    }

    let store: InspektStore
    let client: InspektlabsClient
    let broker: SessionBroker
    let configuration: ServiceConfiguration
    let dependencies: ServiceDependencies
    let hub: EventHub
    let logger: Logger
    let callbackURL: @Sendable (String) throws -> String?

    func perform(inspectionID id: String) async throws -> Outcome {
        let lock = try UploadLock(directory: configuration.dataDirectory, inspectionID: id)
        defer { lock.release() }
        var attempt = 0
        // Digests of an earlier attempt of this run whose whole body left but whose reply was lost:
        // if the service later says that session was used, those are the bytes it accepted.
        var digestsOfLostReply: [String]?
        while true {
            attempt += 1
            try Task.checkCancellation()
            guard var inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
            if inspection.state.wasAccepted { return Outcome(session: inspection.session ?? "") }
            guard inspection.state == .ready || inspection.state == .uploading || inspection.state == .failedRetryable else {
                throw ServiceError.wrongState(id: id, state: inspection.state, action: "upload")
            }
            let problems = PhotoValidator.problems(in: inspection.photos)
            if !problems.isEmpty {
                throw fail(id, reason: problems.joined(separator: " "), attemptID: nil)
            }
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
                try markAccepted(id, session: accepted.session, attemptID: nil, note: "Upload had been accepted", digests: nil)
                return Outcome(session: accepted.session)
            } catch let error as APIError {
                if let delay = try await retryDelay(id, attempt: attempt, error: error, attemptID: nil) {
                    try await dependencies.sleep(delay)
                    continue
                }
                throw fail(id, reason: "Could not start a session: \(error.operatorMessage)", attemptID: nil)
            }

            inspection.state = .uploading
            inspection.session = lease.stored.session
            inspection.failureReason = nil
            inspection.updatedAt = dependencies.now()
            try store.save(inspection)
            hub.publish(.inspectionChanged(inspection))
            let attemptID = try store.recordAttempt(inspectionID: id, session: lease.stored.session, startedAt: dependencies.now())
            try? store.appendEvent(
                inspectionID: id, kind: "upload",
                detail: "Attempt \(attempt) started with session \(lease.stored.session)")

            let request = UploadRequest(
                session: lease.stored.session, caseID: inspection.facts.caseID,
                files: files,
                emailID: inspection.facts.email.isEmpty ? nil : inspection.facts.email,
                callbackURL: try callbackURL(id),
                agentID: inspection.facts.agentID.isEmpty ? nil : inspection.facts.agentID,
                agentName: inspection.facts.agentName.isEmpty ? nil : inspection.facts.agentName)
            let tracker = ProgressTracker(
                inspectionID: id, session: lease.stored.session, store: store, hub: hub,
                alreadySent: lease.mayHaveBeenAccepted)
            await dependencies.beforeRequest(attempt)
            logger.info(
                "upload attempt", metadata: ["inspection": "\(id)", "session": "\(lease.stored.session)", "attempt": "\(attempt)"])
            do {
                var receipt = try await client.uploadWithReceipt(
                    request, auth: lease.auth, progress: { progress in tracker.report(progress) },
                    fileSent: { index, digest in tracker.fileSent(index, sha256: digest) })
                if receipt.session.isEmpty { receipt.session = lease.stored.session }
                try markAccepted(id, session: receipt.session, attemptID: attemptID, note: "Upload accepted", digests: receipt.sha256)
                return Outcome(session: receipt.session, receipt: receipt)
            } catch {
                if Task.isCancelled || error is CancellationError {
                    try? store.finishAttempt(id: attemptID, outcome: "interrupted", detail: "stopped before a reply")
                    throw CancellationError()
                }
                let apiError = error as? APIError ?? .unexpected(status: 0, message: String(describing: error))
                let replyLost: Bool
                switch apiError {
                case .connectionLost, .stalled, .unexpected(status: 0, _): replyLost = true
                default: replyLost = false
                }
                if tracker.bodyFullySent && !replyLost && !lease.mayHaveBeenAccepted {
                    // A reply came and it was not an acceptance: whatever left the socket was not
                    // accepted (e.g. a 401 sent before the server read the body), so forget "maybe".
                    var definite = lease.stored
                    definite.bodySent = false
                    try? store.saveSession(definite)
                }
                let maybeAccepted = lease.mayHaveBeenAccepted || (tracker.bodyFullySent && replyLost)
                if tracker.bodyFullySent && replyLost, let digests = tracker.completeDigests(count: files.count) {
                    digestsOfLostReply = digests
                }
                logger.notice(
                    "upload attempt failed",
                    metadata: ["inspection": "\(id)", "attempt": "\(attempt)", "error": "\(apiError)", "maybeAccepted": "\(maybeAccepted)"])
                switch apiError {
                case .inspectionAlreadyExists where maybeAccepted:
                    // Our earlier body reached the server and only its reply was lost: that attempt was accepted.
                    try markAccepted(
                        id, session: lease.stored.session, attemptID: attemptID,
                        note: "Upload accepted (the reply to an earlier attempt was lost; the service confirmed it)",
                        digests: digestsOfLostReply)
                    return Outcome(session: lease.stored.session)
                case .inspectionAlreadyExists:
                    throw fail(
                        id,
                        reason: "The service says session \(lease.stored.session) was already used, though no upload of this kiosk can have been accepted with it. Check the Inspektlabs portal for case \(inspection.facts.caseID) before retrying.",
                        attemptID: attemptID)
                case .tokenInvalid where maybeAccepted:
                    // Only this session can tell whether the earlier body was accepted: new tokens, same session.
                    try store.finishAttempt(id: attemptID, outcome: "token-invalid", detail: "token expired; renewing tokens for the same session")
                    if attempt < configuration.maxAttempts, try await broker.renewTokens(for: lease.stored) { continue }
                    throw fail(
                        id,
                        reason: "The earlier upload may have been accepted, but the service no longer lets this kiosk ask. Check the Inspektlabs portal for case \(inspection.facts.caseID) before retrying.",
                        attemptID: nil)
                case .tokenInvalid, .sessionNotIssued:
                    // Refused before anything was accepted: authenticate again (new session) and retry.
                    try store.finishAttempt(id: attemptID, outcome: "refused", detail: apiError.operatorMessage)
                    await broker.abandon(lease.stored.session)
                    if attempt < configuration.maxAttempts { continue }
                    throw fail(id, reason: reasonAfter(attempt, apiError), attemptID: nil)
                default:
                    if let delay = try await retryDelay(id, attempt: attempt, error: apiError, attemptID: attemptID) {
                        try await dependencies.sleep(delay)
                        continue
                    }
                    throw fail(
                        id, reason: apiError.isRetryable ? reasonAfter(attempt, apiError) : apiError.operatorMessage,
                        attemptID: attemptID)
                }
            }
        }
    }

    /// The pause before the next attempt, or nil when the error is final or attempts ran out.
    private func retryDelay(_ id: String, attempt: Int, error: APIError, attemptID: Int64?) async throws -> Double? {
        if let attemptID {
            try store.finishAttempt(id: attemptID, outcome: "failed", detail: error.operatorMessage)
        }
        guard error.isRetryable, attempt < configuration.maxAttempts else { return nil }
        let ceiling = min(configuration.maxBackoff, configuration.baseBackoff * pow(2, Double(attempt - 1)))
        // Equal jitter: half the delay is fixed, half random, so kiosks that failed together spread out.
        let delay = ceiling / 2 + ceiling / 2 * dependencies.random()
        let reason = error.operatorMessage
        try? store.appendEvent(
            inspectionID: id, kind: "retry",
            detail: "Attempt \(attempt) failed (\(reason)); retrying in \(String(format: "%.1f", delay)) s")
        hub.publish(.retryScheduled(inspectionID: id, attempt: attempt, delay: delay, reason: reason))
        return delay
    }

    private func reasonAfter(_ attempts: Int, _ error: APIError) -> String {
        "Upload failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(error.operatorMessage)"
    }

    /// Records the acceptance; `digests` (one per photo, in order, as sent) are stored with the selection
    /// in the same save, so the stored SHA-256 is what went over the wire.
    private func markAccepted(_ id: String, session: String, attemptID: Int64?, note: String, digests: [String]?) throws {
        try store.markSessionSpent(session: session)
        if let attemptID { try store.finishAttempt(id: attemptID, outcome: "accepted", detail: note) }
        guard var inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        if let digests, digests.count == inspection.photos.count, digests.allSatisfy({ $0.count == 64 }) {
            for index in inspection.photos.indices { inspection.photos[index].sha256 = digests[index] }
        }
        inspection.state = .processing
        inspection.session = session
        inspection.failureReason = nil
        inspection.uploadFraction = 1
        inspection.updatedAt = dependencies.now()
        try store.save(inspection)
        try? store.appendEvent(inspectionID: id, kind: "accepted", detail: "\(note); inspection id \(session)")
        logger.info("upload accepted", metadata: ["inspection": "\(id)", "session": "\(session)"])
        hub.publish(.uploadAccepted(inspectionID: id, session: session))
        hub.publish(.inspectionChanged(inspection))
    }

    /// Leaves the inspection in failed-retryable with the reason; returns the error to throw.
    private func fail(_ id: String, reason: String, attemptID: Int64?) -> ServiceError {
        if let attemptID { try? store.finishAttempt(id: attemptID, outcome: "failed", detail: reason) }
        try? store.setState(id, .failedRetryable, failureReason: reason)
        try? store.appendEvent(inspectionID: id, kind: "failed", detail: reason)
        logger.warning("upload failed", metadata: ["inspection": "\(id)", "reason": "\(reason)"])
        if let inspection = try? store.inspection(id: id) { hub.publish(.inspectionChanged(inspection)) }
        hub.publish(.uploadFailed(inspectionID: id, reason: reason))
        return ServiceError.uploadFailed(reason: reason)
    }

    /// The files to send, each with the digest taken when the selection was prepared, so the request does
    /// not hash again. A file whose size differs from the one it was hashed at has changed since: it goes
    /// without a digest and is hashed from the bytes sent (as are rows stored before digests were taken early).
    private func uploadFiles(_ photos: [PhotoSelection], inspectionID id: String) throws -> [UploadFile] {
        try photos.map { photo in
            switch PhotoInspector.check(path: photo.path) {
            case .success(let mediaType):
                guard let size = PhotoValidator.size(path: photo.path) else {
                    throw ServiceError.invalid([FileProblem.missing(name: photo.fileName).description])
                }
                var digest = photo.sha256.flatMap { $0.count == 64 ? $0 : nil }
                if digest != nil && size != photo.size {
                    logger.notice(
                        "photo changed since it was hashed; hashing it as it is sent",
                        metadata: ["inspection": "\(id)", "file": "\(SafeText.escape(photo.uploadName))"])
                    digest = nil
                }
                return UploadFile(
                    path: photo.path, uploadName: photo.uploadName, size: size, mediaType: mediaType, sha256: digest)
            case .failure(let problem):
                throw ServiceError.invalid([problem.description])
            }
        }
    }
}

/// Turns the client's byte progress into events (at most ~10 a second) and records, before the
/// request can end, that the whole body left: from then on the attempt may have been accepted.
private final class ProgressTracker: Sendable {
    private struct State {
        var lastPublished = Date.distantPast
        var bodySent: Bool
        var lastCurrent: Int?
        var digests: [Int: String] = [:]
    }

    private let inspectionID: String
    private let session: String
    private let store: InspektStore
    private let hub: EventHub
    private let state: Mutex<State>

    init(inspectionID: String, session: String, store: InspektStore, hub: EventHub, alreadySent: Bool) {
        self.inspectionID = inspectionID
        self.session = session
        self.store = store
        self.hub = hub
        self.state = Mutex(State(bodySent: alreadySent))
    }

    var bodyFullySent: Bool { state.withLock { $0.bodySent } }

    /// File `index` left whole with this digest.
    func fileSent(_ index: Int, sha256: String) { state.withLock { $0.digests[index] = sha256 } }

    /// Every file's digest as sent by this attempt, or nil when some file did not leave whole.
    func completeDigests(count: Int) -> [String]? {
        state.withLock { state in
            let digests = (0..<count).compactMap { state.digests[$0] }
            return digests.count == count ? digests : nil
        }
    }

    func report(_ progress: UploadProgress) {
        let complete = progress.total > 0 && progress.sent >= progress.total
        let (publish, markSent) = state.withLock { state -> (Bool, Bool) in
            let now = Date()
            var markSent = false
            if complete && !state.bodySent {
                state.bodySent = true
                markSent = true
            }
            let publish = complete || progress.current != state.lastCurrent || now.timeIntervalSince(state.lastPublished) >= 0.1
            if publish {
                state.lastPublished = now
                state.lastCurrent = progress.current
            }
            return (publish, markSent)
        }
        if markSent { try? store.markBodySent(session: session) }
        if publish { hub.publish(.uploadProgress(inspectionID: inspectionID, progress)) }
    }
}
