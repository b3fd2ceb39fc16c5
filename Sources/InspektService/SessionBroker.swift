import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// The one place where the life of an Inspektlabs session is decided: a fresh session per
/// inspection, fetched just before its upload and written to the store before any request
/// carries it; replaced when its tokens run short, but only while no attempt with it could
/// have been accepted; never handed to a second inspection.
public actor SessionBroker {
    /// What the queue should send with the next attempt.
    public struct Lease: Sendable {
        public var stored: StoredSession
        /// Credentials for the upload; normally the stored session's own tokens.
        public var auth: AuthSession
        /// A body with this session was fully sent before and its reply never came: the server
        /// may already have accepted it, so only this session can tell us.
        public var mayHaveBeenAccepted: Bool
    }

    /// Which endpoint hands out the sessions: `/api/authenticate` for uploads, its incremental twin for comparisons.
    public enum Kind: Sendable {
        case upload
        case comparison
    }

    /// The inspection's session was already spent: its upload was accepted.
    public struct AlreadyAccepted: Error, Sendable {
        public var session: String
    }

    private let store: any InspectionStore
    private let client: InspektlabsClient
    private let apiKey: String
    private let clientID: String?
    private let kind: Kind
    private let safetyMargin: Double
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let onFreshSession: @Sendable (String, String, Date) -> Void
    /// Sessions the server no longer honours (token refused, never issued): not offered again.
    private var abandoned: Set<String> = []
    /// Fresh tokens for a maybe-accepted session whose own tokens expired.
    private var renewedAuth: [String: AuthSession] = [:]

    public init(
        store: any InspectionStore, client: InspektlabsClient, apiKey: String, clientID: String?, kind: Kind = .upload,
        safetyMargin: Double, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger,
        onFreshSession: @escaping @Sendable (_ inspectionID: String, _ session: String, _ expiresAt: Date) -> Void = {
            _, _, _ in
        }
    ) {
        self.store = store
        self.client = client
        self.apiKey = apiKey
        self.clientID = clientID
        self.kind = kind
        self.safetyMargin = safetyMargin
        self.now = now
        self.logger = logger
        self.onFreshSession = onFreshSession
    }

    /// The session for the next attempt of an inspection: its current one while still usable,
    /// else a fresh one written ahead to the store.
    public func lease(for inspectionID: String) async throws -> Lease {
        if let current = try store.currentSession(inspectionID: inspectionID) {
            if current.spent { throw AlreadyAccepted(session: current.session) }
            if current.bodySent {
                // Maybe accepted: a new session could make a second inspection of the same vehicle.
                let auth = renewedAuth[current.session] ?? Self.auth(of: current)
                return Lease(stored: current, auth: auth, mayHaveBeenAccepted: true)
            }
            if !abandoned.contains(current.session) && remaining(current) >= margin(for: current) {
                return Lease(stored: current, auth: Self.auth(of: current), mayHaveBeenAccepted: false)
            }
            logger.info(
                "replacing unspent session",
                metadata: ["inspection": "\(inspectionID)", "session": "\(current.session)"])
        }
        let fresh = try await freshSession(for: inspectionID)
        return Lease(stored: fresh, auth: Self.auth(of: fresh), mayHaveBeenAccepted: false)
    }

    /// The server refused this session (token invalid, never issued) before accepting it.
    public func abandon(_ session: String) {
        abandoned.insert(session)
    }

    /// New tokens for a maybe-accepted session whose tokens expired: the session stays the same,
    /// so that asking again can only confirm the earlier upload, never start a second inspection.
    /// API.md has no refresh endpoint: the tokens come from a new authentication, whose own session is never used.
    @discardableResult
    public func renewTokens(for stored: StoredSession) async throws -> AuthSession {
        let fresh = try await authenticate()
        let renewed = AuthSession(
            session: stored.session, accessToken: fresh.accessToken, refreshToken: fresh.refreshToken,
            issuedAt: fresh.issuedAt, expiresAt: fresh.expiresAt)
        renewedAuth[stored.session] = renewed
        return renewed
    }

    /// A fresh session for an inspection whose earlier session may have been accepted, on the operator's word that
    /// Inspektlabs does not have it (this may bill a second inspection). Written ahead like every session.
    public func freshSessionOnOperatorsWord(for inspectionID: String) async throws -> StoredSession {
        let fresh = try await freshSession(for: inspectionID)
        logger.notice(
            "operator asked for a new session",
            metadata: ["inspection": "\(inspectionID)", "session": "\(fresh.session)"])
        return fresh
    }

    /// Seconds the tokens have left beyond the safety margin (negative: too close to expiry to start a request).
    public func usableSeconds(of auth: AuthSession) -> Double {
        let lifetime = auth.expiresAt.timeIntervalSince(auth.issuedAt)
        return auth.expiresAt.timeIntervalSince(now()) - min(safetyMargin, max(0, lifetime / 4))
    }

    private func freshSession(for inspectionID: String) async throws -> StoredSession {
        let auth = try await authenticate()
        // A session identifies exactly one inspection: refuse one the store already holds.
        if let owner = try store.inspection(session: auth.session), owner.id != inspectionID {
            throw APIError.unexpected(
                status: 200, message: "the service handed out a session already used by another inspection")
        }
        let stored = StoredSession(
            inspectionID: inspectionID, session: auth.session, accessToken: auth.accessToken,
            refreshToken: auth.refreshToken, issuedAt: auth.issuedAt, expiresAt: auth.expiresAt,
            spent: false, bodySent: false)
        // Write-ahead: the session is on disk before any request carries it.
        try store.saveSession(stored)
        try store.setSession(inspectionID: inspectionID, session: auth.session)
        try? store.appendEvent(
            inspectionID: inspectionID, kind: .session,
            detail: "\(kind == .comparison ? "Comparison session" : "Session") \(auth.session) fetched")
        logger.info("fresh session", metadata: ["inspection": "\(inspectionID)", "session": "\(auth.session)"])
        onFreshSession(inspectionID, auth.session, auth.expiresAt)
        return stored
    }

    private func authenticate() async throws(APIError) -> AuthSession {
        switch kind {
        case .upload: return try await client.authenticate(apiKey: apiKey, clientID: clientID)
        case .comparison: return try await client.authenticateIncremental(apiKey: apiKey)
        }
    }

    private func remaining(_ session: StoredSession) -> Double {
        session.expiresAt.timeIntervalSince(now())
    }

    /// The configured margin, but never more than a quarter of the token's life, so that a
    /// short-lived token (tests use 2 s) is still usable right after it was fetched.
    private func margin(for session: StoredSession) -> Double {
        let lifetime = session.expiresAt.timeIntervalSince(session.issuedAt)
        return min(safetyMargin, max(0, lifetime / 4))
    }

    static func auth(of stored: StoredSession) -> AuthSession {
        AuthSession(
            session: stored.session, accessToken: stored.accessToken, refreshToken: stored.refreshToken,
            issuedAt: stored.issuedAt, expiresAt: stored.expiresAt)
    }
}
