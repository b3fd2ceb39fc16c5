import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore

/// API.md §5: a session for a comparison (`/api/authenticate/incremental_damage`), and the comparison of
/// two accepted inspections of the same account (`/api/incremental_damage`), itself an inspection of its own.
extension InspektSimulator {
    /// The reply texts of API.md §5 that differ from the upload's.
    enum IncrementalMessage {
        static let enterAPIKey = "Enter API Key"
        static let invalidAPIKey = "invalid API key"
        static let apiKeyNotValid = "API Key not valid. Refresh the page and try again or Contact Inspektlabs Inc"
        static let noAccess = "no access"
        static let casesNotFound = "cases not found"
    }

    /// The fields of a comparison request, all required.
    struct ComparisonRequest: Sendable {
        var caseID: String
        var session: String
        var earlier: String
        var later: String
        var callbackURL: String?
    }

    nonisolated func respondIncremental(to request: Request, channel: any Channel) async throws -> Response {
        guard request.method == .post else { return Self.error(.methodNotAllowed, "method not allowed") }
        if request.uri.path == "/api/authenticate/incremental_damage" { return await authenticateIncremental(request) }
        return try await compare(request, channel: channel)
    }

    // MARK: Authenticate

    nonisolated func authenticateIncremental(_ request: Request) async -> Response {
        let body = try? await request.body.collect(upTo: 64 * 1024)
        if await rollFailure() { return await reply(Self.error(.internalServerError, "Server Side Issue")) }
        guard let body, let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) else {
            return await reply(Self.error(.badRequest, IncrementalMessage.invalidAPIKey))
        }
        guard let key = (object as? [String: Any])?["key"] as? String, !key.isEmpty else {
            return await reply(Self.error(.badRequest, IncrementalMessage.enterAPIKey))
        }
        guard configuration.apiKeys.contains(key) else {
            logger.info("incremental authenticate refused: unknown key")
            return await reply(Self.error(.unauthorized, IncrementalMessage.apiKeyNotValid))
        }
        let grant = await issueSession(account: key)
        logger.info("comparison session issued", metadata: ["session": "\(grant.session)"])
        return await reply(
            Self.json(
                .ok,
                Self.encode([
                    "session": grant.session, "access_token": grant.accessToken, "refresh_token": grant.refreshToken,
                ])))
    }

    // MARK: Compare

    /// Order of checks: injected 500, the Bearer (either token of a pair), the account's access, the fields,
    /// then the session (not issued, spent, not the token's), then the two inspections. Session before
    /// inspections so that a retry after a lost reply always meets "already exists".
    nonisolated func compare(_ request: Request, channel: any Channel) async throws -> Response {
        let body = try? await request.body.collect(upTo: 64 * 1024)
        if await injectedServerError(comparison: true) {
            return await reply(Self.error(.internalServerError, "Server Side Issue"))
        }
        guard let claims = bearerClaims(request) else {
            logger.info("comparison refused: token invalid")
            return await reply(Self.error(.unauthorized, "token invalid"))
        }
        guard let account = await account(of: claims.session) else {
            return await reply(Self.error(.unauthorized, "token invalid"))
        }
        if configuration.keysWithoutIncrementalAccess.contains(account) {
            return await reply(Self.error(.forbidden, IncrementalMessage.noAccess))
        }
        guard let body else { return await reply(Self.error(.internalServerError, "Server Side Issue")) }
        guard let fields = Self.comparisonRequest(from: Data(buffer: body)) else {
            return await reply(Self.error(.badRequest, "Missing a required field"))
        }
        switch await admitComparison(fields, tokenSession: claims.session, account: account) {
        case .refused(let response):
            return await reply(response)
        case .accepted(let drop, let gatewayError):
            if gatewayError {
                logger.info(
                    "comparison accepted, answered 504 by the gateway", metadata: ["session": "\(fields.session)"])
                return await reply(Self.gatewayTimeout())
            }
            if drop {
                logger.info("comparison accepted, reply dropped", metadata: ["session": "\(fields.session)"])
                try? await Task.sleep(for: .seconds(configuration.latency))
                try? await channel.close()
                throw DroppedReply()
            }
            logger.info("comparison accepted", metadata: ["session": "\(fields.session)"])
            return await reply(Self.json(.ok, Self.encode(["status": "success", "session": fields.session])))
        }
    }

    /// The request's fields when every required one is a non-empty string.
    static func comparisonRequest(from body: Data) -> ComparisonRequest? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        func text(_ name: String) -> String? {
            guard let value = object[name] as? String, !value.isEmpty else { return nil }
            return value
        }
        guard let caseID = text("case_id"), let session = text("session"), let earlier = text("inspection_id_1"),
            let later = text("inspection_id_2")
        else { return nil }
        return ComparisonRequest(
            caseID: caseID, session: session, earlier: earlier, later: later, callbackURL: text("callback_url"))
    }

    /// The API key a session was issued to.
    private func account(of session: String) -> String? { accounts[session] }

    private func admitComparison(_ request: ComparisonRequest, tokenSession: String, account: String) -> Admission {
        guard issued.contains(request.session) else {
            return .refused(
                Self.error(.badRequest, "Please hit authenticate endpoint first and use session from there"))
        }
        // Spent before the token check: a retry whose reply was lost must learn it was accepted.
        guard !spent.contains(request.session) else {
            return .refused(Self.error(.badRequest, "Inspection Id already exists, please generate a new one"))
        }
        guard request.session == tokenSession else { return .refused(Self.error(.unauthorized, "token invalid")) }
        // Only uploads of this account can be compared (a comparison is not itself compared).
        func accepted(_ session: String) -> LedgerEntry? {
            entries.first { $0.session == session && $0.kind == .inspection && accounts[session] == account }
        }
        guard let earlier = accepted(request.earlier), let later = accepted(request.later) else {
            return .refused(Self.error(.notFound, IncrementalMessage.casesNotFound))
        }

        spent.insert(request.session)
        let entry = LedgerEntry(
            caseID: request.caseID, session: request.session, files: [], acceptedAt: configuration.now(),
            callbackURL: request.callbackURL, kind: .comparison, inspectionID1: earlier.session,
            inspectionID2: later.session)
        entries.append(entry)
        let document = IncrementalResult.document(
            for: entry, earlier: earlier, later: later, manifest: configuration.demoManifest)
        scheduleDelivery(document, session: entry.session, to: request.callbackURL)
        if comparisonGatewayErrorsDone < configuration.comparisonGatewayErrorsAfterAccept {
            comparisonGatewayErrorsDone += 1
            return .accepted(drop: false, gatewayError: true)
        }
        let drop = comparisonDropsDone < configuration.comparisonReplyDrops
        if drop { comparisonDropsDone += 1 }
        return .accepted(drop: drop, gatewayError: false)
    }
}
