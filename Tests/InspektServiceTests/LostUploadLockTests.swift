import Foundation
import InspektPostgres
import InspektService
import InspektStorage
import InspektTestSupport
import Synchronization
import Testing

/// Fleet mode: the upload lock's database session ends while the photos are on the wire (the server gave
/// up on a silent kiosk, say) and another process takes the lock. Inspektlabs accepts; this process records
/// nothing and says so, and the acceptance is recorded later without a second inspection.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet's upload lock"), .timeLimit(.minutes(2)))
struct LostUploadLockTests {
    @Test func anAcceptanceIsNotRecordedUnderALockAnotherProcessTook() async throws {
        let stolen = Mutex<(any UploadLease)?>(nil)
        let folder = Mutex<String?>(nil)
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { attempt in
                guard attempt == 1, let directory = folder.withLock({ $0 }) else { return }
                do {
                    stolen.withLock { $0 = nil }
                    let lease = try Self.takeOver(directory: directory)
                    stolen.withLock { $0 = lease }
                } catch {
                    Issue.record("the lock could not be taken over: \(error)")
                }
            }))
        folder.withLock { $0 = fixture.directory }
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-LOCK-LOST", photos: fixture.photos(2))
            await #expect {
                _ = try await fixture.service.submit(id: inspection.id)
            } throws: { error in
                guard case ServiceError.acceptedButLockLost(inspection.id, _, let holder) = error else { return false }
                return holder == "kiosk kiosk-a, process 99"
                    && String(describing: error).contains("nothing was recorded here")
            }
            #expect(stolen.withLock { $0 } != nil)
            #expect(try fixture.store.inspection(id: inspection.id)?.state.wasAccepted == false)
            #expect(await fixture.ledger(caseID: "CASE-LOCK-LOST").count == 1)

            // The other process lets go without recording: the next run records the one accepted inspection.
            stolen.withLock { $0?.release() }
            folder.withLock { $0 = nil }
            let outcomes = await fixture.service.resumeAll()
            let session = try #require(try outcomes.first?.outcome.get())
            #expect(try fixture.store.inspection(id: inspection.id)?.state.wasAccepted == true)
            #expect(await fixture.ledger(caseID: "CASE-LOCK-LOST").map(\.session) == [session])
        }
    }

    /// Ends the session that holds the upload lock (as the server does to a kiosk that stopped answering its
    /// keepalives) and takes the lock as another process of the fleet.
    private static func takeOver(directory: String) throws -> any UploadLease {
        let url = try DatabaseURL(String(contentsOfFile: directory + "/database-url", encoding: .utf8))
        let other = try PostgresStore(url: url, kioskID: "kiosk-a")
        try other.endAdvisoryLockSessions()
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                return try other.takeUploadLock(
                    inspectionID: try #require(try other.inspections().first?.id), holder: "kiosk kiosk-a, process 99")
            } catch StoreError.locked where Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}
