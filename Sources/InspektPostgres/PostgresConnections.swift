import Foundation
import InspektStore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A few connections to the fleet database, used one call at a time each, on an event loop of their own:
/// the store's calls are synchronous (each one short transaction), so they wait here for NIO's answer and
/// can never block the loop that answers them.
final class PostgresConnections: @unchecked Sendable {
    let url: DatabaseURL
    let logger: Logger
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let configuration: PostgresConnection.Configuration
    private let limit: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0

    init(url: DatabaseURL, limit: Int, logger: Logger) throws {
        self.url = url
        self.limit = max(1, limit)
        self.logger = logger
        var tls = PostgresConnection.Configuration.TLS.disable
        if url.requireTLS {
            // libpq's sslmode=require: encrypted, the certificate not checked against a CA.
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            tls = .require(try NIOSSLContext(configuration: settings))
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        self.configuration = configuration
    }

    deinit {
        // The last reference may go on any thread, an event loop's too: nothing here waits.
        for connection in idle { PostgresConnections.close(connection) }
        group.shutdownGracefully { _ in }
    }

    /// Runs `body` on a connection of the pool; a connection that broke is dropped, never reused.
    @discardableResult
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        do {
            let value = try body(connection)
            checkIn(connection)
            return value
        } catch {
            if PostgresFailure.isConnectionLoss(error) || connection.isClosed { discard(connection) } else { checkIn(connection) }
            throw error
        }
    }

    /// Closes without waiting (this may run on an event loop); the connection is kept until it is closed,
    /// as PostgresNIO requires of a connection that is released.
    static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// A connection outside the pool, for a session-level advisory lock held as long as an upload runs.
    func connectAlone() throws -> PostgresConnection {
        try connect()
    }

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= limit { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try connect()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func connect() throws -> PostgresConnection {
        condition.lock()
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw StoreError.unreachable(location: url.description, reason: PostgresFailure.words(error))
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    private func discard(_ connection: PostgresConnection) {
        PostgresConnections.close(connection)
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }
}

/// What a PostgreSQL error means for the store: a lost connection (wait and try again) or a refusal.
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
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .sslUnsupported:
            return true
        case .server:
            // Class 08 (connection exception) and 57 (operator intervention: shutdown, restart).
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57")
        default:
            return false
        }
    }

    /// The server's own message when there is one, else the kind of failure; never the password.
    static func words(_ error: any Error) -> String {
        var text = String(describing: error)
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            text = error.underlying.map { String(describing: $0) } ?? String(describing: error.code)
        }
        // NIO's connection errors list every address tried; the operator needs the one fact.
        for (needle, fact) in [
            ("Connection refused", "nothing answers there: connection refused"), ("timed out", "no answer: the connection timed out"),
            ("No route to host", "no route to the host"), ("Name or service not known", "the host name is unknown"),
        ] where text.contains(needle) {
            return fact
        }
        return text
    }
}
