import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a photo's bytes held in memory say, for code that must describe exactly the bytes it verified (the
/// report embeds only bytes whose SHA-256 it checked, so it may not read the file a second time).
extension PhotoInspector {
    /// The type and pixel size of a photo's bytes, without decoding pixels; nil when they are no JPEG or PNG.
    public static func imageHeader(of data: [UInt8]) -> (mediaType: MediaType, width: Int?, height: Int?)? {
        switch MediaType.sniffed(from: Array(data.prefix(64))) {
        case .jpeg?:
            let structure = try? JPEGStructure.parse(data, requireDecodable: false)
            let size = structure.flatMap { $0.width > 0 && $0.height > 0 ? ($0.width, $0.height) : nil }
            return (.jpeg, size?.0, size?.1)
        case .png?:
            let size = pngSize(Array(data.prefix(24)))
            return (.png, size?.0, size?.1)
        default:
            return nil
        }
    }

    /// The whole file, read once into memory of its size (for the decode and the structure walk).
    static func readAll(path: String, name: String) throws(FileProblem) -> [UInt8] {
        let fd: Int32
        switch openRegularFile(path: path) {
        case .success(let opened): fd = opened
        case .failure(let error): throw error.code == EINVAL ? .notAFile(name: name) : problem(error.code, name: name)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw problem(errno, name: name) }
        // Only files up to the decode limit are read whole; one that grew past it since is refused, not read.
        guard Int64(info.st_size) <= maxDecodedFileBytes else {
            throw .unreadable(name: name, reason: "it is larger than \(maxDecodedFileBytes / 1024 / 1024) MB")
        }
        // Read straight into memory of the file's size: no staging buffer, no growth (one photo's bytes at a time).
        let expected = Int(info.st_size)
        var failure: Int32 = 0
        var data = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            while count < expected {
                let n = read(fd, buffer.baseAddress.map { $0 + count }, expected - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failure != 0 { throw problem(failure, name: name) }
        // A file that grew while it was read (a short read is its end): the rest too, up to the decode limit.
        var more = [UInt8](repeating: 0, count: data.count == expected ? 64 * 1024 : 0)
        while !more.isEmpty {
            let n = more.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw problem(errno, name: name)
            }
            if n == 0 { break }
            data.append(contentsOf: more[0..<n])
            if Int64(data.count) > maxDecodedFileBytes {
                throw .unreadable(
                    name: name, reason: "it grew past \(maxDecodedFileBytes / 1024 / 1024) MB while being read")
            }
        }
        if data.isEmpty { throw .empty(name: name) }
        return data
    }
}
