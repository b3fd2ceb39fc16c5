import Foundation

/// An Inspektlabs session as the store keeps it: written before the upload leaves (write-ahead).
public struct StoredSession: Sendable, Codable, Hashable {
    public var inspectionID: String
    public var session: String
    public var accessToken: String
    public var refreshToken: String
    public var issuedAt: Date
    public var expiresAt: Date
    /// An upload with this session was accepted: it may never be used again.
    public var spent: Bool
    /// The whole request body left at least once, so a reply may have been lost.
    public var bodySent: Bool
    /// When it was stored; unless told, when it was issued (no clock read here).
    public var createdAt: Date

    public init(
        inspectionID: String, session: String, accessToken: String, refreshToken: String,
        issuedAt: Date, expiresAt: Date, spent: Bool = false, bodySent: Bool = false, createdAt: Date? = nil
    ) {
        self.inspectionID = inspectionID
        self.session = session
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.spent = spent
        self.bodySent = bodySent
        self.createdAt = createdAt ?? issuedAt
    }
}

/// One upload attempt and how it ended.
public struct UploadAttempt: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var inspectionID: String
    public var session: String?
    public var startedAt: Date
    public var finishedAt: Date?
    /// How it ended; nil while running (or cut off by a crash).
    public var outcome: AttemptOutcome?
    public var detail: String?

    public init(
        id: Int64, inspectionID: String, session: String?, startedAt: Date, finishedAt: Date? = nil,
        outcome: AttemptOutcome? = nil, detail: String? = nil
    ) {
        self.id = id
        self.inspectionID = inspectionID
        self.session = session
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.detail = detail
    }
}
