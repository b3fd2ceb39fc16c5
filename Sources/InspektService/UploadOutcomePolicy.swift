import Foundation
import InspektAPI

/// What is known once an upload attempt ended, as the outcome policy reads it.
public struct UploadAttemptFacts: Sendable, Equatable {
    /// How the attempt ended on the wire.
    public enum Reply: Sendable, Equatable {
        /// A reply came with this HTTP status; `error` is the reply read as an API error (nil for a 2xx).
        case http(status: Int, error: APIError?)
        /// No reply came (connection lost, stalled, unreachable, a photo failed while sending).
        case noReply(APIError)
    }

    /// What the server may already hold for the session this attempt used.
    public enum SessionStanding: Sendable, Hashable {
        /// No body with this session can have been received before this attempt.
        case unused
        /// An earlier body with this session left whole and no definite answer came: it may have been accepted.
        case mayHaveBeenAccepted
    }

    public var reply: Reply
    /// The whole request body was written to the socket and flushed (not merely read from disk).
    public var bodyFlushed: Bool
    /// The reply (or the silence) came after the body was flushed, so the server had time to read it all.
    public var serverHadTimeToRead: Bool
    /// 1 for the first attempt of this run.
    public var attempt: Int
    /// Seconds the session's tokens have left now (negative once expired).
    public var tokenSecondsLeft: Double
    public var session: SessionStanding
    /// Fresh tokens were already fetched for this session in this run.
    public var tokensRenewed: Bool
    /// A number in 0..<1 for the backoff jitter (injected, so the policy stays pure).
    public var jitter: Double

    public init(
        reply: Reply, bodyFlushed: Bool, serverHadTimeToRead: Bool, attempt: Int, tokenSecondsLeft: Double,
        session: SessionStanding, tokensRenewed: Bool = false, jitter: Double = 0.5
    ) {
        self.reply = reply
        self.bodyFlushed = bodyFlushed
        self.serverHadTimeToRead = serverHadTimeToRead
        self.attempt = attempt
        self.tokenSecondsLeft = tokenSecondsLeft
        self.session = session
        self.tokensRenewed = tokensRenewed
        self.jitter = jitter
    }

    /// The body may have reached Inspektlabs whole on this attempt or an earlier one.
    var mayHaveBeenReceived: Bool { session == .mayHaveBeenAccepted || (bodyFlushed && serverHadTimeToRead) }
}

/// What to do after an attempt, with the reason in words (for the event log and the operator).
public enum UploadDecision: Sendable, Hashable {
    /// Inspektlabs has the inspection: record the session spent and the inspection processing.
    case accepted(reason: String)
    /// The body may have been received but the answer never came: ask again with the same session.
    case replyLost(retryIn: Double, reason: String)
    /// The same session's tokens expired while its body may have been received: fetch fresh tokens, keep the session.
    case renewTokens(reason: String)
    /// Inspektlabs refused the session before accepting anything: authenticate again for a new one.
    case newSession(reason: String)
    /// A passing fault before anything can have been accepted: try again with the same session.
    case retryAfter(seconds: Double, reason: String)
    /// Nothing more can be done without the operator; `mayHaveBeenAccepted` picks the state it waits in.
    case needsOperator(reason: String, mayHaveBeenAccepted: Bool)
}

/// The one table that turns what happened on an upload attempt into what happens next.
///
/// Pure: no clock, no store, no network. `AttemptLoop` gathers the facts and carries out the decision, for an upload
/// and a comparison alike.
public struct UploadOutcomePolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseBackoff: Double
    public var maxBackoff: Double
    /// Tokens with fewer seconds left than this are treated as expired.
    public var tokenSafetyMargin: Double
    /// What is sent, as the reasons name it: "upload", or "comparison" (the same decisions, in its own words).
    public var subject: String

    /// Statuses a proxy or gateway in front of Inspektlabs answers when it lost the origin's reply.
    public static let gatewayStatuses: Set<Int> = [408, 502, 503, 504]

    public init(
        maxAttempts: Int, baseBackoff: Double, maxBackoff: Double, tokenSafetyMargin: Double = 0,
        subject: String = "upload"
    ) {
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
        self.tokenSafetyMargin = tokenSafetyMargin
        self.subject = subject
    }

    /// The policy of a service configuration.
    public init(_ configuration: ServiceConfiguration, subject: String = "upload") {
        self.init(
            maxAttempts: configuration.maxAttempts, baseBackoff: configuration.baseBackoff,
            maxBackoff: configuration.maxBackoff, subject: subject)
    }

    /// The subject at the start of a sentence.
    private var title: String { subject.prefix(1).uppercased() + subject.dropFirst() }

    /// Decides what follows an attempt.
    public func decide(_ facts: UploadAttemptFacts) -> UploadDecision {
        switch facts.reply {
        case .http(let status, _) where (200..<300).contains(status):
            // The body of a 2xx may be too big or unreadable: the status alone says accepted.
            return .accepted(reason: "\(title) accepted")
        case .http(_, .inspectionAlreadyExists?):
            // The session is ours alone and single-use: spent means an attempt of ours was accepted.
            return .accepted(
                reason: "\(title) accepted (the reply to an earlier attempt was lost; the service confirmed it)")
        case .http(let status, let error):
            return afterRefusal(status: status, error: error ?? .unexpected(status: status, message: ""), facts)
        case .noReply(let error):
            return afterSilence(error, facts)
        }
    }

    /// Before confirming a maybe-accepted session: nil to go ahead, else fresh tokens first, or wait for the operator
    /// when fresh tokens were already tried. `tokenSecondsLeft` is what the tokens to be sent have left.
    public func beforeConfirming(tokenSecondsLeft: Double, tokensRenewed: Bool) -> UploadDecision? {
        guard tokenSecondsLeft < tokenSafetyMargin else { return nil }
        if tokensRenewed { return waitAsMayHaveBeenAccepted() }
        return .renewTokens(
            reason:
                "The tokens expired while the \(subject) may have been accepted; fetching fresh tokens to confirm with the same session"
        )
    }

    /// A reply that definitely refused this request: the server answered, and not as a gateway that lost the origin's reply.
    public func isDefiniteRefusal(_ facts: UploadAttemptFacts) -> Bool {
        guard case .http(let status, let error) = facts.reply else { return false }
        if (200..<300).contains(status) || error == .inspectionAlreadyExists { return false }
        return !(Self.gatewayStatuses.contains(status) && facts.bodyFlushed && facts.serverHadTimeToRead)
    }

    /// Decides what follows a failed request for a new session (nothing was uploaded with it).
    public func decideAfterSessionFailure(_ error: APIError, attempt: Int, jitter: Double) -> UploadDecision {
        let facts = UploadAttemptFacts(
            reply: .noReply(error), bodyFlushed: false, serverHadTimeToRead: false, attempt: attempt,
            tokenSecondsLeft: 0, session: .unused, jitter: jitter)
        switch retryOrStop(error, facts) {
        case .needsOperator(let reason, _):
            return .needsOperator(reason: "Could not start a session: \(reason)", mayHaveBeenAccepted: false)
        case let other:
            return other
        }
    }

    /// A reply that is not an acceptance.
    private func afterRefusal(status: Int, error: APIError, _ facts: UploadAttemptFacts) -> UploadDecision {
        if Self.gatewayStatuses.contains(status) && facts.bodyFlushed && facts.serverHadTimeToRead {
            return replyLost("a gateway answered HTTP \(status) after the whole \(subject) left", facts)
        }
        switch error {
        case .tokenInvalid where facts.session == .mayHaveBeenAccepted:
            return confirmWithFreshTokens(facts)
        case .tokenInvalid, .sessionNotIssued:
            if facts.session == .mayHaveBeenAccepted { return waitAsMayHaveBeenAccepted() }
            guard facts.attempt < maxAttempts else {
                return .needsOperator(reason: gaveUp(facts, error), mayHaveBeenAccepted: false)
            }
            return .newSession(
                reason: "Inspektlabs refused the session before accepting anything (\(error)); signing in again")
        default:
            return retryOrStop(error, facts)
        }
    }

    /// No reply at all.
    private func afterSilence(_ error: APIError, _ facts: UploadAttemptFacts) -> UploadDecision {
        switch error {
        case .fileProblem:
            return .needsOperator(reason: error.operatorMessage, mayHaveBeenAccepted: false)
        case .connectionLost where facts.bodyFlushed, .stalled where facts.bodyFlushed:
            return replyLost("the whole \(subject) left but no reply came (\(error))", facts)
        default:
            return retryOrStop(error, facts)
        }
    }

    /// The body may be at Inspektlabs: confirm with the same session, with fresh tokens when they ran out.
    private func replyLost(_ what: String, _ facts: UploadAttemptFacts) -> UploadDecision {
        if facts.tokenSecondsLeft < tokenSafetyMargin {
            return confirmWithFreshTokens(facts, after: "Reply lost: \(what)")
        }
        guard facts.attempt < maxAttempts else {
            return .needsOperator(
                reason:
                    "The \(subject) may have reached Inspektlabs (\(what)), but no answer came after \(attempts(facts.attempt)). Retry: it asks again with the same session and never makes a second inspection.",
                mayHaveBeenAccepted: false)
        }
        return .replyLost(
            retryIn: backoff(attempt: facts.attempt, jitter: facts.jitter),
            reason: "Reply lost: \(what); confirming with the same session")
    }

    private func confirmWithFreshTokens(
        _ facts: UploadAttemptFacts, after what: String = "Token refused"
    ) -> UploadDecision {
        guard !facts.tokensRenewed, facts.attempt < maxAttempts else { return waitAsMayHaveBeenAccepted() }
        return .renewTokens(
            reason:
                "\(what); the tokens expired while the \(subject) may have been accepted: fetching fresh tokens to confirm with the same session"
        )
    }

    private func waitAsMayHaveBeenAccepted() -> UploadDecision {
        .needsOperator(
            reason:
                "The \(subject) may have been accepted, but no answer came and this kiosk cannot confirm it now: the tokens of its session expired, and Inspektlabs offers no way to renew them for the same session. Check the Inspektlabs portal for this case: if it is there, its result will arrive; r (or inspekt resume --retry-failed) asks again with the same session; only if the portal does not have it, choose \"upload again as a new inspection\" (it may bill twice).",
            mayHaveBeenAccepted: true)
    }

    /// A definite answer that is not an acceptance, or a fault before the body could be read.
    private func retryOrStop(_ error: APIError, _ facts: UploadAttemptFacts) -> UploadDecision {
        guard error.isRetryable else {
            return .needsOperator(reason: error.operatorMessage, mayHaveBeenAccepted: false)
        }
        guard facts.attempt < maxAttempts else {
            return .needsOperator(reason: gaveUp(facts, error), mayHaveBeenAccepted: false)
        }
        return .retryAfter(
            seconds: backoff(attempt: facts.attempt, jitter: facts.jitter), reason: error.operatorMessage)
    }

    private func gaveUp(_ facts: UploadAttemptFacts, _ error: APIError) -> String {
        "\(title) failed after \(attempts(facts.attempt)): \(error.operatorMessage)"
    }

    private func attempts(_ count: Int) -> String { "\(count) attempt\(count == 1 ? "" : "s")" }

    /// Exponential backoff with equal jitter: half the delay fixed, half random, so kiosks that failed together spread out.
    public func backoff(attempt: Int, jitter: Double) -> Double {
        let ceiling = min(maxBackoff, baseBackoff * pow(2, Double(max(0, attempt - 1))))
        return ceiling / 2 + ceiling / 2 * jitter
    }
}
