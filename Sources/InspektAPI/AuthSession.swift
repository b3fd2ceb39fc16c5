import Foundation

/// What `/api/authenticate` hands out: one single-use session and its two tokens.
public struct AuthSession: Sendable, Codable, Hashable {
    /// The inspection id on the server; opaque.
    public var session: String
    public var accessToken: String
    public var refreshToken: String
    public var issuedAt: Date
    /// When the tokens stop working (the earlier of the two).
    public var expiresAt: Date

    /// How long tokens live when a JWT carries no `exp` claim.
    public static let defaultLifetime: TimeInterval = 15 * 60

    public init(session: String, accessToken: String, refreshToken: String, issuedAt: Date, expiresAt: Date) {
        self.session = session
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    /// Builds a session from the tokens, reading the expiry from their `exp` claims.
    public init(session: String, accessToken: String, refreshToken: String, issuedAt: Date) {
        let expiry = min(
            AuthSession.expiry(ofJWT: accessToken, issuedAt: issuedAt),
            AuthSession.expiry(ofJWT: refreshToken, issuedAt: issuedAt))
        self.init(
            session: session, accessToken: accessToken, refreshToken: refreshToken, issuedAt: issuedAt,
            expiresAt: expiry)
    }

    /// The Bearer token for `/api/upload`, and for `/api/incremental_damage` (one rule for the whole client).
    ///
    /// Inspektlabs reverses the token roles on upload: it wants the refresh_token there, and answers
    /// the access_token with 401 "token invalid" — so do not "fix" this to `accessToken`. The incremental
    /// endpoint's documentation names no token; API.md's Choice is to send the same one.
    public var uploadBearer: String { refreshToken }

    /// Seconds left before expiry at `now` (negative once expired).
    public func remainingLifetime(at now: Date = Date()) -> TimeInterval {
        expiresAt.timeIntervalSince(now)
    }

    /// Whether fewer than `margin` seconds are left at `now`.
    public func expires(within margin: TimeInterval, at now: Date = Date()) -> Bool {
        remainingLifetime(at: now) < margin
    }

    /// The `exp` claim of a JWT, else `issuedAt` + 15 minutes.
    public static func expiry(ofJWT token: String, issuedAt: Date) -> Date {
        if let exp = expClaim(ofJWT: token) { return Date(timeIntervalSince1970: exp) }
        return issuedAt.addingTimeInterval(defaultLifetime)
    }

    /// The `exp` claim (seconds since 1970) of a JWT's payload, when it has a readable one.
    static func expClaim(ofJWT token: String) -> TimeInterval? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let payload = base64URLDecode(String(parts[1])),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        let value: Double? =
            switch object["exp"] {
            case let number as NSNumber: number.doubleValue
            case let text as String: Double(text)
            default: nil
            }
        // A claim past the year 5000 (1e19, say) or before 1970 is no expiry anyone meant: the default applies.
        guard let value, value.isFinite, value > 0, value < 1e11 else { return nil }
        return value

    }

    /// Decodes base64url (RFC 4648 §5), padding optional.
    static func base64URLDecode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}
