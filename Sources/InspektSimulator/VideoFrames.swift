import Crypto
import InspektCore

/// API.md §7: for a video, the result's `relevantImages` describe frames Inspektlabs took from it. The simulator
/// "takes" one frame per walk-around angle, named and hashed from the video, so that the same video always gives
/// the same report and the walk-around counts as complete.
enum VideoFrames {
    static let frameSize = ImageDimensions(width: 1280, height: 720)

    /// Each video replaced by its frames; photos as they are.
    static func expanded(_ files: [ReceivedFile]) -> [ReceivedFile] {
        files.flatMap { file -> [ReceivedFile] in
            guard MediaType.sniffed(from: file.header)?.kind == .video else { return [file] }
            let stem = file.name.split(separator: ".").first.map(String.init) ?? file.name
            let base = stem.split(separator: "_", maxSplits: 1).last.map(String.init) ?? stem
            return CoverageSlot.walkAround.enumerated().map { index, slot in
                let digest = SHA256.hash(data: Array((file.sha256 + slot.rawValue).utf8))
                return ReceivedFile(
                    name: "\(slot.rawValue)_\(base)-frame\(index + 1).jpg", size: 0,
                    sha256: digest.map { String(format: "%02x", $0) }.joined(), header: [], dimensions: frameSize)
            }
        }
    }
}
