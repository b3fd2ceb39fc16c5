import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Synchronization
import Testing

/// Issue 7 §1 against the real simulator: a gateway answers 504 after the upload was accepted, and the
/// tokens expire meanwhile (3 s tokens, a throttled upload that takes longer). Whatever path follows —
/// the queue itself, `r` on the board, `resume --retry-failed` — Inspektlabs ends with exactly one inspection.
@Suite struct GatewayErrorUploadTests {
    /// 4 photos of ~100 KB read at 80 KB/s: about 5 s on the wire, longer than the 3 s tokens live.
    static let slow = SimulatorConfiguration(
        tokenTTL: 3, processingDelay: 3600, bandwidth: 80_000, gatewayErrorsAfterAccept: 1)

    static func slowPhotos(_ fixture: ServiceFixture, prefix: String) throws -> [PhotoSelection] {
        try (0..<4).map { index in
            let path = "\(fixture.directory)/\(prefix)_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, approximateBytes: 100_000, seed: index + 40)
            return PhotoSelection(slot: CoverageSlot.walkAround[index], path: path)
        }
    }

    /// With spent-first checks the confirmation with fresh tokens meets "already exists" and ends accepted; with
    /// token-first it meets "token invalid", and the inspection waits as "may have been accepted". Never a second one.
    @Test(arguments: SessionCheckOrder.allCases)
    func gatewayErrorAfterTheBodyThenTokenExpiryEndsAcceptedOnce(order: SessionCheckOrder) async throws {
        let fixture = try await ServiceFixture.start(Self.slow.checking(order))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-GW504", photos: try Self.slowPhotos(fixture, prefix: "GW"))

            guard order == .spentFirst else {
                await #expect(throws: ServiceError.self) { try await fixture.service.submit(id: inspection.id) }
                let sessions = try fixture.store.sessions(inspectionID: inspection.id)
                #expect(sessions.count == 1)
                #expect(await fixture.simulator.ledger().map(\.session) == sessions.map(\.session))
                #expect(try fixture.store.inspection(id: inspection.id)?.state == .mayHaveBeenAccepted)
                return
            }
            let session = try await fixture.service.submit(id: inspection.id)

            #expect(await fixture.ledger(caseID: "CASE-GW504").map(\.session) == [session])
            #expect(await fixture.simulator.ledger().count == 1)
            #expect(try fixture.store.sessions(inspectionID: inspection.id).map(\.session) == [session])
            #expect(try fixture.store.currentSession(inspectionID: inspection.id)?.spent == true)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .processing)
            let attempts = try fixture.store.attempts(inspectionID: inspection.id)
            #expect(attempts.map(\.outcome) == ["failed", "accepted"])
            #expect(attempts.first?.detail?.contains("504") == true, "\(attempts.first?.detail ?? "nil")")
            #expect(attempts.last?.detail?.contains("reply to an earlier attempt was lost") == true)
            // The digests stored are those of the body the server accepted with the 504.
            #expect(
                stored.photos.map(\.sha256)
                    == (await fixture.ledger(caseID: "CASE-GW504").first?.files.map(\.sha256) ?? []))
        }
    }

    @Test(arguments: SessionCheckOrder.allCases)
    func uploadSlowerThanTheTokenLifeEndsAcceptedOnce(order: SessionCheckOrder) async throws {
        var configuration = Self.slow.checking(order)
        configuration.gatewayErrorsAfterAccept = 0
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-SLOW", photos: try Self.slowPhotos(fixture, prefix: "SLOW"))

            let session = try await fixture.service.submit(id: inspection.id)

            #expect(await fixture.simulator.ledger().map(\.session) == [session])
            #expect(try fixture.store.sessions(inspectionID: inspection.id).map(\.session) == [session])
            #expect(try fixture.store.attempts(inspectionID: inspection.id).map(\.outcome) == ["accepted"])
        }
    }

    /// With one attempt per run, the 504 and the expiry leave the inspection "may have been accepted",
    /// telling the operator what to check; nothing is sent as a new inspection.
    static func mayHaveBeenAccepted(
        _ caseID: String, order: SessionCheckOrder = .spentFirst
    ) async throws
        -> (ServiceFixture, Inspection, String)
    {
        let fixture = try await ServiceFixture.start(Self.slow.checking(order), maxAttempts: 1)
        let inspection = try fixture.draft(caseID, photos: try Self.slowPhotos(fixture, prefix: caseID))
        await #expect(throws: ServiceError.self) { try await fixture.service.submit(id: inspection.id) }
        let waiting = try #require(try fixture.store.inspection(id: inspection.id))
        #expect(waiting.state == .mayHaveBeenAccepted)
        #expect(waiting.failureReason?.contains("portal") == true, "\(waiting.failureReason ?? "nil")")
        let sessions = try fixture.store.sessions(inspectionID: inspection.id)
        #expect(sessions.count == 1)
        #expect(sessions.first?.bodySent == true)
        #expect(await fixture.ledger(caseID: caseID).count == 1)
        return (fixture, inspection, try #require(sessions.first?.session))
    }

    /// `r` on the board calls `InspektService.retry(id:)`: it confirms with the same session.
    @Test func retryFromTheBoardConfirmsWithTheSameSession() async throws {
        let (fixture, inspection, session) = try await Self.mayHaveBeenAccepted("CASE-GW-R")
        try await stopAfter(fixture) {

            try fixture.service.retry(id: inspection.id)
            let settled = try await fixture.waitFor(inspection.id, state: .processing, seconds: 60)

            #expect(settled?.state == .processing)
            #expect(settled?.session == session)
            #expect(await fixture.ledger(caseID: "CASE-GW-R").map(\.session) == [session])
            #expect(try fixture.store.sessions(inspectionID: inspection.id).map(\.session) == [session])
        }
    }

    /// `inspekt resume --retry-failed` marks waiting inspections ready and resumes them: same session, one inspection.
    /// Token-first checks leave no way to confirm with fresh tokens: the inspection goes back to waiting.
    @Test(arguments: SessionCheckOrder.allCases)
    func resumeRetryFailedConfirmsWithTheSameSession(order: SessionCheckOrder) async throws {
        let (fixture, inspection, session) = try await Self.mayHaveBeenAccepted("CASE-GW-RESUME", order: order)
        try await stopAfter(fixture) {
            // A later process, as `inspekt resume --retry-failed` is.
            let later = try ServiceFixture.make(
                simulator: fixture.simulator, directory: fixture.directory, maxAttempts: 1)

            try later.service.markReady(id: inspection.id)
            let outcomes = await later.service.resumeAll()

            if order == .spentFirst {
                #expect(try outcomes.first?.outcome.get() == session)
                #expect(try later.store.inspection(id: inspection.id)?.state == .processing)
            } else {
                #expect(throws: ServiceError.self) { try outcomes.first?.outcome.get() }
                #expect(try later.store.inspection(id: inspection.id)?.state == .mayHaveBeenAccepted)
            }
            #expect(await fixture.ledger(caseID: "CASE-GW-RESUME").map(\.session) == [session])
            #expect(try later.store.sessions(inspectionID: inspection.id).map(\.session) == [session])
        }
    }

    /// A result that arrives for a may-have-been-accepted inspection settles it as accepted.
    @Test func resultSettlesAMayHaveBeenAcceptedInspection() async throws {
        let (fixture, inspection, session) = try await Self.mayHaveBeenAccepted("CASE-GW-RESULT")
        try await stopAfter(fixture) {

            let (_, changed) = try fixture.service.importResultReportingChange(
                ResultJSON.available(caseID: "CASE-GW-RESULT", session: session), via: "webhook")

            #expect(changed)
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .available)
            #expect(try fixture.store.currentSession(inspectionID: inspection.id)?.spent == true)
            // Settled: a retry now has nothing to send.
            #expect(throws: ServiceError.self) { try fixture.service.retry(id: inspection.id) }
            #expect(await fixture.ledger(caseID: "CASE-GW-RESULT").count == 1)
        }
    }

    /// Only the operator's explicit word opens a second session, and it says so in the history.
    @Test func uploadAgainAsNewInspectionIsTheOnlyWayToASecondSession() async throws {
        let (fixture, inspection, session) = try await Self.mayHaveBeenAccepted("CASE-GW-NEW")
        try await stopAfter(fixture) {

            let fresh = try await fixture.service.uploadAgainAsNewInspection(id: inspection.id)

            #expect(fresh != session)
            #expect(try fixture.store.sessions(inspectionID: inspection.id).map(\.session) == [session, fresh])
            #expect(await fixture.ledger(caseID: "CASE-GW-NEW").map(\.session) == [session, fresh])
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .processing)
            let history = try fixture.store.events(inspectionID: inspection.id)
            #expect(history.contains { $0.kind == "new-inspection" && $0.detail.contains("may bill twice") })
            #expect(InspektService.newInspectionWarning.contains("bill a second inspection"))
        }
    }

    /// A result stored while the lost reply is being confirmed is never hidden by "processing".
    @Test func resultDuringTheConfirmationIsNeverMovedBack() async throws {
        let service = Mutex<InspektService?>(nil)
        let dependencies = ServiceFixture.fastDependencies(beforeRequest: { attempt in
            guard attempt == 2, let service = service.withLock({ $0 }) else { return }
            // The confirmation is about to go out; the result of the accepted upload arrives first.
            guard let inspection = try? service.inspections().first, let session = inspection.session else { return }
            _ = try? service.importResultReportingChange(
                ResultJSON.available(caseID: inspection.facts.caseID, session: session), via: "callback")
        })
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1), dependencies: dependencies)
        try await stopAfter(fixture) {
            service.withLock { $0 = fixture.service }
            let inspection = try fixture.draft("CASE-GW-RACE", photos: fixture.photos(2))

            let session = try await fixture.service.submit(id: inspection.id)

            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .available)
            #expect(stored.result != nil)
            #expect(await fixture.ledger(caseID: "CASE-GW-RACE").map(\.session) == [session])
            #expect(try fixture.store.attempts(inspectionID: inspection.id).map(\.outcome) == ["failed", "accepted"])
        }
    }
}
