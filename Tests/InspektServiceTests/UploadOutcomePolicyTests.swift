import InspektAPI
import InspektService
import Testing

/// The decision table of `UploadOutcomePolicy`, one row per case: what an attempt showed, what follows.
@Suite struct UploadOutcomePolicyTests {
    /// The kind of decision, without its words and delays.
    enum Kind: String, Sendable, CustomStringConvertible {
        case accepted, replyLost, renewTokens, newSession, retryAfter, needsOperator, mayHaveBeenAccepted
        var description: String { rawValue }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var facts: UploadAttemptFacts
        var expected: Kind
        var testDescription: String { name }
    }

    static let policy = UploadOutcomePolicy(maxAttempts: 3, baseBackoff: 1, maxBackoff: 8)

    /// Facts of an attempt; the body left whole and the server had time to read it unless told otherwise.
    static func facts(
        _ reply: UploadAttemptFacts.Reply, flushed: Bool = true, timeToRead: Bool = true, attempt: Int = 1,
        tokenLeft: Double = 600, session: UploadAttemptFacts.SessionStanding = .unused, renewed: Bool = false
    ) -> UploadAttemptFacts {
        UploadAttemptFacts(
            reply: reply, bodyFlushed: flushed, serverHadTimeToRead: timeToRead, attempt: attempt,
            tokenSecondsLeft: tokenLeft, session: session, tokensRenewed: renewed)
    }

    static func http(_ status: Int, _ error: APIError? = nil) -> UploadAttemptFacts.Reply {
        .http(status: status, error: error ?? .unexpected(status: status, message: "<html>gateway</html>"))
    }

    static let rows: [Row] = [
        // Accepted.
        Row(name: "200 accepted", facts: facts(.http(status: 200, error: nil)), expected: .accepted),
        Row(
            name: "201 with an unreadable body is still accepted",
            facts: facts(.http(status: 201, error: .unexpected(status: 201, message: "reply too large"))),
            expected: .accepted),
        Row(
            name: "2xx even before the body was flushed",
            facts: facts(.http(status: 200, error: nil), flushed: false, timeToRead: false), expected: .accepted),
        Row(
            name: "already exists after a lost reply: accepted",
            facts: facts(http(400, .inspectionAlreadyExists), session: .mayHaveBeenAccepted), expected: .accepted),
        Row(
            name: "already exists on our own unused session: accepted",
            facts: facts(http(400, .inspectionAlreadyExists)), expected: .accepted),
        // Reply lost: the body may be at Inspektlabs.
        Row(name: "504 after the whole body left", facts: facts(http(504)), expected: .replyLost),
        Row(name: "502 after the whole body left", facts: facts(http(502)), expected: .replyLost),
        Row(name: "503 after the whole body left", facts: facts(http(503)), expected: .replyLost),
        Row(name: "408 after the whole body left", facts: facts(http(408)), expected: .replyLost),
        Row(
            name: "connection lost after the body was flushed", facts: facts(.noReply(.connectionLost("reset"))),
            expected: .replyLost),
        Row(
            name: "stalled waiting for the reply after the body was flushed",
            facts: facts(.noReply(.stalled(seconds: 30))), expected: .replyLost),
        Row(
            name: "504 after the body, tokens expired: renew for the same session",
            facts: facts(http(504), tokenLeft: -1), expected: .renewTokens),
        Row(
            name: "504 after the body, tokens expired, already renewed: may have been accepted",
            facts: facts(http(504), tokenLeft: -1, renewed: true), expected: .mayHaveBeenAccepted),
        Row(
            name: "504 after the body on the last attempt: operator retries with the same session",
            facts: facts(http(504), attempt: 3), expected: .needsOperator),
        // A gateway error before the server could have the whole body: a passing fault.
        Row(
            name: "504 before the body was flushed", facts: facts(http(504), flushed: false, timeToRead: false),
            expected: .retryAfter),
        Row(
            name: "504 that came while the body was still leaving", facts: facts(http(504), timeToRead: false),
            expected: .retryAfter),
        Row(
            name: "connection lost before the body was flushed",
            facts: facts(.noReply(.connectionLost("reset")), flushed: false, timeToRead: false), expected: .retryAfter),
        Row(
            name: "unreachable",
            facts: facts(.noReply(.unreachable(host: "h", reason: "refused")), flushed: false, timeToRead: false),
            expected: .retryAfter),
        Row(
            name: "500 Server Side Issue is the origin's own answer", facts: facts(http(500, .serverSideIssue)),
            expected: .retryAfter),
        Row(name: "429 too many requests", facts: facts(http(429)), expected: .retryAfter),
        Row(
            name: "500 on the last attempt", facts: facts(http(500, .serverSideIssue), attempt: 3),
            expected: .needsOperator),
        // Token refused.
        Row(
            name: "401 on an unused session: new session", facts: facts(http(401, .tokenInvalid)), expected: .newSession
        ),
        Row(
            name: "401 before the body left: new session",
            facts: facts(http(401, .tokenInvalid), flushed: false, timeToRead: false), expected: .newSession),
        Row(
            name: "session not issued on an unused session: new session", facts: facts(http(400, .sessionNotIssued)),
            expected: .newSession),
        Row(
            name: "401 on an unused session, last attempt", facts: facts(http(401, .tokenInvalid), attempt: 3),
            expected: .needsOperator),
        Row(
            name: "401 on a maybe-accepted session: fresh tokens, same session",
            facts: facts(http(401, .tokenInvalid), session: .mayHaveBeenAccepted), expected: .renewTokens),
        Row(
            name: "401 on a maybe-accepted session after renewing: may have been accepted",
            facts: facts(http(401, .tokenInvalid), session: .mayHaveBeenAccepted, renewed: true),
            expected: .mayHaveBeenAccepted),
        Row(
            name: "session not issued on a maybe-accepted session: never a new one",
            facts: facts(http(400, .sessionNotIssued), session: .mayHaveBeenAccepted), expected: .mayHaveBeenAccepted),
        // Refusals only the operator can fix.
        Row(
            name: "unsupported file type", facts: facts(http(400, .unsupportedFileType("x.gif"))),
            expected: .needsOperator),
        Row(name: "missing a required field", facts: facts(http(400, .missingRequiredField)), expected: .needsOperator),
        Row(name: "API key not valid", facts: facts(http(401, .apiKeyNotValid)), expected: .needsOperator),
        Row(
            name: "a photo changed while being sent",
            facts: facts(.noReply(.fileProblem(.missing(name: "a.jpg"))), flushed: false, timeToRead: false),
            expected: .needsOperator),
    ]

    static func kind(_ decision: UploadDecision) -> Kind {
        switch decision {
        case .accepted: .accepted
        case .replyLost: .replyLost
        case .renewTokens: .renewTokens
        case .newSession: .newSession
        case .retryAfter: .retryAfter
        case .needsOperator(_, let maybe): maybe ? .mayHaveBeenAccepted : .needsOperator
        }
    }

    @Test(arguments: rows)
    func row(_ row: Row) {
        #expect(Self.kind(Self.policy.decide(row.facts)) == row.expected, "\(Self.policy.decide(row.facts))")
    }

    @Test func everyDecisionGivesItsReasonInWords() {
        for row in Self.rows {
            let reason: String
            switch Self.policy.decide(row.facts) {
            case .accepted(let text), .replyLost(_, let text), .renewTokens(let text), .newSession(let text),
                .retryAfter(_, let text), .needsOperator(let text, _):
                reason = text
            }
            #expect(reason.count > 10, "\(row.name)")
        }
    }

    @Test func mayHaveBeenAcceptedTellsTheOperatorWhatToCheck() throws {
        guard
            case .needsOperator(let reason, true) = Self.policy.decide(
                Self.facts(Self.http(401, .tokenInvalid), session: .mayHaveBeenAccepted, renewed: true))
        else { Issue.record("not may-have-been-accepted"); return }
        #expect(reason.contains("portal"))
        #expect(reason.contains("upload again as a new inspection"))
    }

    @Test func beforeConfirmingRenewsExpiredTokensOnceThenWaits() {
        #expect(Self.policy.beforeConfirming(tokenSecondsLeft: 100, tokensRenewed: false) == nil)
        #expect(
            Self.kind(Self.policy.beforeConfirming(tokenSecondsLeft: -1, tokensRenewed: false) ?? .accepted(reason: ""))
                == .renewTokens)
        #expect(
            Self.kind(Self.policy.beforeConfirming(tokenSecondsLeft: -1, tokensRenewed: true) ?? .accepted(reason: ""))
                == .mayHaveBeenAccepted)
    }

    @Test func backoffDoublesWithEqualJitterUpToTheBound() {
        #expect(Self.policy.backoff(attempt: 1, jitter: 0) == 0.5)
        #expect(Self.policy.backoff(attempt: 2, jitter: 1) == 2)
        #expect(Self.policy.backoff(attempt: 9, jitter: 0.5) == 6)
    }

    @Test func sessionFailureRetriesThenStopsWithTheReason() {
        #expect(
            Self.kind(Self.policy.decideAfterSessionFailure(.serverSideIssue, attempt: 1, jitter: 0.5)) == .retryAfter)
        guard
            case .needsOperator(let reason, false) = Self.policy.decideAfterSessionFailure(
                .apiKeyNotValid, attempt: 1, jitter: 0.5)
        else { Issue.record("a bad key must stop"); return }
        #expect(reason.hasPrefix("Could not start a session"))
    }
}
