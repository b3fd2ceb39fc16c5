import NIOCore
import Synchronization

/// The body's chunk buffers, used again once the connection has written them: an upload holds the same few
/// chunks from its first photo to its last, instead of a fresh allocation per chunk that the reading threads'
/// malloc arenas keep long after.
///
/// Reuse is only an optimisation: a buffer something else still holds is never written over (`ByteBuffer`
/// gives the next chunk fresh memory then, mapped like the rest: `MappedChunkMemory`).
final class ChunkBuffers: Sendable {
    private let spare = Mutex<[ByteBuffer]>([])
    private let allocator = MappedChunkMemory.allocator
    /// Capacity of every buffer handed out; smaller ones given back (the multipart framing) are not kept.
    let chunkSize: Int
    /// Buffers kept for reuse, at most: enough that none is ever dropped (and allocated again) in a steady
    /// upload, where the chunks in flight, the one being read and two resting are all the buffers there are.
    let limit: Int

    init(chunkSize: Int, limit: Int = InspektlabsClient.writesInFlight + 3) {
        self.chunkSize = chunkSize
        self.limit = max(2, limit)
    }

    /// A buffer for the next chunk: the oldest one given back, else a new one of `chunkSize` bytes.
    ///
    /// The HTTP client asks for the next chunk once its socket can take more, with the last bytes of the
    /// one before still queued: the newest buffer given back rests one turn, so the one reused is free
    /// (moved out of the array, nothing else holds it) and is filled in place.
    func take() -> ByteBuffer {
        spare.withLock { $0.count >= 2 ? $0.removeFirst() : nil } ?? allocator.buffer(capacity: chunkSize)
    }

    /// The connection took `buffer`: a later chunk may be read into its memory.
    func give(_ buffer: ByteBuffer) {
        guard buffer.capacity >= chunkSize else { return }
        spare.withLock { spare in
            if spare.count < limit { spare.append(buffer) }
        }
    }
}
