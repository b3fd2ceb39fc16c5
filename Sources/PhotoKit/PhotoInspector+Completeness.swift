import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension JPEGStructure {
    /// Whether a JPEG stream ends before its image does: cut inside a header, or inside the image data, with
    /// no end-of-image marker after it. Segments are skipped by their lengths and image data up to its next
    /// marker, so the end marker of an Exif thumbnail (inside APP1) is not taken for the image's, and bytes
    /// after the real end (a phone's trailer, a second picture) are not read at all.
    ///
    /// A stream that is not a JPEG, or is damaged in another way, is not called incomplete here: the
    /// checks that decode it say what is wrong.
    static func endsBeforeImage(_ data: [UInt8]) -> Bool {
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { return false }
        var index = 2
        while index < data.count {
            guard data[index] == 0xFF else { return false }
            while index < data.count && data[index] == 0xFF { index += 1 }
            guard index < data.count else { return true }
            let marker = data[index]
            index += 1
            switch marker {
            case 0xD9: return false  // the end; before any image data that is damage, not a cut
            case 0xD0...0xD7, 0x01: continue
            default: break
            }
            guard index + 2 <= data.count else { return true }
            let length = Int(data[index]) << 8 | Int(data[index + 1])
            guard length >= 2 else { return false }
            guard index + length <= data.count else { return true }
            index += length
            guard marker == 0xDA else { continue }
            // Image data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
            while index < data.count {
                if data[index] == 0xFF, index + 1 < data.count {
                    let next = data[index + 1]
                    if next == 0x00 || (0xD0...0xD7).contains(next) {
                        index += 2
                        continue
                    }
                    if next != 0xFF { break }
                }
                index += 1
            }
        }
        // Out of bytes without the end marker.
        return true
    }
}

extension PhotoInspector {
    /// How many bytes at the end of a file the quick completeness look reads.
    static let tailLength = 4096

    /// `check`, and for a JPEG also whether the file holds its whole image (`FileProblem.incomplete` when it
    /// ends before it). Most photos end with the end-of-image marker, which the last few bytes show; only a
    /// file that does not is read whole (up to `maxDecodedFileBytes`) and walked marker by marker.
    public static func checkWhole(path: String) -> Result<MediaType, FileProblem> {
        let checked = check(path: path)
        guard case .success(.jpeg) = checked, endsBeforeImage(path: path) else { return checked }
        return .failure(.incomplete(name: fileName(of: path)))
    }

    /// Whether the JPEG at `path` ends before its image does; false when that cannot be read or told (the
    /// other checks then say why). A file that does not end with the marker is walked from its start: first
    /// its opening bytes (a small picture followed by other data ends there), then, only if needed, the whole
    /// file up to `maxDecodedFileBytes` (a larger one is not read whole, and not called incomplete).
    public static func endsBeforeImage(path: String) -> Bool {
        guard case .success(let fd) = openRegularFile(path: path) else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 4 else { return false }
        let size = Int64(info.st_size)
        guard let tail = readBytes(fd, at: max(0, size - Int64(tailLength)), count: Int(min(Int64(tailLength), size)))
        else {
            return false
        }
        // Zeros after the end marker (a camera's padding) are harmless.
        var end = tail.count
        while end > 0 && tail[end - 1] == 0x00 { end -= 1 }
        if end >= 2 && tail[end - 2] == 0xFF && tail[end - 1] == 0xD9 { return false }
        for length in [Int64(headWalkLength), min(size, maxDecodedFileBytes)] where length <= size {
            guard let bytes = readBytes(fd, at: 0, count: Int(length)) else { return false }
            // Within what was read the picture ended (or is damaged, which is not this check's to say).
            if !JPEGStructure.endsBeforeImage(bytes) { return false }
            if length == size { return true }
        }
        return false
    }

    /// How much of a file's start the completeness walk reads before it reads the whole file.
    static let headWalkLength = 256 * 1024

    /// `count` bytes at `offset`, nil when fewer could be read.
    private static func readBytes(_ fd: Int32, at offset: Int64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress?.advanced(by: filled), count - filled, off_t(offset + Int64(filled)))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            filled += n
        }
        return bytes
    }
}
