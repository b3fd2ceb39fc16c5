import Foundation
import GRDB
import InspektStorage

/// A row of `sessions`: an Inspektlabs session with its tokens, written before any request uses it.
struct SessionRecord: StoreRecord {
    static let databaseTableName = "sessions"

    var session: String
    var inspectionID: String
    var accessToken: String
    var refreshToken: String
    var issuedAt: Date
    var expiresAt: Date
    var spent: Bool
    var bodySent: Bool
    var createdAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case session
        case inspectionID = "inspection_id"
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case issuedAt = "issued_at"
        case expiresAt = "expires_at"
        case spent
        case bodySent = "body_sent"
        case createdAt = "created_at"
    }

    init(_ stored: StoredSession) {
        session = stored.session
        inspectionID = stored.inspectionID
        accessToken = stored.accessToken
        refreshToken = stored.refreshToken
        issuedAt = stored.issuedAt
        expiresAt = stored.expiresAt
        spent = stored.spent
        bodySent = stored.bodySent
        createdAt = stored.createdAt
    }

    var stored: StoredSession {
        StoredSession(
            inspectionID: inspectionID, session: session, accessToken: accessToken, refreshToken: refreshToken,
            issuedAt: issuedAt, expiresAt: expiresAt, spent: spent, bodySent: bodySent, createdAt: createdAt)
    }
}
