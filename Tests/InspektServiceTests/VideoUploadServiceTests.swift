import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// A video walk-around through the service, on either store engine: kept on the `video` slot, sent alone with
/// the SHA-256 of its bytes, and a video mixed with a photo refused before any session.
@Suite struct VideoUploadServiceTests {
    @Test func aVideoIsSentAloneAndKeptAsAVideoWalkAround() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/walk.mov"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 20, size: 1_500_000, brand: "qt  "), to: path)
            let inspection = try fixture.draft("CASE-SV", photos: [PhotoSelection(slot: .video, path: path)])
            let session = try await fixture.service.submit(id: inspection.id)
            let entry = try #require(await fixture.ledger(caseID: "CASE-SV").first)
            #expect(entry.session == session)
            #expect(entry.files.map(\.name) == ["video_walk.mov"])
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.isVideoWalkAround)
            #expect(stored.photos.map(\.sha256) == entry.files.map(\.sha256))
            #expect(fixture.service.videoSummary(of: stored)?.duration == 20)
        }
    }

    @Test func aVideoSentKeepsItsDurationAndSizeAfterItsFileIsDeleted() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 102, size: 2_500_000), to: path)
            let inspection = try fixture.draft("CASE-SVD", photos: [PhotoSelection(slot: .video, path: path)])
            _ = try await fixture.service.submit(id: inspection.id)
            try FileManager.default.removeItem(atPath: path)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.photos.map(\.duration) == [102])
            let summary = try #require(fixture.service.videoSummary(of: stored))
            #expect(summary == VideoSummary(fileName: "walk.mp4", size: 2_500_000, duration: 102))
            #expect(summary.label == "video 1:42")
        }
    }

    @Test func aVideoWithAPhotoIsRefusedBeforeAnySession() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 20, size: 1_500_000), to: path)
            let photos = try fixture.photos(1, prefix: "CASE-SVM")
            let inspection = try fixture.draft("CASE-SVM", photos: photos + [PhotoSelection(slot: .video, path: path)])
            do {
                _ = try await fixture.service.submit(id: inspection.id)
                Issue.record("a video with a photo was sent")
            } catch let ServiceError.invalid(problems) {
                #expect(problems.contains { $0.contains("A video walk-around goes alone") }, "\(problems)")
            }
            #expect(try fixture.store.sessions(inspectionID: inspection.id).isEmpty)
            #expect(await fixture.ledger(caseID: "CASE-SVM").isEmpty)
        }
    }
}
