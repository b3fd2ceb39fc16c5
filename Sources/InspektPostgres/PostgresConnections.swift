import Foundation
import InspektStorage
import Logging
import NIOCore
import NIOPosix
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

    /// `applicationName` names the connections in `pg_stat_activity` (`PostgresStore.presenceName`).
    init(url: DatabaseURL, limit: Int, logger: Logger, applicationName: String? = nil) throws {
        self.url = url
        self.limit = max(1, limit)
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try PostgresTLS.configuration(for: url))
        configuration.options.connectTimeout = .seconds(5)
        if let applicationName {
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        }
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
            if PostgresFailure.isConnectionLoss(error) || connection.isClosed {
                discard(connection)
            } else {
                checkIn(connection)
            }
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
        while let connection = idle.popLast() {
            // One the server closed while it was idle (a restart): a query on it would never be answered.
            if connection.isClosed {
                open -= 1
                PostgresConnections.close(connection)
                continue
            }
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
            return try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            var failure = error
            if let tls = try PostgresTLS.connectAgainWithTLS(url, after: error) {
                var encrypted = configuration
                encrypted.tls = tls
                do {
                    return try PostgresConnection.connect(
                        on: group.next(), configuration: encrypted, id: id, logger: logger
                    ).wait()
                } catch {
                    failure = error
                }
            }
            // A server that is not trusted is no outage to wait out: nothing changes until the operator acts.
            if let refusal = PostgresTLS.refusal(failure, url: url) {
                throw StoreError.untrusted(location: url.description, reason: refusal)
            }
            if PostgresFailure.isRefusedAtConnect(failure) {
                throw StoreError.refused(location: url.description, reason: PostgresFailure.words(failure))
            }
            throw StoreError.unreachable(location: url.description, reason: PostgresFailure.words(failure))
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
