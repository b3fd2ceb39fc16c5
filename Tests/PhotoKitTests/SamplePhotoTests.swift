import Foundation
import InspektCore
import PhotoKit
import Testing

/// The demo's inbox: `assets/photos` must stay a clean, small walk-around in capture-time order.
@Suite struct SamplePhotoTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/photos").path

    /// The pickup's photos (the folder itself), or those of a visit in a subfolder (`return`).
    static func photoPaths(_ subfolder: String? = nil) throws -> [String] {
        let directory = subfolder.map { folder + "/" + $0 } ?? folder
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".jpg") }
            .sorted()
            .map { directory + "/" + $0 }
    }

    static func allPhotoPaths() throws -> [String] { try photoPaths() + photoPaths("return") }

    @Test func atLeastTenSmallPhotosForEachVisit() throws {
        #expect(try Self.photoPaths("return").count >= 10)
        let paths = try Self.allPhotoPaths()
        #expect(paths.count >= 20)
        var total = 0
        for path in paths {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size <= 40_000, "\(path) is \(size) bytes")
            total += size
        }
        #expect(total <= 600_000)
    }

    @Test func everyPhotoChecksAndScoresWell() throws {
        for path in try Self.allPhotoPaths() {
            #expect(PhotoInspector.check(path: path) == .success(.jpeg), "\(path)")
            let facts = try PhotoInspector.facts(path: path)
            #expect((facts.pixelWidth ?? 0) >= 640 && (facts.pixelHeight ?? 0) >= 480, "\(path)")
            #expect(facts.sharpnessVerdict == "sharp", "\(path): \(facts.blurScore ?? -1)")
            #expect(facts.exposureVerdict == "ok", "\(path): \(facts.exposure ?? -1)")
        }
    }

    @Test func captureTimesIncreaseInFileNameOrder() throws {
        let times = try Self.allPhotoPaths().map { try PhotoInspector.facts(path: $0).captureTime }
        let known = times.compactMap { $0 }
        #expect(known.count == times.count)
        #expect(zip(known, known.dropFirst()).allSatisfy { $0 < $1 }, "pickup first, then the return")
    }
}
