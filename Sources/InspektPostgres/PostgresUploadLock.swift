import Foundation
import InspektStore
import Logging
import PostgresNIO

/// The upload lock across hosts: a session-level advisory lock on a connection of its own, held while the
/// upload runs. PostgreSQL drops it when that connection ends, also when the holder's process dies.
/// `upload_locks` records who holds it, so that a kiosk that finds it taken can say who is uploading.
final class PostgresUploadLock: UploadLease, @unchecked Sendable {
    private let connection: PostgresConnection
    private let inspectionID: String
    private let logger: Logger

    init(connections: PostgresConnections, inspectionID: String, holder: String, logger: Logger) throws {
        connection = try connections.connectAlone()
        self.inspectionID = inspectionID
        self.logger = logger
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            let taken = try session.value("SELECT pg_try_advisory_lock(hashtextextended(\(inspectionID), 0))", as: Bool.self) ?? false
            guard taken else {
                let holder = try? session.value("SELECT holder FROM upload_locks WHERE inspection_id = \(inspectionID)", as: String.self)
                throw StoreError.locked(id: inspectionID, holder: holder ?? nil)
            }
            try session.execute(
                """
                INSERT INTO upload_locks (inspection_id, holder) VALUES (\(inspectionID), \(holder))
                ON CONFLICT (inspection_id) DO UPDATE SET holder = excluded.holder
                """)
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

    func release() {
        // A database restart ended the connection, and the lock with it.
        if connection.isClosed { return }
        let session = PostgresSession(connection: connection, logger: logger, deadline: .seconds(5))
        _ = try? session.execute("DELETE FROM upload_locks WHERE inspection_id = \(inspectionID)")
        _ = try? session.execute("SELECT pg_advisory_unlock(hashtextextended(\(inspectionID), 0))")
        PostgresConnections.close(connection)
    }
}
