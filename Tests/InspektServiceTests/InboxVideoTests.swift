import Foundation
import InspektCore
import InspektService
import InspektTestSupport
import Testing

/// The inbox lists a video with its size and its duration, read from the container; one that is not the
/// container its name says is listed as "not a video".
@Suite struct InboxVideoTests {
    func listing(_ folder: String) async -> [InboxItem] {
        var last: [InboxItem] = []
        for await scan in InspektService.scanInbox(path: folder) {
            if case .listed(let items) = scan { last = items }
        }
        return last
    }

    @Test func aVideoIsListedWithItsDurationAndARenamedOneIsNot() async throws {
        let folder = try PhotoFixtures.temporaryDirectory()
        try VideoFixtures.write(VideoFixtures.mp4(duration: 42, size: 2_000_000), to: folder + "/walk.mp4")
        try VideoFixtures.write(VideoFixtures.webm(duration: 95, size: 1_500_000), to: folder + "/yard.webm")
        try VideoFixtures.write(VideoFixtures.webm(duration: 5, size: 1_500_000), to: folder + "/renamed.mov")
        try PhotoFixtures.writeJPEG(to: folder + "/front.jpg", width: 640, height: 480)
        let items = Dictionary(uniqueKeysWithValues: await listing(folder).map { ($0.name, $0) })
        #expect(items["walk.mp4"]?.duration == 42)
        #expect(items["walk.mp4"]?.size == 2_000_000)
        #expect(items["walk.mp4"]?.problem == nil)
        #expect(items["yard.webm"]?.duration == 95)
        #expect(items["renamed.mov"]?.problem != nil)
        #expect(items["renamed.mov"]?.duration == nil)
        #expect(items["front.jpg"]?.duration == nil)
    }
}
