import Foundation

/// Small real video containers, written box by box: enough structure for `VideoContainer` to read a duration,
/// padded with media data to the size a test needs (the size rules of API.md §7 are about bytes, not frames).
public enum VideoFixtures {
    static func be(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// An MP4 (or MOV with `brand` "qt  ") of `duration` seconds in `size` bytes: ftyp, moov with a version-0
    /// mvhd (time scale 1000), then mdat filled with bytes that vary with `seed`.
    public static func mp4(duration: Double, size: Int, brand: String = "isom", seed: UInt8 = 0) -> [UInt8] {
        func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
            be(UInt64(8 + payload.count), 4) + Array(type.utf8) + payload
        }
        let ftyp = box("ftyp", Array(brand.utf8) + be(0x200, 4) + Array(brand.utf8))
        let mvhd = box(
            "mvhd",
            [0, 0, 0, 0] + be(0, 8) + be(1000, 4) + be(UInt64(duration * 1000), 4) + [UInt8](repeating: 0, count: 80))
        let head = ftyp + box("moov", mvhd)
        let fill = max(0, size - head.count - 8)
        return head + be(UInt64(8 + fill), 4) + Array("mdat".utf8)
            + (0..<fill).map { UInt8(truncatingIfNeeded: $0) &+ seed }
    }

    /// A WebM of `duration` seconds in `size` bytes: the EBML header (DocType webm), a segment with Info (Duration
    /// in milliseconds, as an 8-byte float) and one cluster of filler.
    public static func webm(duration: Double, size: Int, docType: String = "webm") -> [UInt8] {
        func element(_ id: UInt64, _ idBytes: Int, _ payload: [UInt8]) -> [UInt8] {
            be(id, idBytes) + [0x01] + be(UInt64(payload.count), 7) + payload
        }
        let header = element(0x1A45_DFA3, 4, element(0x4282, 2, Array(docType.utf8)))
        let info = element(0x1549_A966, 4, element(0x4489, 2, be((duration * 1000).bitPattern, 8)))
        let fill = max(0, size - header.count - 12 - info.count - 12)
        let cluster = element(0x1F43_B675, 4, [UInt8](repeating: 0x5A, count: fill))
        return header + element(0x1853_8067, 4, info + cluster)
    }

    /// Writes `bytes` to `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

extension VideoFixtures {
    /// An MP4 of `size` bytes written without holding it: ftyp, moov and an mdat header that says `size`, then
    /// the file extended to its size with a hole (for the size limits of API.md §7).
    public static func writeSparseMP4(to path: String, duration: Double, size: Int) throws {
        let empty = mp4(duration: duration, size: 0)  // ftyp, moov and an empty mdat box
        let boxes = empty.count - 8
        let head = Array(empty.prefix(boxes)) + be(UInt64(size - boxes), 4) + Array("mdat".utf8)
        try Data(head).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }
}
