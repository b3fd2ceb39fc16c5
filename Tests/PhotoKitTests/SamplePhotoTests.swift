import Foundation
import InspektCore
import PhotoKit
import Testing

/// The demo's inbox: `assets/photos` must stay a clean, small walk-around in capture-time order.
@Suite struct SamplePhotoTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/photos").path

    static func photoPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".jpg") }
            .sorted()
            .map { folder + "/" + $0 }
    }

    @Test func atLeastTenSmallPhotos() throws {
        let paths = try Self.photoPaths()
        #expect(paths.count >= 10)
        var total = 0
        for path in paths {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size <= 40_000, "\(path) is \(size) bytes")
            total += size
        }
        #expect(total <= 500_000)
    }

    @Test func everyPhotoChecksAndScoresWell() throws {
        for path in try Self.photoPaths() {
            #expect(PhotoInspector.check(path: path) == .success(.jpeg), "\(path)")
            let facts = try PhotoInspector.facts(path: path)
            #expect((facts.pixelWidth ?? 0) >= 640 && (facts.pixelHeight ?? 0) >= 480, "\(path)")
            #expect(facts.sharpnessVerdict == "sharp", "\(path): \(facts.blurScore ?? -1)")
            #expect(facts.exposureVerdict == "ok", "\(path): \(facts.exposure ?? -1)")
        }
    }

    @Test func captureTimesIncreaseInFileNameOrder() throws {
        let times = try Self.photoPaths().map { try PhotoInspector.facts(path: $0).captureTime }
        let known = times.compactMap { $0 }
        #expect(known.count == times.count)
        #expect(zip(known, known.dropFirst()).allSatisfy { $0 < $1 })
    }
}
