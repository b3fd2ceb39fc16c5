import Foundation
import InspektCore
import InspektStorage
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The store of a fleet: the same interface and guarantees as one kiosk's SQLite file, on the PostgreSQL
/// database every kiosk and the central receiver share. Each call is one transaction; a call whose
/// connection drops is tried again on a new connection for a moment (a restart); the service waits out
/// longer outages (`StoreError.unreachable`) without holding a thread.
public final class PostgresStore: Sendable {
    public let kioskID: String
    /// Rows under this id are this kiosk's too: clones sharing a host name wrote them, and cannot be told apart.
    public let formerKioskID: String?
    public let url: DatabaseURL
    /// This machine's id (`KioskIdentity.machineID`), shown with the kiosk id on every connection of this store.
    public let machineID: String?
    public let clock: StoreClock
    public var location: String { url.description }
    let connections: PostgresConnections
    let writePatience: Double
    let logger: Logger
    let migrate: Bool
    /// Whether the schema was found usable: at the start, or (`opensWhileUnreachable`) at the first answer.
    private let schemaChecked: Mutex<Bool>
    /// Set while the database does not answer: when a call last tried it, and what it heard.
    private let outage = Mutex<Outage?>(nil)

    struct Outage {
        var lastTry: Date
        var reason: String
    }

    /// Whether reads say at once that the database is out of reach while it is known to be: the board's, so
    /// that it keeps answering keys. A command's reads wait for it a moment instead (a restart).
    private let readsAtOnceWhileDown: Bool

    /// While the database is known to be out of reach, such a read tries it at most this often (the board's
    /// watcher looks twice a second); the others say so at once instead of each waiting out a connection
    /// attempt. Writes always try.
    static let readProbeInterval = 0.5

    /// Connects to the database at `url` and checks its schema. A database this version has not migrated yet is
    /// refused unless `migrate` is true (`inspekt db migrate`); one from a newer inspekt is always refused.
    /// A write whose connection drops is tried again for `writePatience` seconds (a restart); longer outages
    /// are the caller's to wait out, without holding a thread.
    ///
    /// With `opensWhileUnreachable` (the board's store), a database that does not answer yet is no reason to
    /// refuse: every call says `StoreError.unreachable` until it answers, and the schema is checked then, before
    /// the first statement. While the database is known to be down, that store's reads say so at once.
    public init(
        url: DatabaseURL, kioskID: String, formerKioskID: String? = nil, machineID: String? = KioskIdentity.machineID(),
        migrate: Bool = false, writePatience: Double = 2, connections limit: Int = 4,
        opensWhileUnreachable: Bool = false, logger: Logger = PostgresStore.silentLogger, clock: StoreClock = .system
    ) throws {
        self.url = url
        self.clock = clock
        self.kioskID = kioskID
        self.formerKioskID = formerKioskID
        self.machineID = machineID
        self.migrate = migrate
        readsAtOnceWhileDown = opensWhileUnreachable
        self.writePatience = writePatience
        self.logger = logger
        connections = try PostgresConnections(
            url: url, limit: limit, logger: logger,
            applicationName: Self.presenceName(kiosk: kioskID, machine: machineID))
        var unanswered: String?
        do {
            try connections.withConnection { connection in
                try PostgresSchema.prepare(
                    PostgresSession(connection: connection, logger: logger), location: url.description, migrate: migrate
                )
            }
            schemaChecked = Mutex(true)
        } catch  where opensWhileUnreachable && PostgresFailure.isConnectionLoss(error) {
            schemaChecked = Mutex(false)
            unanswered = PostgresFailure.words(error)
        } catch let error as PSQLError {
            throw StoreError.refused(location: url.description, reason: PostgresFailure.words(error))
        }
        if let unanswered {
            logger.warning(
                "database unreachable at start; its schema is checked once it answers",
                metadata: ["database": "\(location)", "error": "\(unanswered)"])
            outage.withLock { $0 = Outage(lastTry: clock.now(), reason: unanswered) }
        }
    }

    /// Without a logger of the caller's (the file `inspekt.log`), nothing is said: swift-log's default
    /// writes to the terminal, where the board draws and the operator reads.
    public static let silentLogger = Logger(label: "inspekt.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// One transaction; on a lost connection it waits for the database and runs again from the start.
    @discardableResult
    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withRetry(patience: writePatience) { session in
            try session.execute("BEGIN")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                if !PostgresFailure.isConnectionLoss(error) { _ = try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// One statement, which PostgreSQL runs as a transaction of its own: one round trip instead of three.
    @discardableResult
    func writeStatement(_ query: PostgresQuery) throws -> Int {
        try withRetry(patience: writePatience) { session in try session.execute(query) }
    }

    /// The same for a statement of the rules both engines share (`StateTransitions`): one round trip.
    @discardableResult
    func writeStatement<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try withRetry(patience: writePatience) { session in try body(PostgresTransaction(session: session)) }
    }

    /// One read; a dropped connection is replaced once (a restart since the last call), then the failure is said.
    /// The board's reads give up sooner: a key waits on them, and the board rides out the outage itself.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withRetry(patience: readsAtOnceWhileDown ? 0.25 : 1, reading: true) { session in try body(session) }
    }

    func withRetry<T>(patience: Double, reading: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        var patience = patience
        if reading && readsAtOnceWhileDown, let known = outage.withLock({ $0 }) {
            guard clock.now().timeIntervalSince(known.lastTry) >= Self.readProbeInterval else {
                throw StoreError.unreachable(location: location, reason: known.reason)
            }
            patience = 0
        }
        let start = clock.now()
        var delay = 0.1
        while true {
            do {
                let value = try connections.withConnection { connection in
                    let session = PostgresSession(connection: connection, logger: logger)
                    try checkSchemaOnce(session)
                    return try body(session)
                }
                outage.withLock { $0 = nil }
                return value
            } catch  where PostgresFailure.isConnectionLoss(error) {
                guard clock.now().timeIntervalSince(start) < patience else {
                    let reason: String
                    if case StoreError.unreachable(_, let heard) = error {
                        reason = heard
                    } else {
                        reason = PostgresFailure.words(error)
                    }
                    outage.withLock { $0 = Outage(lastTry: clock.now(), reason: reason) }
                    throw StoreError.unreachable(location: location, reason: reason)
                }
                logger.warning(
                    "database unreachable; trying again",
                    metadata: ["database": "\(location)", "error": "\(PostgresFailure.words(error))"])
                clock.sleep(delay)
                delay = min(delay * 2, 2)
            } catch let error as PSQLError {
                if PostgresFailure.isUnreadableJSON(error) { throw PostgresFailure.UnreadableJSON() }
                throw StoreError.refused(location: location, reason: PostgresFailure.words(error))
            }
        }
    }
}

extension PostgresStore {
    /// A store opened while the database was out of reach checks the schema before its first statement.
    private func checkSchemaOnce(_ session: PostgresSession) throws {
        guard !schemaChecked.withLock({ $0 }) else { return }
        try PostgresSchema.prepare(session, location: location, migrate: migrate)
        schemaChecked.withLock { $0 = true }
    }
}

/// One connection, used synchronously by one store call. A statement that gets no answer within
/// `deadline` (a connection the network dropped without a word) ends the connection and counts as lost.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    var deadline: TimeAmount = .seconds(30)

    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try run(query).rows.map { $0.makeRandomAccess() }
    }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try run(query).metadata.rows ?? 0
    }

    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let answer = connection.query(query, logger: logger)
        let loop = answer.eventLoop
        let outcome = loop.makePromise(of: PostgresQueryResult.self)
        let settled = FirstOnly()
        let connection = connection
        let timeout = loop.scheduleTask(in: deadline) {
            guard settled.claim() else { return }
            outcome.fail(PostgresFailure.NoAnswer())
            let _: EventLoopFuture<Void> = connection.close()
        }
        answer.whenComplete { result in
            guard settled.claim() else { return }
            timeout.cancel()
            outcome.completeWith(result)
        }
        return try outcome.futureResult.wait()
    }

    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let cell = try rows(query).first?[0], cell.bytes != nil else { return nil }
        return try cell.decode(T.self)
    }
}

/// True for the first caller only: the answer or the deadline, whichever comes first, settles a statement.
final class FirstOnly: Sendable {
    private let taken = Mutex(false)

    func claim() -> Bool {
        taken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}

extension PostgresStore {
    /// Creates an empty database on the server of `server` (whose user may create databases) and returns its
    /// URL: a fresh fleet database for tests and benchmarks, which then run `migrate`.
    public static func createDatabase(named name: String, on server: DatabaseURL) throws -> DatabaseURL {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw StoreError.refused(location: server.description, reason: "a database name is letters, digits and _")
        }
        let connections = try PostgresConnections(url: server, limit: 1, logger: silentLogger)
        try connections.withConnection { connection in
            try PostgresSession(connection: connection, logger: connections.logger).execute(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        var url = server
        url.database = name
        return url
    }
}
