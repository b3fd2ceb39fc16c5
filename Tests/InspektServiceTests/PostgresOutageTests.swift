import Foundation
import Synchronization
import InspektCore
import InspektService
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fleet mode: PostgreSQL stops while the photos are on the wire and starts again a few seconds later.
/// The upload's bookkeeping waits for it; the upload ends accepted once, nothing lost, nothing sent twice.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet database's outage"), .timeLimit(.minutes(2)))
struct PostgresOutageTests {
    @Test func theDatabaseStoppingMidUploadEndsAcceptedOnce() async throws {
        let server = try TestPostgresServer()
        let restarted = Restarted()
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { attempt in
                guard attempt == 1 else { return }
                // Down now, with the session written and the request about to leave; up again in 3 s.
                try? server.stop()
                restarted.stoppedAt.withLock { $0 = Date() }
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 3)
                    try? server.start()
                    restarted.done.withLock { $0 = true }
                }
            }))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-PG-DOWN", photos: fixture.photos(3))
            let session = try await fixture.service.submit(id: inspection.id)
            let returnedAt = Date()
            #expect(await eventually(timeout: 60) { restarted.done.withLock { $0 } })
            // Inspektlabs accepted while the database was down; `submit` ended only once that was written
            // down, which could not be before the database was back (3 s after it stopped).
            let stoppedAt = try #require(restarted.stoppedAt.withLock { $0 })
            let accepted = try #require(try fixture.store.attempts(inspectionID: inspection.id).first?.finishedAt)
            #expect(accepted > stoppedAt)
            #expect(returnedAt.timeIntervalSince(stoppedAt) >= 2.9)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .processing)
            #expect(stored.session == session)
            #expect(stored.photos.allSatisfy { $0.sha256?.count == 64 })
            #expect(try fixture.store.attempts(inspectionID: inspection.id).map(\.outcome) == [.accepted])
            #expect(await fixture.ledger(caseID: "CASE-PG-DOWN").map(\.session) == [session])
        }
    }
}

final class Restarted: Sendable {
    let done = Mutex(false)
    let stoppedAt = Mutex<Date?>(nil)
}

/// The test cluster `scripts/test` started, stopped and started by its `pg_ctl` (as the server's user).
struct TestPostgresServer: Sendable {
    let pgctl: String
    let data: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let pgctl = environment["INSPEKT_TEST_PGCTL"], let data = environment["INSPEKT_TEST_PGDATA"] else {
            throw MissingTestDatabase()
        }
        self.pgctl = pgctl
        self.data = data
    }

    func stop() throws { try run(["-D", data, "-m", "fast", "-w", "stop"]) }

    func start() throws {
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
