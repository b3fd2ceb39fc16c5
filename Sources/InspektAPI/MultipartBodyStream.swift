import Dispatch
import InspektCore
import NIOCore

/// The upload body, handed to the connection chunk by chunk, files read from disk as it goes. Every file is
/// hashed from those same chunks (the SHA-256 of the bytes sent), each chunk right after it is read, while
/// the chunk before it is being written; a file given with a digest must match it.
///
/// One thread of its own reads, hashes and hands over every chunk, and waits on the connection itself
/// (`send`): a chunk costs one wake-up of the event loop and one back, where a pump in the task pool
/// hopped to a reading thread and back as well, and on two cores shared with the receiving side those
/// hand-offs left a core idle between chunks. The thread hands a chunk over only once the connection took
/// the one before (`depth`) and gets written buffers back (`buffers`), so a few chunks are in memory
/// whatever the photo sizes.
struct MultipartBodyStream: Sendable {
    let layout: MultipartLayout
    let files: [UploadFile]
    let monitor: TransferMonitor
    let chunkSize: Int
    /// Chunk memory, used again once written.
    let buffers: ChunkBuffers

    init(layout: MultipartLayout, files: [UploadFile], monitor: TransferMonitor, chunkSize: Int) {
        self.layout = layout
        self.files = files
        self.monitor = monitor
        self.chunkSize = chunkSize
        buffers = ChunkBuffers(chunkSize: chunkSize)
    }

    /// The body's last segment, its closing boundary: the server cannot accept the body before it has it.
    private var closing: ByteBuffer? {
        guard case .bytes(let buffer) = layout.segments.last else { return nil }
        return buffer
    }

    /// Hands the body to `write` on the calling thread (it blocks: reads, and waits for writes), with up to
    /// `depth` writes not yet done; once every file is written, runs `beforeClosing`, then writes the closing
    /// boundary and returns when that is written. Stops with an error, the closing boundary not sent, when a file
    /// is missing, changed or unreadable, when `beforeClosing` or a write fails, or when `cancelled` says so
    /// (also while it waits on a write: the HTTP client never answers a write it took once its request ended).
    func send(
        depth: Int, cancelled: () -> Bool, beforeClosing: () throws -> Void,
        write: (ByteBuffer) -> EventLoopFuture<Void>
    ) throws {
        monitor.bodyStarted()
        var pending: [(written: EventLoopFuture<Void>, chunk: ByteBuffer)] = []
        func hand(_ chunk: ByteBuffer) throws {
            while pending.count >= max(1, depth) {
                let oldest = pending.removeFirst()
                try wait(for: oldest.written, cancelled: cancelled)
                buffers.give(oldest.chunk)
            }
            pending.append((write(chunk), chunk))
        }
        let parts = closing == nil ? layout.segments[...] : layout.segments.dropLast()
        for segment in parts {
            if cancelled() { throw CancellationError() }
            switch segment {
            case .bytes(let buffer):
                monitor.touch()
                try hand(buffer)
            case .file(let index):
                try sendFile(index, cancelled: cancelled, hand: hand)
            }
        }
        for write in pending { try wait(for: write.written, cancelled: cancelled) }
        monitor.finishedFiles()
        guard let closing else { return }
        // Without its closing boundary no server accepts the body: what must precede acceptance goes here.
        try beforeClosing()
        monitor.touch()
        try wait(for: write(closing), cancelled: cancelled)
    }

    /// Waits for a write to be done, or for `cancelled`: a request that ended meanwhile never finishes it.
    private func wait(for written: EventLoopFuture<Void>, cancelled: () -> Bool) throws {
        let done = DispatchSemaphore(value: 0)
        written.whenComplete { _ in done.signal() }
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if cancelled() { throw CancellationError() }
        }
        try written.wait()
    }

    /// Reads file `index` front to back, hashing each chunk, and hands the chunks over; then checks the file
    /// is unchanged and its digest is the chosen one.
    private func sendFile(_ index: Int, cancelled: () -> Bool, hand: (ByteBuffer) throws -> Void) throws {
        let file = files[index]
        do {
            // Always hashed as sent: the receipt's SHA-256 is of the bytes that left, never only of the file as chosen.
            let reader = try FileReader(
                path: file.path, name: file.uploadName, expectedSize: file.size, hashing: true,
                identity: file.identity)
            var offset: Int64 = 0
            while offset < file.size {
                if cancelled() { throw CancellationError() }
                let count = Int(Swift.min(Int64(chunkSize), file.size - offset))
                var buffer = buffers.take()
                try reader.read(at: offset, count: count, into: &buffer)
                offset += Int64(count)
                monitor.sent(count, ofFile: index)
                try hand(buffer)
            }
            try reader.checkUnchanged()
            if file.size == 0 { monitor.sent(0, ofFile: index) }
            // Every chunk was hashed as it was read: only the digest's last step is left.
            let sent = reader.sha256()
            // Same size, other bytes since the selection was hashed: stop before the closing boundary,
            // so the server never accepts a body that is not the photo that was chosen.
            if let chosen = file.sha256, chosen != sent {
                throw FileReader.contentChanged(name: file.uploadName)
            }
            monitor.finished(file: index, sha256: sent)
        } catch let problem as FileProblem {
            monitor.fail(problem)
            throw problem
        }
    }
}
