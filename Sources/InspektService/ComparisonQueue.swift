import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// Sends comparisons (API.md §5) exactly once: each has its own single-use session from
/// `/api/authenticate/incremental_damage`, written to the store before any request carries it, and
/// marked as maybe-accepted before the request leaves; a retry after a lost reply uses that same session,
/// so the service can only confirm the earlier request ("Inspection Id already exists"), never make a second.
public actor ComparisonQueue {
    private let store: any InspectionStore
    private let client: InspektlabsClient
    private let configuration: ServiceConfiguration
    private let dependencies: ServiceDependencies
    private let hub: EventHub
    private let logger: Logger
    private let callbackURL: @Sendable (String) throws -> String?
    private var running: [String: Task<String, any Error>] = [:]
    /// Sessions the service refused before accepting anything (token invalid, never issued): not used again.
    private var abandoned: Set<String> = []
    /// New tokens for a maybe-accepted session whose own tokens were refused.
    private var renewedAuth: [String: AuthSession] = [:]

    init(
        store: any InspectionStore, client: InspektlabsClient, configuration: ServiceConfiguration,
        dependencies: ServiceDependencies, hub: EventHub, logger: Logger,
        callbackURL: @escaping @Sendable (String) throws -> String?
    ) {
        self.store = store
        self.client = client
        self.configuration = configuration
        self.dependencies = dependencies
        self.hub = hub
        self.logger = logger
        self.callbackURL = callbackURL
    }

    /// Sends one stored comparison until accepted (returns its session) or out of attempts (throws
    /// `ServiceError.uploadFailed`); a second call while one runs joins the first.
    public func run(comparisonID id: String) async throws -> String {
        if let task = running[id] { return try await task.value }
        let task = Task { try await self.perform(id) }
        running[id] = task
        defer { running[id] = nil }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    private func perform(_ id: String) async throws -> String {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            guard let comparison = try store.inspection(id: id), let pair = try store.comparedInspections(inspectionID: id)
            else { throw ServiceError.notFound(id: id) }
            if comparison.state.wasAccepted, let session = comparison.session {
                // Its result may come before a lost reply is cleared up: a result proves the acceptance.
                try store.markSessionSpent(session: session)
                return session
            }
            await dependencies.beforeAttempt(attempt)

            let stored: StoredSession
            do { stored = try await lease(for: id) } catch let error as APIError {
                if let delay = try retryDelay(id, attempt: attempt, error: error, attemptID: nil) {
                    try await dependencies.sleep(delay)
                    continue
                }
                throw fail(id, reason: "Could not start a session: \(error.operatorMessage)", attemptID: nil)
            }
            if stored.spent {
                try markAccepted(id, session: stored.session, attemptID: nil, note: "Comparison had been accepted")
                return stored.session
            }
            let maybeAccepted = stored.bodySent
            let auth =
                renewedAuth[stored.session]
                ?? AuthSession(
                    session: stored.session, accessToken: stored.accessToken, refreshToken: stored.refreshToken,
                    issuedAt: stored.issuedAt, expiresAt: stored.expiresAt)

            // Only the state changes (never a whole-row save): a result may be stored meanwhile by the receiver.
            try store.setState(id, .uploading)
            if let changed = try store.inspection(id: id) { hub.publish(.inspectionChanged(changed)) }
            let attemptID = try store.recordAttempt(inspectionID: id, session: stored.session, startedAt: dependencies.now())
            try? store.appendEvent(
                inspectionID: id, kind: .compare, detail: "Attempt \(attempt) started with session \(stored.session)")
            // From here on a lost reply may hide an acceptance: only this session can tell.
            try store.markBodySent(session: stored.session)
            let request = ComparisonRequest(
                caseID: comparison.facts.caseID, session: stored.session, earlierInspectionID: pair.before,
                laterInspectionID: pair.after, callbackURL: try callbackURL(id))
            await dependencies.beforeRequest(attempt)
            do {
                let session = try await client.requestComparison(request, auth: auth)
                try markAccepted(id, session: session, attemptID: attemptID, note: "Comparison accepted")
                return session
            } catch {
                if Task.isCancelled || error is CancellationError {
                    try? store.finishAttempt(id: attemptID, outcome: .interrupted, detail: "stopped before a reply")
                    throw CancellationError()
                }
                let apiError = error as? APIError ?? .unexpected(status: 0, message: String(describing: error))
                let replyLost: Bool
                switch apiError {
                case .connectionLost, .stalled, .unexpected(status: 0, _): replyLost = true
                default: replyLost = false
                }
                if !replyLost && !maybeAccepted {
                    // A reply came and it was not an acceptance: this request was not accepted.
                    var definite = stored
                    definite.bodySent = false
                    try? store.saveSession(definite)
                }
                logger.notice(
                    "comparison attempt failed",
                    metadata: ["inspection": "\(id)", "attempt": "\(attempt)", "error": "\(apiError)", "maybeAccepted": "\(maybeAccepted)"])
                switch apiError {
                case .inspectionAlreadyExists where maybeAccepted:
                    // "Inspection Id already exists" after a lost reply: that earlier request was accepted.
                    try markAccepted(
                        id, session: stored.session, attemptID: attemptID,
                        note: "Comparison accepted (the reply to an earlier attempt was lost; the service confirmed it)")
                    return stored.session
                case .inspectionAlreadyExists:
                    throw fail(
                        id,
                        reason: "The service says session \(stored.session) was already used, though no request of this kiosk can have been accepted with it. Check the Inspektlabs portal for case \(comparison.facts.caseID) before retrying.",
                        attemptID: attemptID)
                case .tokenInvalid where maybeAccepted:
                    try store.finishAttempt(id: attemptID, outcome: .tokenInvalid, detail: "renewing tokens for the same session")
                    if attempt < configuration.maxAttempts, renewedAuth[stored.session] == nil {
                        let fresh = try await client.authenticateIncremental(apiKey: configuration.apiKey)
                        renewedAuth[stored.session] = AuthSession(
                            session: stored.session, accessToken: fresh.accessToken, refreshToken: fresh.refreshToken,
                            issuedAt: fresh.issuedAt, expiresAt: fresh.expiresAt)
                        continue
                    }
                    throw fail(
                        id,
                        reason: "The earlier comparison request may have been accepted, but the service no longer lets this kiosk ask. Check the Inspektlabs portal for case \(comparison.facts.caseID) before retrying.",
                        attemptID: nil)
                case .tokenInvalid, .sessionNotIssued:
                    // Refused before anything was accepted: a new session, and try again.
                    try store.finishAttempt(id: attemptID, outcome: .refused, detail: apiError.operatorMessage)
                    abandoned.insert(stored.session)
                    if attempt < configuration.maxAttempts { continue }
                    throw fail(id, reason: Self.reason(after: attempt, apiError), attemptID: nil)
                default:
                    if let delay = try retryDelay(id, attempt: attempt, error: apiError, attemptID: attemptID) {
                        try await dependencies.sleep(delay)
                        continue
                    }
                    throw fail(
                        id, reason: apiError.isRetryable ? Self.reason(after: attempt, apiError) : apiError.operatorMessage,
                        attemptID: nil)
                }
            }
        }
    }

    /// The comparison's current session while usable (or maybe accepted), else a fresh one written ahead.
    private func lease(for id: String) async throws -> StoredSession {
        if let current = try store.currentSession(inspectionID: id) {
            if current.spent || current.bodySent { return current }
            let lifetime = current.expiresAt.timeIntervalSince(current.issuedAt)
            let margin = min(configuration.tokenSafetyMargin, max(0, lifetime / 4))
            if !abandoned.contains(current.session) && current.expiresAt.timeIntervalSince(dependencies.now()) >= margin {
                return current
            }
        }
        let auth = try await client.authenticateIncremental(apiKey: configuration.apiKey)
        if let owner = try store.inspection(session: auth.session), owner.id != id {
            throw APIError.unexpected(status: 200, message: "the service handed out a session already used by another inspection")
        }
        let stored = StoredSession(
            inspectionID: id, session: auth.session, accessToken: auth.accessToken, refreshToken: auth.refreshToken,
            issuedAt: auth.issuedAt, expiresAt: auth.expiresAt)
        // Write-ahead: the session is on disk before any request carries it.
        try store.saveSession(stored)
        try store.setSession(inspectionID: id, session: auth.session)
        try? store.appendEvent(inspectionID: id, kind: .session, detail: "Comparison session \(auth.session) fetched")
        hub.publish(.sessionReady(inspectionID: id, session: auth.session, expiresAt: auth.expiresAt))
        return stored
    }

    /// The pause before the next attempt, or nil when the error is final or attempts ran out.
    private func retryDelay(_ id: String, attempt: Int, error: APIError, attemptID: Int64?) throws -> Double? {
        if let attemptID { try store.finishAttempt(id: attemptID, outcome: .failed, detail: error.operatorMessage) }
        guard error.isRetryable, attempt < configuration.maxAttempts else { return nil }
        let ceiling = min(configuration.maxBackoff, configuration.baseBackoff * pow(2, Double(attempt - 1)))
        let delay = ceiling / 2 + ceiling / 2 * dependencies.random()
        try? store.appendEvent(
            inspectionID: id, kind: .retry,
            detail: "Attempt \(attempt) failed (\(error.operatorMessage)); retrying in \(String(format: "%.1f", delay)) s")
        hub.publish(.retryScheduled(inspectionID: id, attempt: attempt, delay: delay, reason: error.operatorMessage))
        return delay
    }

    private static func reason(after attempts: Int, _ error: APIError) -> String {
        "Comparison failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(error.operatorMessage)"
    }

    private func markAccepted(_ id: String, session: String, attemptID: Int64?, note: String) throws {
        try store.markSessionSpent(session: session)
        if let attemptID { try store.finishAttempt(id: attemptID, outcome: .accepted, detail: note) }
        // A result that came first (the reply was lost, the result was not) keeps its state.
        if let current = try store.inspection(id: id), !(current.state == .available || current.state == .rejected) {
            try store.setState(id, .processing)
        }
        guard let comparison = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        try? store.appendEvent(inspectionID: id, kind: .accepted, detail: "\(note); inspection id \(session)")
        logger.info("comparison accepted", metadata: ["inspection": "\(id)", "session": "\(session)"])
        hub.publish(.uploadAccepted(inspectionID: id, session: session))
        hub.publish(.inspectionChanged(comparison))
    }

    /// Leaves the comparison in failed-retryable with the reason; returns the error to throw.
    private func fail(_ id: String, reason: String, attemptID: Int64?) -> ServiceError {
        if let attemptID { try? store.finishAttempt(id: attemptID, outcome: .failed, detail: reason) }
        try? store.setState(id, .failedRetryable, failureReason: reason)
        try? store.appendEvent(inspectionID: id, kind: .failed, detail: reason)
        logger.warning("comparison failed", metadata: ["inspection": "\(id)", "reason": "\(reason)"])
        if let comparison = try? store.inspection(id: id) { hub.publish(.inspectionChanged(comparison)) }
        hub.publish(.uploadFailed(inspectionID: id, reason: reason))
        return ServiceError.uploadFailed(reason: reason)
    }
}
