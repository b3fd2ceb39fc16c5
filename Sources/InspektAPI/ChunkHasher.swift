import Crypto
import Dispatch
import NIOCore

/// SHA-256 of a file's chunks, computed on a thread of its own while the same chunks are sent: the digest
/// is of exactly the bytes sent, and on two cores hashing costs the upload no time. At most `backlog` chunks
/// wait to be hashed, so memory stays bounded when the disk and the wire outrun the hash.
final class ChunkHasher: @unchecked Sendable {
    // @unchecked: `hasher` is touched only on `queue`; `submit` and `digest` come from one reader in turn.
    private let queue = DispatchQueue(label: "inspekt.upload.sha256", qos: .userInitiated)
    private let slots: DispatchSemaphore
    private var hasher = SHA256()

    init(backlog: Int = 4) {
        slots = DispatchSemaphore(value: max(1, backlog))
    }

    /// Adds a chunk (after the chunks before it); blocks while `backlog` chunks still wait. Call it from a
    /// blocking-I/O thread, never an event loop.
    func submit(_ chunk: ByteBuffer) {
        slots.wait()
        queue.async { [self] in
            chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            slots.signal()
        }
    }

    /// Lower-case hex SHA-256 of every chunk submitted, once they are all hashed (blocks until then).
    func digest() -> String {
        queue.sync {
            hasher.finalize().map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }
}
