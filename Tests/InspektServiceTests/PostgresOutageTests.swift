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
