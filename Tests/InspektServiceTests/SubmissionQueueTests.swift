import Foundation
import InspektCore
import InspektStorage
@testable import InspektService
import InspektSimulator
import InspektTestSupport
import Synchronization
import Testing

/// Done-when 3 (lost reply) and the retry bound, against the real simulator.
@Suite struct SubmissionQueueTests {
    /// Done-when 3: the first reply is lost after the server accepted; the retry meets
    /// "Inspection Id already exists", which means accepted: one inspection on the server.
    @Test func lostReplyEndsAcceptedWithExactlyOneInspection() async throws {
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600, dropRate: 1, maxDrops: 1))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-DROP", photos: fixture.photos(3))

            let session = try await fixture.service.submit(id: inspection.id)

            let ledger = await fixture.ledger(caseID: "CASE-DROP")
            #expect(ledger.count == 1)
            #expect(ledger.first?.session == session)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .processing)
            #expect(stored.session == session)
            #expect(try fixture.store.sessions(inspectionID: inspection.id).map(\.session) == [session])
            let attempts = try fixture.store.attempts(inspectionID: inspection.id)
            #expect(attempts.count == 2)
            #expect(attempts.map(\.outcome) == ["failed", "accepted"])
            #expect(attempts.last?.detail?.contains("reply to an earlier attempt was lost") == true)
            // The digests stored are those of the body the server accepted (the attempt whose reply was lost).
            #expect(stored.photos.map(\.sha256) == (ledger.first?.files.map(\.sha256) ?? []))
            #expect(await fixture.service.queue.lastUpload(inspectionID: inspection.id) == nil)
        }
    }

    /// The reply is lost and this run gives up; a later process must confirm with the stored
    /// session (the server already has it), never fetch a second one.
    @Test func lostReplyThenALaterProcessConfirmsWithTheStoredSession() async throws {
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600, dropRate: 1, maxDrops: 1), maxAttempts: 1)
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-LATER", photos: fixture.photos(2))
            await #expect(throws: ServiceError.self) { try await fixture.service.submit(id: inspection.id) }
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .failedRetryable)
            let stored = try #require(try fixture.store.currentSession(inspectionID: inspection.id))
            #expect(stored.bodySent && !stored.spent)
            #expect(await fixture.ledger(caseID: "CASE-LATER").map(\.session) == [stored.session])

            let later = try ServiceFixture.make(simulator: fixture.simulator, directory: fixture.directory)
            let session = try await later.service.retryNow(id: inspection.id)

            #expect(session == stored.session)
            #expect(await fixture.ledger(caseID: "CASE-LATER").count == 1)
            #expect(try later.store.sessions(inspectionID: inspection.id).count == 1)
            #expect(try later.store.inspection(id: inspection.id)?.state == .processing)
            // No request of this process was accepted: the digests are those taken when the retry was prepared.
            let entry = try #require(await fixture.ledger(caseID: "CASE-LATER").first)
            #expect(try later.store.inspection(id: inspection.id)?.photos.map(\.sha256) == entry.files.map(\.sha256))
        }
    }

    @Test func retriesExhaustThenFailedRetryableWithReasonThenRetrySucceeds() async throws {
        let delays = Mutex<[Double]>([])
        let dependencies = ServiceDependencies(
            random: { 0.5 },
            sleep: { seconds in delays.withLock { $0.append(seconds) } })
        // Every call answers 500 "Server Side Issue".
        let broken = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600, failRate: 1), maxAttempts: 3, dependencies: dependencies)
        try await stopAfter(broken) {
            let inspection = try broken.draft("CASE-RETRY", photos: broken.photos(2))
            let events = broken.service.events()

            await #expect(throws: ServiceError.self) { try await broken.service.submit(id: inspection.id) }

            let failed = try #require(try broken.store.inspection(id: inspection.id))
            #expect(failed.state == .failedRetryable)
            #expect(failed.failureReason?.contains("problem on its side") == true, "\(failed.failureReason ?? "nil")")
            // Exponential backoff with equal jitter (random fixed at 0.5): 0.05 → 0.0375, 0.1 → 0.075.
            #expect(delays.withLock { $0 }.map { ($0 * 10_000).rounded() / 10_000 } == [0.0375, 0.075])
            var sawRetry = false
            var sawFailure = false
            for await event in events {
                if case .retryScheduled = event { sawRetry = true }
                if case .uploadFailed(_, let reason) = event { sawFailure = !reason.isEmpty; break }
            }
            #expect(sawRetry && sawFailure)

            // The same kiosk, later, when the service works again: retry from failed-retryable succeeds.
            let healthy = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
            try await stopAfter(healthy) {
                let later = try ServiceFixture.make(simulator: healthy, directory: broken.directory)
                let session = try await later.service.retryNow(id: inspection.id)
                #expect(try later.store.inspection(id: inspection.id)?.state == .processing)
                #expect(await healthy.ledger().filter { $0.caseID == "CASE-RETRY" }.map(\.session) == [session])
            }
        }
    }

    @Test func nonRetryableRefusalFailsAtOnceWithTheReason() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-KEY", photos: fixture.photos(1))
            // A service configured with a key the simulator does not know.
            var configuration = fixture.service.configuration
            configuration.apiKey = "not-a-key"
            let service = InspektService(
                configuration: configuration, store: fixture.store, client: fixture.client,
                logger: fixture.quietLogger, dependencies: ServiceFixture.fastDependencies())
            await #expect(throws: ServiceError.self) { try await service.submit(id: inspection.id) }
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .failedRetryable)
            #expect(stored.failureReason?.contains("does not accept the API key") == true)
            #expect(await fixture.simulator.ledger().isEmpty)
        }
    }

    @Test func everySubscriberSeesTheUpload() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-EVENTS", photos: fixture.photos(2))
            let first = fixture.service.events()
            let second = fixture.service.events()
            let session = try await fixture.service.submit(id: inspection.id)
            for stream in [first, second] {
                var sawProgress = false
                for await event in stream {
                    if case .uploadProgress = event { sawProgress = true }
                    if case .uploadAccepted(let id, let accepted) = event {
                        #expect(id == inspection.id && accepted == session)
                        break
                    }
                }
                #expect(sawProgress)
            }
        }
    }

    @Test func receiptHoldsFactsFilesAndSession() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-RECEIPT", photos: fixture.photos(2))
            let session = try await fixture.service.submit(id: inspection.id)
            let path = fixture.directory + "/receipt.json"
            try fixture.service.exportReceipt(id: inspection.id, to: path)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            #expect(object["session"] as? String == session)
            #expect((object["case"] as? [String: Any])?["case_id"] as? String == "CASE-RECEIPT")
            let files = try #require(object["files"] as? [[String: Any]])
            #expect(files.map { $0["slot"] as? String } == ["front", "front-left"])
            #expect(files.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
            #expect(object["accepted_at"] is String)
        }
    }
}
