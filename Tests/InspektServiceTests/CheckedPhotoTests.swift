import Foundation
import InspektAPI
import InspektCore
import InspektService
import InspektSimulator
import InspektStore
import InspektTestSupport
import PhotoKit
import Synchronization
import Testing

/// Issue 23: the photo checks read each photo once, and the upload sends it without hashing it before: it
/// holds the file to the identity the checks saw (device, inode, size, modification and change times), and
/// hashes the bytes as they leave. A photo written to after its checks is never sent; the receipt is of the
/// bytes that left. Against the real simulator.
@Suite struct CheckedPhotoTests {
    /// Same size, other bytes: one byte in the middle flipped.
    private static func rewriteSameSize(_ path: String) {
        var bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        guard !bytes.isEmpty else { return }
        bytes[bytes.count / 2] ^= 0xFF
        try? bytes.write(to: URL(fileURLWithPath: path))
    }

    /// A draft whose photos passed the checks (as `inspekt submit` and the board's review run them).
    private func checkedDraft(_ fixture: ServiceFixture, _ caseID: String) async throws -> Inspection {
        let inspection = try fixture.draft(caseID, photos: fixture.photos(3, width: 640, height: 480, prefix: caseID))
        let findings = await fixture.service.photoFindings(for: inspection.photos, excluding: inspection.id)
        #expect(findings.isEmpty, "\(findings)")
        return inspection
    }

    @Test func checkedPhotosAreSentOnceAndTheReceiptHoldsTheBytesThatLeft() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try await checkedDraft(fixture, "CHECKED-1")
            let session = try await fixture.service.submit(id: inspection.id, hashWhileSending: true)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.session == session)
            let received = try #require(await fixture.ledger(caseID: "CHECKED-1").first).files.map(\.sha256)
            #expect(stored.photos.map(\.sha256) == received.map { Optional($0) })
            #expect(try stored.photos.map { try PhotoInspector.sha256(path: $0.path) } == received)
        }
    }

    @Test func aPhotoWrittenToAfterItsChecksIsNeverSent() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try await checkedDraft(fixture, "CHECKED-2")
            Self.rewriteSameSize(inspection.photos[1].path)

            await #expect(throws: (any Error).self) {
                try await fixture.service.submit(id: inspection.id, hashWhileSending: true)
            }
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .failedRetryable)
            let reason = stored.failureReason ?? ""
            #expect(
                reason.contains(
                    "CHECKED-2_1.jpg changed after it was chosen (written to since the photo checks read it)"),
                "\(reason)")
            #expect(await fixture.simulator.ledger().isEmpty)
        }
    }

    /// Written to after the upload looked at it and before the file is opened to send: the body stops before its
    /// closing boundary, so Inspektlabs never accepts it.
    @Test func aPhotoWrittenToJustBeforeItIsSentIsNeverAccepted() async throws {
        let rewrite = Mutex<String?>(nil)
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { _ in
                if let path = rewrite.withLock({ $0 }) {
                    Self.rewriteSameSize(path)
                    rewrite.withLock { $0 = nil }
                }
            }))
        try await stopAfter(fixture) {
            let inspection = try await checkedDraft(fixture, "CHECKED-3")
            rewrite.withLock { $0 = inspection.photos[2].path }

            await #expect(throws: (any Error).self) {
                try await fixture.service.submit(id: inspection.id, hashWhileSending: true)
            }
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .failedRetryable)
            #expect(
                stored.failureReason?.contains("written to since the photo checks read it") == true,
                "\(stored.failureReason ?? "")")
            #expect(await fixture.simulator.ledger().isEmpty)
        }
    }

    /// `inspekt submit` starts the local checks before the service opens and hands their findings over: those are
    /// reported as given (not checked again), and the photos they read are held to what they read all the same.
    @Test func checksRunBeforeTheServiceOpenedAreKeptAndHoldTheirPhotos() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let photos = try fixture.photos(3, width: 640, height: 480, prefix: "CHECKED-4")
            let inspection = try fixture.draft("CHECKED-4", photos: photos)
            #expect(QualityGate.findings(for: inspection.photos).isEmpty)
            let first = inspection.photos[0]
            let given = [PhotoFinding(slot: first.slot, path: first.path, kind: .blurred(score: 1))]
            let findings = await fixture.service.photoFindings(
                for: inspection.photos, excluding: inspection.id, local: given)
            #expect(findings == given)

            Self.rewriteSameSize(inspection.photos[2].path)
            await #expect(throws: (any Error).self) {
                try await fixture.service.submit(id: inspection.id, hashWhileSending: true)
            }
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(
                stored.failureReason?.contains("written to since the photo checks read it") == true,
                "\(stored.failureReason ?? "")")
            #expect(await fixture.simulator.ledger().isEmpty)
        }
    }
}
