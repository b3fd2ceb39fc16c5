import InspektCore
import Synchronization

/// Watches one request: when bytes last moved (for the stall watchdog) and how far each file got (for progress).
final class TransferMonitor: Sendable {
    private struct State {
        var progress: UploadProgress
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
    private let report: @Sendable (UploadProgress) -> Void
    private let fileSent: @Sendable (Int, String) -> Void
    private let wire: @Sendable (UploadWireEvent) -> Void

    init(
        files: [UploadFile], report: @escaping @Sendable (UploadProgress) -> Void = { _ in },
        fileSent: @escaping @Sendable (Int, String) -> Void = { _, _ in },
        wire: @escaping @Sendable (UploadWireEvent) -> Void = { _ in }
    ) {
        let progress = UploadProgress(files: files.map { .init(name: $0.uploadName, sent: 0, total: $0.size) })
        state = Mutex(State(progress: progress, lastActivity: .now, startedAt: .now, digests: Array(repeating: nil, count: files.count)))
        self.report = report
        self.fileSent = fileSent
        self.wire = wire
    }

    /// The body's end was written and flushed to the socket (not merely read from disk).
    func bodyFlushed() {
        touch()
        wire(.bodyFlushed)
    }

    /// The reply's head arrived.
    func replyHead(status: Int) {
        touch()
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

    /// `count` bytes of file `index` were handed to the connection.
    func sent(_ count: Int, ofFile index: Int) {
        let snapshot: UploadProgress? = state.withLock { state in
            let now = ContinuousClock.now
            state.lastActivity = now
            guard state.progress.files.indices.contains(index) else { return nil }
            let starting = state.progress.current != index
            state.progress.current = index
            state.progress.files[index].sent += Int64(count)
            let finished = state.progress.files[index].sent >= state.progress.files[index].total
            if starting || finished || state.lastReport.map({ now - $0 >= Self.reportInterval }) ?? true {
                state.lastReport = now
                return state.progress
            }
            return nil
        }
        if let snapshot { report(snapshot) }
    }

    /// Every file was handed over.
    func finishedFiles() {
        let snapshot = state.withLock { state in
            state.lastActivity = .now
            state.progress.current = nil
            return state.progress
        }
        report(snapshot)
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
