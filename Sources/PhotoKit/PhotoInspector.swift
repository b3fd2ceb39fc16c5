import Crypto
import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A photo whose bytes cannot be decoded, in words for an operator.
public struct DamagedPhoto: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    public var description: String {
        "\(SafeText.escape(name)) looks damaged (\(SafeText.escape(reason))): copy it again from the camera."
    }
}

/// What PhotoKit learns from a photo file on disk: type by content, pixel size, capture time, thumbnail, scores.
public enum PhotoInspector {
    /// The width the grey image is brought down to before the blur score, so scores compare across cameras.
    static let blurSampleWidth = 256

    /// Whether the file at `path` may be sent: it exists, is a regular non-empty readable file, and its first bytes agree with its name.
    public static func check(path: String) -> Result<MediaType, FileProblem> {
        let name = fileName(of: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            return .failure(
                code == ENOENT || code == ENOTDIR
                    ? .missing(name: name) : .unreadable(name: name, reason: reasonText(code)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile(name: name)) }
        let size = Int64(info.st_size)
        // No need to open a file the name or the size already refuses.
        if MediaType.claimed(byExtension: fileExtension(of: name)) == nil || size == 0 {
            return MediaRule.check(fileName: name, size: size, header: [])
        }
        switch readHeader(path: path, count: MediaRule.headerLength) {
        case .failure(let error):
            let code = error.code
            if code == EINVAL { return .failure(.notAFile(name: name)) }
            return .failure(code == ENOENT ? .missing(name: name) : .unreadable(name: name, reason: reasonText(code)))
        case .success(let header):
            return MediaRule.check(fileName: name, size: size, header: header)
        }
    }

    /// Everything PhotoKit can tell about a photo; throws `FileProblem` (`.incomplete` for a JPEG that ends
    /// before its image does) or `DamagedPhoto`.
    public static func facts(path: String, thumbnailWidth: Int = 32, thumbnailHeight: Int = 24) throws -> PhotoFacts {
        let mediaType = try check(path: path).get()
        let name = fileName(of: path)
        // A file far larger than any photo (a 100 GB sparse file named .jpg) is never read whole:
        // what its header says is all that is shown.
        if let size = regularFileSize(path: path), size > maxDecodedFileBytes { return try headerFacts(path: path) }
        let data = try readAll(path: path, name: name)
        var facts = PhotoFacts(mediaType: mediaType, size: Int64(data.count))
        switch mediaType {
        case .jpeg:
            let structure: JPEGStructure
            do {
                structure = try JPEGStructure.parse(data, requireDecodable: true)
            } catch {
                if error.truncated { throw FileProblem.incomplete(name: name) }
                throw DamagedPhoto(name: name, reason: error.description)
            }
            // Cut short: libjpeg would fill the missing part with grey and call it a picture.
            guard structure.sawEnd else { throw FileProblem.incomplete(name: name) }
            facts.pixelWidth = structure.width
            facts.pixelHeight = structure.height
            facts.captureTime = structure.exif.flatMap(EXIFReader.captureTime(tiff:))
            // A small file may declare 65,535 × 65,535 pixels: no thumbnail for it, rather than a decode of gigabytes.
            guard structure.width * structure.height <= maxDecodedPixels else { return facts }
            let denominator = [8, 4, 2].first { structure.width / $0 >= blurSampleWidth } ?? 1
            let image: DecodedImage
            do {
                image = try JPEGCodec.decode(data, scaleDenominator: denominator)
            } catch {
                throw DamagedPhoto(name: name, reason: error.message)
            }
            if image.incomplete { throw FileProblem.incomplete(name: name) }
            let fitted = ImageMetrics.fit(
                width: image.width, height: image.height, maxWidth: thumbnailWidth, maxHeight: thumbnailHeight)
            let thumbnailPixels = ImageMetrics.downscale(
                image.rgb, width: image.width, height: image.height, channels: 3, outWidth: fitted.width,
                outHeight: fitted.height)
            facts.thumbnail = Thumbnail(width: fitted.width, height: fitted.height, rgb: thumbnailPixels)
            var grey = ImageMetrics.grey(image.rgb)
            facts.exposure = ImageMetrics.mean(grey)
            var greyWidth = image.width, greyHeight = image.height
            if image.width > blurSampleWidth {
                let sample = ImageMetrics.fit(
                    width: image.width, height: image.height, maxWidth: blurSampleWidth, maxHeight: Int.max)
                grey = ImageMetrics.downscale(
                    grey, width: image.width, height: image.height, channels: 1, outWidth: sample.width,
                    outHeight: sample.height)
                (greyWidth, greyHeight) = sample
            }
            facts.blurScore = ImageMetrics.laplacianVariance(grey, width: greyWidth, height: greyHeight)
        case .png:
            guard let size = pngSize(data) else { throw DamagedPhoto(name: name, reason: "no PNG header") }
            (facts.pixelWidth, facts.pixelHeight) = size
        default:
            break
        }
        return facts
    }

    /// The largest file `facts` reads whole to decode a thumbnail and scores; larger ones get header facts only.
    public static let maxDecodedFileBytes: Int64 = 64 * 1024 * 1024

    /// The largest pixel count `facts` decodes (at 1/8 scale, about 6 MB of pixels); larger images get no thumbnail.
    public static let maxDecodedPixels = 120_000_000

    /// How much of a JPEG `headerFacts` reads: Exif lives in APP1, at most 64 KiB, before the frame header.
    static let headerFactsLength = 128 * 1024

    /// Type, size, pixel size and capture time from the file's first 128 KiB, without decoding pixels (fast enough for lists).
    public static func headerFacts(path: String) throws -> PhotoFacts {
        let mediaType = try check(path: path).get()
        let name = fileName(of: path)
        var info = stat()
        guard stat(path, &info) == 0 else { throw problem(errno, name: name) }
        var facts = PhotoFacts(mediaType: mediaType, size: Int64(info.st_size))
        func read(_ count: Int) throws -> [UInt8] {
            switch readHeader(path: path, count: count) {
            case .failure(let error): throw problem(error.code, name: name)
            case .success(let bytes): return bytes
            }
        }
        switch mediaType {
        case .jpeg:
            // Most files show their frame header within 16 KiB; a big Exif thumbnail pushes it further.
            var header = try read(16 * 1024)
            var parsed = try? JPEGStructure.parse(header, requireDecodable: false)
            if parsed.map({ $0.width == 0 }) ?? true, header.count < facts.size {
                header = try read(headerFactsLength)
                parsed = try? JPEGStructure.parse(header, requireDecodable: false)
            }
            guard let structure = parsed else { return facts }
            if structure.width > 0 && structure.height > 0 {
                facts.pixelWidth = structure.width
                facts.pixelHeight = structure.height
            }
            facts.captureTime = structure.exif.flatMap(EXIFReader.captureTime(tiff:))
        case .png:
            (facts.pixelWidth, facts.pixelHeight) = pngSize(try read(24)) ?? (nil, nil)
        default:
            break
        }
        return facts
    }

    /// Width and height from a PNG's IHDR, which is always the first chunk.
    static func pngSize(_ data: [UInt8]) -> (Int, Int)? {
        guard data.count >= 24, Array(data[12..<16]) == Array("IHDR".utf8) else { return nil }
        func u32(_ at: Int) -> Int { data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (u32(16), u32(20))
    }

    /// Lower-case hex SHA-256 of the file, read in 1 MiB chunks.
    public static func sha256(path: String) throws -> String {
        let name = fileName(of: path)
        let fd: Int32
        switch openRegularFile(path: path) {
        case .success(let opened): fd = opened
        case .failure(let error):
            throw error.code == EINVAL ? FileProblem.notAFile(name: name) : problem(error.code, name: name)
        }
        defer { close(fd) }
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw problem(errno, name: name)
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Files

    /// An errno value carried through a `Result`.
    struct SystemError: Error {
        var code: Int32
    }

    static func fileName(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    static func fileExtension(of name: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts.last ?? "") : ""
    }

    /// strerror in words, e.g. "Permission denied".
    static func reasonText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func problem(_ code: Int32, name: String) -> FileProblem {
        code == ENOENT ? .missing(name: name) : .unreadable(name: name, reason: reasonText(code))
    }

    /// The size of the regular file at `path` (a symbolic link is followed), nil for anything else.
    public static func regularFileSize(path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Opens a regular file for reading, never anything else: `stat` first, so a FIFO, a device or a
    /// socket is not even opened (opening some devices has effects); O_NONBLOCK and O_NOCTTY in case one
    /// was swapped in since, then `fstat` of what was opened. EINVAL when it is not a regular file.
    static func openRegularFile(path: String) -> Result<Int32, SystemError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(SystemError(code: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(SystemError(code: EINVAL)) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SystemError(code: errno)) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            let code = errno == 0 ? EINVAL : errno
            close(fd)
            return .failure(SystemError(code: opened.st_mode & S_IFMT == S_IFREG ? code : EINVAL))
        }
        return .success(fd)
    }

    /// The first `count` bytes (fewer if the file is shorter); only a regular file is ever opened.
    static func readHeader(path: String, count: Int) -> Result<[UInt8], SystemError> {
        let fd: Int32
        switch openRegularFile(path: path) {
        case .success(let opened): fd = opened
        case .failure(let error): return .failure(error)
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress?.advanced(by: filled), count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(SystemError(code: errno))
            }
            if n == 0 { break }
            filled += n
        }
        return .success(Array(header.prefix(filled)))
    }
}
