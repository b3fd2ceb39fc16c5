import Foundation
import InspektCore
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Testing

@testable import InspektService

/// Issue 7 §4: what one process learns about another through the store and the upload lock.
@Suite(.timeLimit(.minutes(2))) struct OtherProcessesTests {
    /// The per-inspection lock is taken by someone else: the upload is refused before anything is
    /// sent, the refusal names the holder, and the board hears it as an event.
    @Test func theLoserOfTheUploadLockSaysWhoHasIt() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-LOCK", photos: fixture.photos(2))
            let events = fixture.service.events()
            // A second open file description in this process conflicts like a second process would.
            let held = try fixture.service.store.takeUploadLock(
                inspectionID: inspection.id, holder: ProcessDescription.current(kiosk: fixture.service.store.kioskID))
            defer { held.release() }

            var refusal: ServiceError?
            do { _ = try await fixture.service.submit(id: inspection.id) } catch let error as ServiceError {
                refusal = error
            }
            guard case .busy(_, let holder) = refusal else {
                Issue.record("expected busy, got \(String(describing: refusal))")
                return
            }
            #expect(holder?.contains("(process \(getpid()) on ") == true, "\(holder ?? "nil")")
            #expect(refusal?.description.contains("process \(getpid())") == true)
            #expect(refusal?.description.contains("is uploading this inspection right now") == true)
            #expect(await fixture.ledger(caseID: "CASE-LOCK").isEmpty)

            var heard: String??
            for await event in events {
                if case .uploadBusy(let id, let who) = event, id == inspection.id {
                    heard = who
                    break
                }
            }
            #expect(heard == .some(holder))
        }
    }

    /// Once the holder lets go, the next upload takes the lock and goes through.
    @Test func aReleasedLockIsTakenAgain() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-FREE", photos: fixture.photos(1))
            let held = try fixture.service.store.takeUploadLock(
                inspectionID: inspection.id, holder: ProcessDescription.current(kiosk: fixture.service.store.kioskID))
            held.release()
            let session = try await fixture.service.submit(id: inspection.id)
            #expect(await fixture.ledger(caseID: "CASE-FREE").map(\.session) == [session])
        }
    }

    /// The change marker moves when another connection (another process) commits, and stays put
    /// for the service's own writes, which reach the board as events already.
    @Test func theChangeMarkerMovesOnlyForOtherProcesses() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let before = try fixture.service.changeMarker()
            _ = try fixture.draft("CASE-OWN", photos: [])
            // PostgreSQL's marker counts every commit (the board then reads once more than it must).
            if StoreEngine.forServiceTests == .sqlite { #expect(try fixture.service.changeMarker() == before) }

            let other = try ServiceFixture.openStore(directory: fixture.directory, kioskID: "kiosk-b")
            try other.insert(Inspection(facts: CaseFacts(caseID: "CASE-OTHER"), createdAt: Date(), updatedAt: Date()))
            let after = try fixture.service.changeMarker()
            #expect(after != before)
            #expect(try fixture.service.changeMarker() == after)
        }
    }
}
