import InspektCore
import Synchronization

/// Watches one request: when bytes last moved (for the stall watchdog) and how far each file got (for progress).
///
/// Progress counts the body bytes the server has taken, not those handed to the kernel: the bytes written to
/// the connection less those still in its send queue (`SocketSendQueue`). On a slow link the kernel's buffers
/// hold hundreds of kilobytes, which a count of written bytes would show as sent in the first second.
final class TransferMonitor: Sendable {
    private struct State {
        var progress: UploadProgress
        /// Body bytes whose write to the connection completed.
        var written: Int64 = 0
        /// Body bytes the server has taken: written and no longer queued; never goes back.
        var taken: Int64 = 0
        var queue: SocketSendQueue?
        var probed = false
        var lastProbe: ContinuousClock.Instant?
        var reportedComplete = false
        var lastActivity: ContinuousClock.Instant
        var lastReport: ContinuousClock.Instant?
        var fileFailure: FileProblem?
        var stalled = false
        var unreachable = false
        var headSent = false
        let startedAt: ContinuousClock.Instant
        var digests: [String?]
        var bodyStartedAt: ContinuousClock.Instant?
    }

    /// Progress is reported at most this often, and always when a file starts or ends.
    static let reportInterval: Duration = .milliseconds(50)

    private let state: Mutex<State>
    private let ranges: BodyFileRanges
    /// The server's port, to find the connection's socket; nil counts written bytes only.
    private let peerPort: Int?
    /// The request's multipart boundary, by which its connection tells its local port (`UploadConnections`).
    private let boundary: String?
    private let report: @Sendable (UploadProgress) -> Void
    private let fileSent: @Sendable (Int, String) -> Void
    private let wire: @Sendable (UploadWireEvent) -> Void

    init(
        files: [UploadFile], ranges: BodyFileRanges? = nil, peerPort: Int? = nil, boundary: String? = nil,
        report: @escaping @Sendable (UploadProgress) -> Void = { _ in },
        fileSent: @escaping @Sendable (Int, String) -> Void = { _, _ in },
        wire: @escaping @Sendable (UploadWireEvent) -> Void = { _ in }
    ) {
        let progress = UploadProgress(files: files.map { .init(name: $0.uploadName, sent: 0, total: $0.size) })
        state = Mutex(
            State(
                progress: progress, lastActivity: .now, startedAt: .now,
                digests: Array(repeating: nil, count: files.count)))
        self.ranges = ranges ?? BodyFileRanges(files: files)
        self.peerPort = peerPort
        self.boundary = boundary
        self.report = report
        self.fileSent = fileSent
        self.wire = wire
    }

    /// The request ended: its connection is no longer followed (another upload may find it).
    func releaseConnection() {
        if let boundary { UploadConnections.forget(boundary: boundary) }
        state.withLock { state in
            state.queue?.release()
            state.queue = nil
        }
    }

    /// The body's end was written and flushed to the socket (not merely read from disk).
    func bodyFlushed() {
        touch()
        wire(.bodyFlushed)
    }

    /// The reply's head arrived; a success means the server took the whole body.
    func replyHead(status: Int) {
        touch()
        if (200..<300).contains(status) { advance(taken: ranges.bodyLength) }
        wire(.replyHead(status: status))
    }

    /// The first byte of the body is about to leave: the upload phase starts (once per request).
    func bodyStarted() {
        state.withLock { state in
            if state.bodyStartedAt == nil { state.bodyStartedAt = .now }
        }
    }

    /// When the body started to leave, if it did.
    var bodyStartedAt: ContinuousClock.Instant? { state.withLock { $0.bodyStartedAt } }

    /// File `index` was handed over whole; `sha256` is the digest of exactly those bytes.
    func finished(file index: Int, sha256: String) {
        state.withLock { state in
            if state.digests.indices.contains(index) { state.digests[index] = sha256 }
        }
        fileSent(index, sha256)
    }

    /// Each file's SHA-256 as sent; nil for files not (yet) sent whole.
    var digests: [String?] { state.withLock { $0.digests } }

    /// Bytes moved (either way): the stall clock restarts.
    func touch() {
        state.withLock { $0.lastActivity = .now }
    }

    /// Seconds since bytes last moved.
    func idleSeconds() -> Double {
        let elapsed = state.withLock { ContinuousClock.now - $0.lastActivity }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// `count` bytes of file `index` were read and handed to the connection: bytes move.
    func sent(_ count: Int, ofFile index: Int) { touch() }

    /// Every file was handed to the connection.
    func finishedFiles() { touch() }

    /// The writes of the first `bytes` of the body completed. The first one finds the connection's send
    /// queue: the socket with the local port its connection told, else the one that sent data last.
    func bodyWritten(_ bytes: Int64) {
        state.withLock { state in
            state.written = max(state.written, bytes)
            state.lastActivity = .now
        }
        refresh()
    }

    /// Finds the connection's send queue: on the first write, and again while it is not found and its local
    /// port is known (a look can miss the socket, and counting written bytes alone would show a slow link's
    /// progress in steps of whole chunks). A guess by the last sender is made only once.
    private func findQueue() {
        guard let peerPort else { return }
        let told = boundary.flatMap { UploadConnections.connection(boundary: $0)?.localPort }
        let look = state.withLock { state -> Bool in
            guard state.queue == nil, state.written > 0 else { return false }
            let now = ContinuousClock.now
            if state.probed && (told == nil || state.lastProbe.map { now - $0 < Self.probeInterval } ?? false) {
                return false
            }
            state.probed = true
            state.lastProbe = now
            return true
        }
        guard look, let queue = SocketSendQueue.find(peerPort: peerPort, localPort: told) else { return }
        state.withLock { $0.queue = queue }
    }

    /// How often a connection not yet found is looked for again.
    static let probeInterval: Duration = .milliseconds(200)

    /// Body bytes written to the connection, and of those the bytes the server has taken.
    var bodyCounts: (written: Int64, taken: Int64) { state.withLock { ($0.written, $0.taken) } }

    /// Counts again the bytes the server has taken (written less still queued) and reports them: when a
    /// file starts or ends, at the end of the body, and otherwise at most every `reportInterval`, also when
    /// nothing moved (so a rate can fall to zero).
    func refresh() {
        findQueue()
        let queue = state.withLock { $0.queue }
        let queued = queue?.queuedBytes() ?? 0
        let written = state.withLock { $0.written }
        advance(taken: written - Int64(queued))
    }

    /// Raises the count of bytes the server has taken to `bytes` (it never goes back) and reports it.
    private func advance(taken bytes: Int64) {
        guard ranges.bodyLength > 0, !ranges.names.isEmpty else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            if bytes > state.taken {
                state.taken = min(bytes, ranges.bodyLength)
                state.lastActivity = now
            }
            guard !state.reportedComplete else { return }
            let progress = ranges.progress(bodyBytes: state.taken)
            let complete = state.taken >= ranges.bodyLength
            let due = state.lastReport.map { now - $0 >= Self.reportInterval } ?? true
            guard complete || due || progress.current != state.progress.current else { return }
            state.progress = progress
            state.lastReport = now
            state.reportedComplete = complete
            // Under the lock, so reports from the event loop and from the watchdog arrive in order.
            report(progress)
        }
    }

    var progress: UploadProgress { state.withLock { $0.progress } }

    func fail(_ problem: FileProblem) { state.withLock { $0.fileFailure = $0.fileFailure ?? problem } }
    var fileFailure: FileProblem? { state.withLock { $0.fileFailure } }

    func markStalled() { state.withLock { $0.stalled = true } }
    var isStalled: Bool { state.withLock { $0.stalled } }

    /// The request head reached the socket: a connection was made.
    func headSent() {
        state.withLock { state in
            state.headSent = true
            state.lastActivity = .now
        }
    }
    var isConnected: Bool { state.withLock { $0.headSent } }

    /// Seconds since the request was handed to the HTTP client.
    func secondsSinceStart() -> Double {
        let elapsed = state.withLock { ContinuousClock.now - $0.startedAt }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// No connection could be made in time: whatever the HTTP client says next, the server was unreachable.
    func markUnreachable() { state.withLock { $0.unreachable = true } }
    var isUnreachable: Bool { state.withLock { $0.unreachable } }
}
