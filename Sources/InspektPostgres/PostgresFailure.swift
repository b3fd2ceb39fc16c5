import Foundation
import InspektStorage
import NIOCore
import PostgresNIO

/// What a PostgreSQL error means for the store: a lost connection (wait and try again) or a refusal, and
/// the driver's error said in words (what failed, what to check); the store's errors add which database.
enum PostgresFailure {
    /// No answer within the statement's deadline.
    struct NoAnswer: Error, CustomStringConvertible {
        var description: String { "no answer from the database in time" }
    }

    /// A document PostgreSQL cannot hold as `jsonb`: a data exception (class 22: bad syntax for it, a NUL
    /// in a string, a lone surrogate) or nesting deeper than its stack allows (54001).
    struct UnreadableJSON: Error {}

    static func isUnreadableJSON(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("22") || state == "54001"
    }

    static func isConnectionLoss(_ error: any Error) -> Bool {
        if case StoreError.unreachable = error { return true }
        if error is NoAnswer { return true }
        guard let error = error as? PSQLError else { return error is ChannelError || error is IOError }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return true
        case .server:
            // Class 08 (connection exception) and 57 (operator intervention: shutdown, restart).
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57")
        default:
            return false
        }
    }

    /// A server's answer to a connection attempt that no retry changes: the kiosk is not let in (class 28),
    /// or the database does not exist (3D000). Said as a refusal, not waited out as an outage.
    static func isRefusedAtConnect(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if error.code == .authMechanismRequiresPassword || error.code == .unsupportedAuthMechanism
            || error.code == .saslError
        {
            return true
        }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("28") || state == "3D000"
    }

    /// The server's own message with what to check when there is one, else the kind of failure; never the
    /// password, never PostgresNIO's type names.
    static func words(_ error: any Error) -> String {
        var text = String(describing: error)
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + advice(sqlState: error.serverInfo?[.sqlState] ?? "")
            }
            if let known = codeWords[error.code] { return known }
            text = error.underlying.map { String(describing: $0) } ?? String(describing: error.code)
        }
        // NIO's connection errors list every address tried; the operator needs the one fact.
        for (needle, fact) in [
            ("Connection refused", "nothing answers there: connection refused"),
            ("timed out", "no answer: the connection timed out"),
            ("No route to host", "no route to the host"), ("Name or service not known", "the host name is unknown"),
            ("Connection reset", "the connection was reset"),
        ] where text.contains(needle) {
            return fact
        }
        return text
    }

    private static func advice(sqlState: String) -> String {
        switch sqlState {
        case "28P01": ": check the user and password in INSPEKT_DATABASE_URL"
        case "28000":
            ": the server's pg_hba.conf does not let this kiosk in as this user (check the user, and whether it asks for sslmode=require)"
        case "3D000": ": check the database name in INSPEKT_DATABASE_URL"
        case "53300": ": the server has no connection left; try again, or raise its max_connections"
        case "42501": ": the database user lacks a permission it needs"
        default: ""
        }
    }

    private static let codeWords: [PSQLError.Code: String] = [
        .serverClosedConnection: "the server closed the connection",
        .clientClosedConnection: "the connection was closed",
        .uncleanShutdown: "the connection ended in the middle of an answer",
        .authMechanismRequiresPassword:
            "the server asks for a password and INSPEKT_DATABASE_URL has none: add it (postgres://user:PASSWORD@host/database)",
        .unsupportedAuthMechanism:
            "the server asks for a way of signing in inspekt does not speak: use scram-sha-256 or md5 in its pg_hba.conf",
        .saslError: "signing in with scram-sha-256 failed: check the password in INSPEKT_DATABASE_URL",
        .messageDecodingFailure: "the server's answer could not be read: is this port a PostgreSQL server?",
        .unexpectedBackendMessage: "the server answered out of turn: is this port a PostgreSQL server?",
        .receivedUnencryptedDataAfterSSLRequest:
            "the server answered in plain text after TLS was asked for: is this port a PostgreSQL server?",
    ]
}
