import Foundation
import InspektStorage
import Logging
import PostgresNIO

/// The upload lock across hosts: a session-level advisory lock on a connection of its own, held while the
/// upload runs. PostgreSQL drops it when that connection ends, also when the holder's process dies.
/// `upload_locks` records who holds it, so that a kiosk that finds it taken can say who is uploading.
final class PostgresUploadLock: UploadLease, @unchecked Sendable {
    private let connections: PostgresConnections
    private let inspectionID: String
    private let holder: String
    private let logger: Logger
    /// Replaced when `confirm` takes the lock again; guarded by `guardian`.
    private var connection: PostgresConnection
    private let guardian = NSLock()

    /// The server's TCP keepalives on the lock's session (seconds): a kiosk that lost power or its network
    /// stops answering them, and the server ends its session, freeing the lock, within idle + interval x count
    /// = 90 s. Set on the server because PostgresNIO does not expose its socket's options.
    static let keepaliveIdle = 30
    static let keepaliveInterval = 10
    static let keepaliveCount = 6

    init(connections: PostgresConnections, inspectionID: String, holder: String, logger: Logger) throws {
        self.connections = connections
        self.inspectionID = inspectionID
        self.holder = holder
        self.logger = logger
        connection = try Self.take(connections: connections, inspectionID: inspectionID, holder: holder, logger: logger)
    }

    /// A new connection holding the lock, or `StoreError.locked` naming who holds it.
    private static func take(
        connections: PostgresConnections, inspectionID: String, holder: String, logger: Logger
    ) throws -> PostgresConnection {
        let connection = try connections.connectAlone()
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            _ = try session.rows(
                """
                SELECT set_config('tcp_keepalives_idle', \(String(keepaliveIdle)), false),
                    set_config('tcp_keepalives_interval', \(String(keepaliveInterval)), false),
                    set_config('tcp_keepalives_count', \(String(keepaliveCount)), false)
                """)
            let taken =
                try session.value("SELECT pg_try_advisory_lock(hashtextextended(\(inspectionID), 0))", as: Bool.self)
                ?? false
            guard taken else {
                let holder = try? session.value(
                    "SELECT holder FROM upload_locks WHERE inspection_id = \(inspectionID)", as: String.self)
                throw StoreError.locked(id: inspectionID, holder: holder ?? nil)
            }
            try session.execute(
                """
                INSERT INTO upload_locks (inspection_id, holder) VALUES (\(inspectionID), \(holder))
                ON CONFLICT (inspection_id) DO UPDATE SET holder = excluded.holder
                """)
            return connection
        } catch {
            PostgresConnections.close(connection)
            if case StoreError.locked = error { throw error }
            throw StoreError.unreachable(location: connections.url.description, reason: PostgresFailure.words(error))
        }
    }

    deinit {
        // Never released (the holder forgot): ending the connection frees the lock all the same.
        if !connection.isClosed { PostgresConnections.close(connection) }
    }

    func confirm() throws {
        guardian.lock()
        defer { guardian.unlock() }
        if !connection.isClosed, (try? heldOnCurrentConnection()) == true { return }
        // The session that held it is gone, and the lock with it: the upload may go on only if nobody took it since.
        logger.warning(
            "upload lock lost with its database session; taking it again", metadata: ["inspection": "\(inspectionID)"])
        if !connection.isClosed { PostgresConnections.close(connection) }
        connection = try Self.take(connections: connections, inspectionID: inspectionID, holder: holder, logger: logger)
    }

    /// pg_locks lists the advisory lock for this session: a 64-bit key as `classid` (high half) and `objid`.
    private func heldOnCurrentConnection() throws -> Bool {
        let session = PostgresSession(connection: connection, logger: logger, deadline: .seconds(10))
        return try session.value(
            """
            SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                AND l.pid = pg_backend_pid()
                AND l.classid::bigint = ((hashtextextended(\(inspectionID), 0) >> 32) & 4294967295)
                AND l.objid::bigint = (hashtextextended(\(inspectionID), 0) & 4294967295))
            """, as: Bool.self) ?? false
    }

    /// The keepalive settings of the lock's own session, as the server applies them (for tests).
    func keepalives() throws -> [String] {
        guardian.lock()
        defer { guardian.unlock() }
        let session = PostgresSession(connection: connection, logger: logger)
        return try ["tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count"].map { name in
            try session.value("SELECT current_setting(\(name))", as: String.self) ?? ""
        }
    }

    func release() {
        guardian.lock()
        defer { guardian.unlock() }
        // A database restart ended the connection, and the lock with it.
        if connection.isClosed { return }
        let session = PostgresSession(connection: connection, logger: logger, deadline: .seconds(5))
        _ = try? session.execute("DELETE FROM upload_locks WHERE inspection_id = \(inspectionID)")
        _ = try? session.execute("SELECT pg_advisory_unlock(hashtextextended(\(inspectionID), 0))")
        PostgresConnections.close(connection)
    }
}
