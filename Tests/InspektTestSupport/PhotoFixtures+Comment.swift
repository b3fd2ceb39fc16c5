import Foundation
import PhotoKit

extension PhotoFixtures {
    /// Writes a sharp, well-lit `width × height` JPEG carrying `comment` in a COM segment: the Q Score simulator
    /// reads its verdict from there (`qscore Q_score=2 blur=1`, `qscore orientation=Rear`), so the local checks pass
    /// while Q Score finds fault.
    public static func writeJPEG(
        to path: String, width: Int = 640, height: Int = 480, seed: Int, comment: String
    ) throws {
        let pixels = render(width: width, height: height, seed: seed, pattern: .detailed)
        let jpeg = try JPEGCodec.encode(rgb: pixels, width: width, height: height, quality: 85)
        try Data(withComment(jpeg, comment)).write(to: URL(fileURLWithPath: path))
    }

    /// `jpeg` with a COM segment holding `comment` right after its SOI marker.
    public static func withComment(_ jpeg: [UInt8], _ comment: String) -> [UInt8] {
        guard jpeg.count > 2 else { return jpeg }
        let text = Array(comment.utf8.prefix(60_000))
        let length = text.count + 2
        return Array(jpeg[0..<2]) + [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + text + Array(jpeg[2...])
    }
}
