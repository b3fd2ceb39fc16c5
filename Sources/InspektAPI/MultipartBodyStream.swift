import InspektCore
import NIOCore
import NIOPosix

/// The upload body as a stream of buffers, files read from disk chunk by chunk as the connection asks.
/// Every file is hashed from those same chunks (the SHA-256 of the bytes sent), each chunk right after it
/// is read, while the chunk before it is being sent; a file given with a digest must match it.
///
/// The client pulls the next buffer only once the connection took the previous one, and gives written
/// buffers back (`buffers`), so a few chunks are in memory whatever the photo sizes. Reads and hashing
/// run on NIO's blocking-I/O thread pool, never on an event loop or the cooperative pool.
struct MultipartBodyStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let layout: MultipartLayout
    let files: [UploadFile]
    let monitor: TransferMonitor
    let chunkSize: Int
    let threadPool: NIOThreadPool
    /// Chunk memory, used again once written.
    let buffers: ChunkBuffers
    /// Awaited before the closing boundary is handed over; when it throws, the body stops short of its end.
    let beforeClosing: @Sendable () async throws -> Void

    init(
        layout: MultipartLayout, files: [UploadFile], monitor: TransferMonitor, chunkSize: Int,
        threadPool: NIOThreadPool,
        beforeClosing: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.layout = layout
        self.files = files
        self.monitor = monitor
        self.chunkSize = chunkSize
        self.threadPool = threadPool
        self.beforeClosing = beforeClosing
        buffers = ChunkBuffers(chunkSize: chunkSize)
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    struct Iterator: AsyncIteratorProtocol {
        let stream: MultipartBodyStream
        private var segment = 0
        private var reader: FileReader?
        private var offset: Int64 = 0

        init(stream: MultipartBodyStream) {
            self.stream = stream
        }

        mutating func next() async throws -> ByteBuffer? {
            if segment == 0 && reader == nil { stream.monitor.bodyStarted() }
            while segment < stream.layout.segments.count {
                switch stream.layout.segments[segment] {
                case .bytes(let buffer):
                    segment += 1
                    if segment == stream.layout.segments.count {
                        stream.monitor.finishedFiles()
                        // Without its closing boundary no server accepts the body: what must precede acceptance goes here.
                        try await stream.beforeClosing()
                    }
                    stream.monitor.touch()
                    return buffer
                case .file(let index):
                    if let chunk = try await nextChunk(ofFile: index) { return chunk }
                    segment += 1
                }
            }
            return nil
        }

        /// The next chunk of file `index`, or nil once it is all sent (and found unchanged).
        private mutating func nextChunk(ofFile index: Int) async throws -> ByteBuffer? {
            let file = stream.files[index]
            do {
                let reader: FileReader
                if let open = self.reader {
                    reader = open
                } else {
                    // Always hashed as sent: the receipt's SHA-256 is of the bytes that left, never only of the file as chosen.
                    reader = try FileReader(
                        path: file.path, name: file.uploadName, expectedSize: file.size, hashing: true,
                        identity: file.identity)
                    self.reader = reader
                    offset = 0
                }
                let remaining = file.size - offset
                if remaining <= 0 {
                    try reader.checkUnchanged()
                    self.reader = nil
                    if file.size == 0 { stream.monitor.sent(0, ofFile: index) }
                    // Every chunk was hashed as it was read: only the digest's last step is left.
                    let sent = reader.sha256()
                    // Same size, other bytes since the selection was hashed: stop before the closing boundary,
                    // so the server never accepts a body that is not the photo that was chosen.
                    if let chosen = file.sha256, chosen != sent {
                        throw FileReader.contentChanged(name: file.uploadName)
                    }
                    stream.monitor.finished(file: index, sha256: sent)
                    return nil
                }
                let count = Int(Swift.min(Int64(stream.chunkSize), remaining))
                let position = offset
                let buffers = stream.buffers
                let chunk = try await stream.threadPool.runIfActive {
                    var buffer = buffers.take()
                    try reader.read(at: position, count: count, into: &buffer)
                    return buffer
                }
                offset += Int64(count)
                stream.monitor.sent(count, ofFile: index)
                return chunk
            } catch {
                self.reader = nil
                if let problem = error as? FileProblem { stream.monitor.fail(problem) }
                throw error
            }
        }
    }
}
