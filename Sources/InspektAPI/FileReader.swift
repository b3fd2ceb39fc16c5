import Crypto
import InspektCore
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open photo, read in order in chunks, hashing exactly the bytes it hands out unless told not to
/// (the digest is already known); the descriptor closes when the reader goes away, also when an upload
/// is cancelled halfway.
final class FileReader: @unchecked Sendable {
    // @unchecked: one body stream uses a reader, one awaited read at a time.
    private let descriptor: CInt
    /// Hashes each chunk right after reading it, on the same blocking-I/O thread, while the chunk before
    /// it is being sent: no second thread to wake per chunk, and no chunks waiting in memory to be hashed.
    private var hasher: SHA256?
    let path: String
    let name: String
    let expectedSize: Int64
    let hashing: Bool
    /// The file as it was checked, when it was: it must still be exactly that file while it is read.
    let identity: FileIdentity?

    /// Opens `path` and checks it is a regular file of `expectedSize` bytes (and, given `identity`, that file untouched).
    init(
        path: String, name: String, expectedSize: Int64, hashing: Bool = true, identity: FileIdentity? = nil
    ) throws(FileProblem) {
        self.hashing = hashing
        self.identity = identity
        hasher = hashing ? SHA256() : nil
        self.path = path
        self.name = name
        self.expectedSize = expectedSize
        // Only a regular file is opened: a FIFO, device or socket swapped in under the name is refused
        // before `open` (which could block or have effects), and O_NONBLOCK | O_NOCTTY cover a swap in between.
        var named = stat()
        if stat(path, &named) == 0, (named.st_mode & S_IFMT) != S_IFREG { throw .notAFile(name: name) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw .missing(name: name) }
            throw .unreadable(name: name, reason: String(cString: strerror(code)))
        }
        descriptor = fd
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .unreadable(name: name, reason: String(cString: strerror(errno)))
        }
        // Every stored property is set by now: a throw below runs `deinit`, which closes the descriptor.
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(name: name) }
        guard Int64(info.st_size) == expectedSize else {
            throw FileReader.sizeChanged(name: name, expected: expectedSize, now: Int64(info.st_size))
        }
        if let identity, FileIdentity(descriptor: fd) != identity { throw FileReader.changedSinceChecked(name: name) }
    }

    deinit { close(descriptor) }

    /// Reads exactly `count` bytes at `offset` into `buffer` (emptied first; a buffer used before keeps its memory)
    /// and, when hashing, adds them to the digest; the body stream reads each file once, front to back, so the
    /// digest covers the file as sent. A short file is a changed file.
    func read(at offset: Int64, count: Int, into buffer: inout ByteBuffer) throws(FileProblem) {
        buffer.clear(minimumCapacity: count)
        var failure: FileProblem?
        while buffer.readableBytes < count, failure == nil {
            let wanted = count - buffer.readableBytes
            let position = offset + Int64(buffer.readableBytes)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                let got = pread(descriptor, raw.baseAddress, wanted, off_t(position))
                if got < 0 {
                    if errno != EINTR {
                        failure = .unreadable(name: name, reason: String(cString: strerror(errno)))
                    }
                    return 0
                }
                if got == 0 {
                    failure = FileReader.sizeChanged(name: name, expected: expectedSize, now: position)
                }
                return got
            }
        }
        if let failure { throw failure }
        // The very bytes that are sent are hashed: no second pass over the file.
        buffer.withUnsafeReadableBytes { hasher?.update(bufferPointer: $0) }
    }

    /// Lower-case hex SHA-256 of every byte read so far (the whole file once it is all sent).
    func sha256() -> String {
        guard let hasher else { return "" }
        return hasher.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// After the last byte: the file must still be there, with the size it was sent with.
    func checkUnchanged() throws(FileProblem) {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { throw .missing(name: name) }
            throw .unreadable(name: name, reason: String(cString: strerror(errno)))
        }
        if Int64(info.st_size) != expectedSize {
            throw FileReader.sizeChanged(name: name, expected: expectedSize, now: Int64(info.st_size))
        }
        // Written to while it was read: what left may not be the photo that was checked.
        if let identity, FileIdentity(descriptor: descriptor) != identity {
            throw FileReader.contentChanged(name: name)
        }
    }

    static func changedSinceChecked(name: String) -> FileProblem {
        .changed(name: name, detail: "written to since the photo checks read it")
    }

    static func contentChanged(name: String) -> FileProblem {
        .changed(name: name, detail: "same size, other bytes: it was rewritten while being sent")
    }

    static func sizeChanged(name: String, expected: Int64, now: Int64) -> FileProblem {
        .changed(name: name, detail: "\(expected) bytes when chosen, \(now) found while sending")
    }
}
