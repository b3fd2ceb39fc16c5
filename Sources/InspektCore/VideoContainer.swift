/// Random access to a file's bytes, so that a container is read box by box and never whole.
public protocol ByteSource {
    /// The file's length in bytes.
    var length: Int64 { get }
    /// Up to `count` bytes from `offset` (fewer where the file ends); nil when the read failed.
    func bytes(at offset: Int64, count: Int) -> [UInt8]?
}

/// Bytes already in memory, as a `ByteSource` (tests, and headers read before).
public struct ByteArraySource: ByteSource, Sendable {
    public let data: [UInt8]

    public init(_ data: [UInt8]) { self.data = data }

    public var length: Int64 { Int64(data.count) }

    public func bytes(at offset: Int64, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        guard offset < length else { return [] }
        let start = Int(offset)
        return Array(data[start..<min(data.count, start + count)])
    }
}

/// What a video's container says about it, read from its headers without decoding a frame.
public struct VideoFacts: Sendable, Hashable, Codable {
    public var type: MediaType
    /// Seconds, as the container records them; nil when it records none (a live recording, an unknown length).
    public var duration: Double?

    public init(type: MediaType, duration: Double?) {
        self.type = type
        self.duration = duration
    }
}

/// Why a file is not the container its name says, in words that complete "… is not a usable MP4: ".
public struct ContainerProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Reads a video container's structure: MP4/MOV boxes to `mvhd`, Matroska/WebM elements to `Duration`,
/// AVI's main header. A file is checked against the container its extension claims, so that a renamed file,
/// one cut short, or one whose structure lies about its sizes is refused in words and never crashes the reader.
public enum VideoContainer {
    /// The most elements or boxes looked at on one level: a hostile file of tiny boxes ends here, not at its end
    /// (a fragmented MP4 of an hour, one fragment a second, has some 7,200).
    static let maxElements = 65_536

    /// The container of `source`, read as the type its extension claims (`claimed` must be a video type).
    public static func read(_ source: some ByteSource, claimed: MediaType) -> Result<VideoFacts, ContainerProblem> {
        do {
            switch claimed {
            case .mp4, .mov:
                return .success(try ISOMediaReader(source: source).read(claimed: claimed))
            case .webm, .mkv:
                return .success(try MatroskaReader(source: source).read(claimed: claimed))
            case .avi:
                return .success(try readAVI(source))
            case .jpeg, .png, .heic:
                return .failure(ContainerProblem("\(claimed.rawValue) is not a video container"))
            }
        } catch {
            return .failure(error)
        }
    }

    /// AVI: `RIFF....AVI ` then `LIST....hdrl` whose first chunk is `avih`, the main header with the time of
    /// one frame in microseconds and the number of frames.
    static func readAVI(_ source: some ByteSource) throws(ContainerProblem) -> VideoFacts {
        guard let head = source.bytes(at: 0, count: 32 + 56), head.count >= 12,
            Array(head[0..<4]) == Array("RIFF".utf8), Array(head[8..<12]) == Array("AVI ".utf8)
        else { throw ContainerProblem("it does not begin with an AVI header (RIFF … AVI)") }
        guard head.count >= 32, Array(head[12..<16]) == Array("LIST".utf8), Array(head[20..<24]) == Array("hdrl".utf8),
            Array(head[24..<28]) == Array("avih".utf8)
        else { throw ContainerProblem("its header list (hdrl with avih) is missing or cut short") }
        guard head.count >= 32 + 20 else { throw ContainerProblem("the file ends inside its main header (avih)") }
        func u32(_ at: Int) -> UInt64 { (0..<4).reduce(UInt64(0)) { $0 | UInt64(head[at + $1]) << (8 * UInt64($1)) } }
        let microsecondsPerFrame = u32(32)
        let frames = u32(32 + 16)
        let duration = microsecondsPerFrame == 0 ? nil : Double(microsecondsPerFrame) * Double(frames) / 1_000_000
        return VideoFacts(type: .avi, duration: duration)
    }

    /// "1:05", "12:00", "1:02:03": a duration for a list column.
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
