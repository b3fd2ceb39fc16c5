@testable import InspektPostgres

extension PostgresStore {
    /// Ends the sessions holding advisory locks (upload locks) in this store's database, as a restart does or
    /// a server that gave up on a kiosk silent to its keepalives; returns how many it ended.
    @discardableResult
    public func endAdvisoryLockSessions() throws -> Int {
        try read { session in
            try session.value(
                """
                SELECT count(pg_terminate_backend(l.pid))::int FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, as: Int.self)
        } ?? 0
    }
}
