import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Logging
import PhotoKit
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §5: photos that are links or that change after they were chosen, against the real simulator.
@Suite struct HostileFileUploadTests {
    /// Same size, other bytes: one byte in the middle of the file flipped.
    private func rewriteSameSize(_ path: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let middle = bytes.count / 2
        bytes[middle] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func aPhotoChangedAfterItWasChosenIsRefusedBeforeAnythingIsSent() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            var inspection = try fixture.draft("CASE-CHANGED", photos: fixture.photos(2, prefix: "CHG"))
            // Chosen and hashed (as `inspekt` does when the operator submits), the upload left for later.
            for index in inspection.photos.indices {
                let path = inspection.photos[index].path
                inspection.photos[index].size = try #require(PhotoInspector.regularFileSize(path: path))
                inspection.photos[index].sha256 = try PhotoInspector.sha256(path: path)
            }
            inspection.state = .ready
            try fixture.store.save(inspection)
            let sizeBefore = try #require(PhotoInspector.regularFileSize(path: inspection.photos[0].path))
            try rewriteSameSize(inspection.photos[0].path)
            #expect(PhotoInspector.regularFileSize(path: inspection.photos[0].path) == sizeBefore)

            let outcomes = await fixture.service.resumeAll()
            #expect(outcomes.count == 1)
            #expect((try? outcomes.first?.outcome.get()) == nil)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .failedRetryable)
            let reason = stored.failureReason ?? ""
            #expect(reason.contains("CHG_0.jpg changed after it was chosen (same size, other bytes"), "\(reason)")
            #expect(!reason.contains("while being sent"))
            #expect(await fixture.ledger(caseID: "CASE-CHANGED").isEmpty)
            #expect(await fixture.simulator.ledger().isEmpty)
        }
    }

    @Test func aPhotoChangedWhileTheRequestStartsIsNeverAccepted() async throws {
        let rewrite = Mutex<String?>(nil)
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { _ in
                if let path = rewrite.withLock({ $0 }) {
                    var bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
                    if !bytes.isEmpty { bytes[bytes.count / 2] ^= 0xFF }
                    try? bytes.write(to: URL(fileURLWithPath: path))
                    rewrite.withLock { $0 = nil }
                }
            }))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-RACE", photos: fixture.photos(1, prefix: "RACE"))
            rewrite.withLock { $0 = inspection.photos[0].path }

            await #expect(throws: (any Error).self) { try await fixture.service.submit(id: inspection.id) }
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .failedRetryable)
            #expect(
                stored.failureReason?.contains("changed after it was chosen") == true, "\(stored.failureReason ?? "")")
            #expect(await fixture.ledger(caseID: "CASE-RACE").isEmpty)
        }
    }

    @Test func aPhotoGivenAsALinkIsFollowedOnPurposeAndTheReceiptHoldsTheBytesSent() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let photos = try fixture.photos(1, prefix: "REAL")
            let link = fixture.directory + "/front-link.jpg"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: photos[0].path)
            let inspection = try fixture.draft("CASE-LINK", photos: [PhotoSelection(slot: .front, path: link)])

            let session = try await fixture.service.submit(id: inspection.id)
            let entries = await fixture.ledger(caseID: "CASE-LINK")
            #expect(entries.count == 1)
            #expect(entries.first?.session == session)
            let original = try PhotoInspector.sha256(path: photos[0].path)
            #expect(entries.first?.files.first?.sha256 == original)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.photos.first?.sha256 == original)
            #expect(stored.photos.first?.size == PhotoInspector.regularFileSize(path: photos[0].path))
            let events = try fixture.store.events(inspectionID: inspection.id)
            let note = try #require(events.first { $0.kind == "link followed" })
            #expect(note.detail.contains("front-link.jpg (Front) is a symbolic link to"), "\(note.detail)")
            #expect(note.detail.contains("the link is followed"))
            #expect(!events.contains { $0.detail.contains("changed while being sent") })
        }
    }
}
