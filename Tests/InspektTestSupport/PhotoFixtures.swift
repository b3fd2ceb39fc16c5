import Foundation
import PhotoKit

/// Real JPEG files for tests and benchmarks, encoded with libjpeg.
public enum PhotoFixtures {
    /// What a fixture picture looks like.
    public enum Pattern: Sendable {
        /// Coloured blocks and fine stripes: sharp, mid exposure.
        case detailed
        /// Soft gradients only: scores as blurred.
        case smooth
        /// Nearly black.
        case dark
        /// Nearly white.
        case bright
    }

    /// Writes a `width × height` JPEG whose pixels depend on `seed`, with EXIF DateTimeOriginal when `captureTime` is given.
    public static func writeJPEG(
        to path: String, width: Int, height: Int, seed: Int = 0, captureTime: Date? = nil, quality: Int = 85
    ) throws {
        try writeJPEG(
            to: path, width: width, height: height, seed: seed, captureTime: captureTime, quality: quality,
            pattern: .detailed)
    }

    /// Writes a JPEG drawn with `pattern`.
    public static func writeJPEG(
        to path: String, width: Int, height: Int, seed: Int = 0, captureTime: Date? = nil, quality: Int = 85,
        pattern: Pattern
    ) throws {
        let pixels = render(width: width, height: height, seed: seed, pattern: pattern)
        let jpeg = try JPEGCodec.encode(rgb: pixels, width: width, height: height, quality: quality)
        try Data(withEXIF(jpeg, captureTime: captureTime)).write(to: URL(fileURLWithPath: path))
    }

    /// Writes a valid JPEG of about `approximateBytes` (at least a few hundred): a small picture, then
    /// seeded random padding after its end marker, so big files are made without encoding megapixels.
    /// `width × height` is the picture's size (320×240 passes the local checks before a submit).
    public static func writeJPEG(
        to path: String, approximateBytes: Int, seed: Int = 0, width: Int = 64, height: Int = 48
    ) throws {
        let jpeg = try JPEGCodec.encode(
            rgb: render(width: width, height: height, seed: seed, pattern: .detailed), width: width, height: height,
            quality: 85)
        guard FileManager.default.createFile(atPath: path, contents: Data(jpeg)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        var remaining = max(0, approximateBytes - jpeg.count)
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while remaining > 0 {
            let n = min(remaining, chunkSize)
            chunk.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for i in 0..<words.count {
                    // xorshift64: fast, incompressible, different per seed.
                    state ^= state << 13
                    state ^= state >> 7
                    state ^= state << 17
                    words[i] = state
                }
            }
            try handle.write(contentsOf: chunk[0..<n])
            remaining -= n
        }
    }

    /// A new, empty, uniquely named folder under the system temporary directory.
    public static func temporaryDirectory() throws -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((base + "inspekt-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }
        }
        guard made != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base])
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Pixels

    static func render(width: Int, height: Int, seed: Int, pattern: Pattern) -> [UInt8] {
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: seed))
        var pixels = [UInt8](repeating: 0, count: max(0, width * height * 3))
        let palette: [(UInt8, UInt8, UInt8)] = (0..<6).map { _ in
            (UInt8(60 + random.next() % 150), UInt8(60 + random.next() % 150), UInt8(60 + random.next() % 150))
        }
        let block = 8 + Int(random.next() % 24)
        let stripe = 2 + Int(random.next() % 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                let rgb: (UInt8, UInt8, UInt8)
                switch pattern {
                case .detailed:
                    let colour = palette[((x / block) + (y / block) * 3) % palette.count]
                    // Fine stripes over part of each block keep edges everywhere.
                    let stripeOn = (x / stripe + y / stripe) % 2 == 0 && (x % block) < block / 2
                    rgb = stripeOn ? (colour.0 / 3, colour.1 / 3, colour.2 / 3) : colour
                case .smooth:
                    let fx = Double(x) / Double(max(1, width - 1)), fy = Double(y) / Double(max(1, height - 1))
                    let base = palette[0]
                    rgb = (
                        UInt8(Double(base.0) * (0.6 + 0.4 * fx)), UInt8(Double(base.1) * (0.6 + 0.4 * fy)),
                        UInt8(Double(base.2) * (0.8 + 0.2 * fx * fy))
                    )
                case .dark:
                    let v = UInt8(8 + (x / block + y / block) % 2 * 14)
                    rgb = (v, v, v &+ 4)
                case .bright:
                    let v = UInt8(232 + (x / block + y / block) % 2 * 18)
                    rgb = (v, v, v)
                }
                pixels[i] = rgb.0
                pixels[i + 1] = rgb.1
                pixels[i + 2] = rgb.2
            }
        }
        return pixels
    }

    struct SeededRandom {
        var state: UInt64
        init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        mutating func next() -> UInt64 {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: - EXIF

    /// Inserts an Exif APP1 segment holding DateTimeOriginal (UTC) right after SOI.
    public static func withEXIF(_ jpeg: [UInt8], captureTime: Date?) -> [UInt8] {
        guard let captureTime, jpeg.count > 2 else { return jpeg }
        let segment = exifSegment(dateTimeOriginal: exifDateText(captureTime))
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// "YYYY:MM:DD HH:MM:SS" in UTC.
    public static func exifDateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        return String(format: "%04d", c.year ?? 1970) + ":" + two(c.month) + ":" + two(c.day) + " "
            + two(c.hour) + ":" + two(c.minute) + ":" + two(c.second)
    }

    /// A big-endian TIFF with IFD0 -> Exif IFD -> DateTimeOriginal, wrapped as an APP1 segment.
    static func exifSegment(dateTimeOriginal text: String) -> [UInt8] {
        var tiff: [UInt8] = []
        func u16(_ v: Int) { tiff += [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func u32(_ v: Int) { u16(v >> 16 & 0xFFFF); u16(v & 0xFFFF) }
        let value = Array(text.utf8) + [0]
        tiff += Array("MM".utf8)
        u16(42)
        u32(8)  // IFD0 at 8
        u16(1)  // one entry: the Exif IFD pointer
        u16(0x8769); u16(4); u32(1); u32(26)
        u32(0)  // no next IFD
        // Exif IFD at 26: one entry, DateTimeOriginal ASCII, value at 44.
        u16(1)
        u16(0x9003); u16(2); u32(value.count); u32(44)
        u32(0)
        tiff += value
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
