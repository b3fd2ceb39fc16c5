import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Synchronization

/// Follows one upload attempt: turns byte progress into events (at most ~10 a second), keeps each file's
/// digest as sent, and notes what the connection did — when the body's end was flushed to the socket
/// (recorded in the store at once: from then on the attempt may have been accepted) and when the reply began.
final class UploadProgressTracker: Sendable {
    private struct State {
        var lastPublished = Date.distantPast
        var lastCurrent: Int?
        var digests: [Int: String] = [:]
        var bodyFlushed = false
        var replyStatus: Int?
        var replyAfterFlush = false
        /// Writing "body sent" into the store: off the connection's event loop, awaited before any decision.
        var recording: Task<Bool, Never>?
    }

    private let inspectionID: String
    private let session: String
    private let store: any InspectionStore
    private let hub: EventHub
    private let state = Mutex(State())

    init(inspectionID: String, session: String, store: any InspectionStore, hub: EventHub) {
        self.inspectionID = inspectionID
        self.session = session
        self.store = store
        self.hub = hub
    }

    /// The whole body was written and flushed to the socket.
    var bodyFlushed: Bool { state.withLock { $0.bodyFlushed } }
    /// The status of the reply's head, if one came.
    var replyStatus: Int? { state.withLock { $0.replyStatus } }
    /// The server had time to read the whole body: its reply (or its silence) came after the flush.
    var serverHadTimeToRead: Bool { state.withLock { $0.bodyFlushed && ($0.replyStatus == nil || $0.replyAfterFlush) } }
    /// Whether this attempt wrote "body sent" for its session into the store (waits for the write).
    func recordedBodySent() async -> Bool {
        guard let recording = state.withLock({ $0.recording }) else { return false }
        return await recording.value
    }

    /// File `index` left whole with this digest.
    func fileSent(_ index: Int, sha256: String) { state.withLock { $0.digests[index] = sha256 } }

    /// Every file's digest as sent by this attempt, or nil when some file did not leave whole.
    func completeDigests(count: Int) -> [String]? {
        state.withLock { state in
            let digests = (0..<count).compactMap { state.digests[$0] }
            return digests.count == count ? digests : nil
        }
    }

    /// The closing boundary is about to leave: `write` notes "body sent" first (awaited), so that from the moment
    /// the server can have the whole body, a crash finds the session maybe accepted, never one to replace.
    func bodyEnding(_ write: @Sendable () async throws -> Void) async throws {
        do {
            try await write()
            state.withLock { $0.recording = Task { true } }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A store that cannot write at all (a full disk): the body goes on, the flush tries again, and an
            // acceptance that cannot be recorded is said as such.
        }
    }

    func wire(_ event: UploadWireEvent) {
        switch event {
        case .bodyFlushed:
            // Noted before the closing boundary left (`bodyEnding`); written here only when that was not asked.
            // Not on the event loop that reports it (a locked database would stall every connection).
            let store = self.store
            let session = self.session
            state.withLock { state in
                guard !state.bodyFlushed else { return }
                state.bodyFlushed = true
                if state.recording == nil {
                    state.recording = Task.detached { (try? store.markBodySent(session: session)) != nil }
                }
            }
        case .replyHead(let status):
            state.withLock { state in
                if state.replyStatus == nil {
                    state.replyStatus = status
                    state.replyAfterFlush = state.bodyFlushed
                }
            }
        }
    }

    func report(_ progress: UploadProgress) {
        let complete = progress.total > 0 && progress.sent >= progress.total
        let publish = state.withLock { state -> Bool in
            let now = Date()
            let publish =
                complete || progress.current != state.lastCurrent || now.timeIntervalSince(state.lastPublished) >= 0.1
            if publish {
                state.lastPublished = now
                state.lastCurrent = progress.current
            }
            return publish
        }
        if publish { hub.publish(.uploadProgress(inspectionID: inspectionID, progress)) }
    }
}
