import Foundation
import InspektCore
import InspektTestSupport
import PhotoKit
import Testing

/// Videos on disk: their duration read from the container, and a file that is not the container its name says refused.
@Suite struct VideoCheckTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try VideoFixtures.write(bytes, to: path)
        return path
    }

    @Test func anMP4AndAWebMPassWithTheirDurations() throws {
        let mp4 = try write("walk.mp4", VideoFixtures.mp4(duration: 42, size: 3_000_000))
        #expect(PhotoInspector.checkWhole(path: mp4) == .success(.mp4))
        #expect(PhotoInspector.videoFacts(path: mp4) == .success(VideoFacts(type: .mp4, duration: 42)))
        let webm = try write("walk.webm", VideoFixtures.webm(duration: 61.5, size: 2_000_000))
        #expect(PhotoInspector.checkWhole(path: webm) == .success(.webm))
        #expect(PhotoInspector.videoFacts(path: webm) == .success(VideoFacts(type: .webm, duration: 61.5)))
    }

    @Test func aCutShortMP4IsRefusedInWords() throws {
        // The mdat box says 3 MB; the copy stopped at 2 MB.
        let whole = VideoFixtures.mp4(duration: 42, size: 3_000_000)
        let path = try write("cut.mp4", Array(whole.prefix(2_000_000)))
        guard case .failure(let problem) = PhotoInspector.checkWhole(path: path) else {
            Issue.record("a cut-short MP4 passed")
            return
        }
        #expect(problem.shortReason == "not a video")
        #expect(problem.description.contains("cut.mp4 is not a usable mp4 video"))
        #expect(problem.description.contains("cut short"))
    }

    @Test func anMP4HeaderWithoutAMovieIsRefused() throws {
        // First bytes of an MP4 (so the quick look agrees), then nothing a player could use.
        let bytes = Array(VideoFixtures.mp4(duration: 1, size: 40).prefix(20)) + [UInt8](repeating: 0, count: 1_500_000)
        let path = try write("fake.mp4", bytes)
        guard case .failure(.notContainer(let name, let claimed, let reason)) = PhotoInspector.checkWhole(path: path)
        else {
            Issue.record("an MP4 without a movie box passed")
            return
        }
        #expect(name == "fake.mp4")
        #expect(claimed == .mp4)
        #expect(!reason.isEmpty)
    }

    @Test func aMissingVideoIsSaidMissing() {
        #expect(PhotoInspector.videoFacts(path: folder + "/gone.mov") == .failure(.missing(name: "gone.mov")))
    }
}
