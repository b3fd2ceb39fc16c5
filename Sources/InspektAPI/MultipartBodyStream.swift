import InspektCore
import NIOCore
import NIOPosix

/// The upload body as a stream of buffers, files read from disk chunk by chunk as the connection asks.
/// A file without a digest from its selection is hashed from those same chunks (the SHA-256 of the bytes
/// sent); one with a digest is not hashed again, which keeps the CPU for sending.
///
/// The client pulls the next buffer only once the connection took the previous one, so at most a few
/// chunks are in memory whatever the photo sizes. Reads run on NIO's blocking-I/O thread pool, never
/// on an event loop or the cooperative pool.
struct MultipartBodyStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let layout: MultipartLayout
    let files: [UploadFile]
    let monitor: TransferMonitor
    let chunkSize: Int
    let threadPool: NIOThreadPool

    func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    struct Iterator: AsyncIteratorProtocol {
        let stream: MultipartBodyStream
        private var segment = 0
        private var reader: FileReader?
        private var offset: Int64 = 0
        private let allocator = ByteBufferAllocator()

        init(stream: MultipartBodyStream) {
            self.stream = stream
        }

        mutating func next() async throws -> ByteBuffer? {
            if segment == 0 && reader == nil { stream.monitor.bodyStarted() }
            while segment < stream.layout.segments.count {
                switch stream.layout.segments[segment] {
                case .bytes(let buffer):
                    segment += 1
                    if segment == stream.layout.segments.count { stream.monitor.finishedFiles() }
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
                    reader = try FileReader(
                        path: file.path, name: file.uploadName, expectedSize: file.size, hashing: file.sha256 == nil)
                    self.reader = reader
                    offset = 0
                }
                let remaining = file.size - offset
                if remaining <= 0 {
                    try reader.checkUnchanged()
                    self.reader = nil
                    if file.size == 0 { stream.monitor.sent(0, ofFile: index) }
                    stream.monitor.finished(file: index, sha256: file.sha256 ?? reader.sha256())
                    return nil
                }
                let count = Int(Swift.min(Int64(stream.chunkSize), remaining))
                let position = offset
                let allocator = self.allocator
                let chunk = try await stream.threadPool.runIfActive {
                    try reader.read(at: position, count: count, allocator: allocator)
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
