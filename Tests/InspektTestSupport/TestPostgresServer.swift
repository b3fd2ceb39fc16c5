import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The test cluster `scripts/test` started, stopped and started by its `pg_ctl` (as the server's user).
public struct TestPostgresServer: Sendable {
    let pgctl: String
    let data: String

    /// Whether `scripts/test` (or `scripts/postgres-cluster`) gave the tests a cluster they may stop and start.
    public static var isConfigured: Bool {
        let environment = ProcessInfo.processInfo.environment
        let names = ["INSPEKT_TEST_DATABASE_URL", "INSPEKT_TEST_PGDATA", "INSPEKT_TEST_PGCTL"]
        return names.allSatisfy { environment[$0]?.isEmpty == false }
    }

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let pgctl = environment["INSPEKT_TEST_PGCTL"], let data = environment["INSPEKT_TEST_PGDATA"] else {
            throw MissingTestDatabase()
        }
        self.pgctl = pgctl
        self.data = data
    }

    public func stop() throws { try run(["-D", data, "-m", "fast", "-w", "stop"]) }

    public func start() throws {
        let log = (data as NSString).deletingLastPathComponent + "/server.log"
        try run(["-D", data, "-l", log, "-w", "-t", "60", "start"])
    }

    /// Runs pg_ctl to its end with posix_spawn and waitpid: the server it starts lives on, detached.
    private func run(_ arguments: [String]) throws {
        let argv = (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", pgctl] : [pgctl]) + arguments
        var pointers = argv.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], nil, nil, &pointers, environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status != 0 { throw CocoaError(.executableLoad) }
    }
}
