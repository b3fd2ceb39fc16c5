import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Collects a (small) reply and tells the stall watchdog whenever bytes move either way.
final class ReplyCollector: HTTPClientResponseDelegate {
    typealias Response = InspektlabsClient.Reply

    private struct State {
        var status = 0
        var body = ByteBuffer()
        var bodyBytesWritten: Int64 = 0
        var flushReported = false
    }

    private let monitor: TransferMonitor
    private let maxBytes: Int
    /// Length of the request body, when the caller wants to hear the moment all of it was written.
    private let bodyBytes: Int64?
    private let state = Mutex(State())

    init(monitor: TransferMonitor, maxBytes: Int, bodyBytes: Int64? = nil) {
        self.monitor = monitor
        self.maxBytes = maxBytes
        self.bodyBytes = bodyBytes
    }

    /// Reports the flush once: from the last part's completed write (in order with the reply), or at the latest
    /// from `didSendRequest`.
    private func reportFlushOnce() {
        let first = state.withLock { state -> Bool in
            defer { state.flushReported = true }
            return !state.flushReported
        }
        if first { monitor.bodyFlushed() }
    }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        // The head left on a connection: the server could be reached.
        monitor.headSent()
    }

    func didSendRequestPart(task: HTTPClient.Task<Response>, _ part: IOData) {
        // A body part's write completed (it is on the socket): the upload is moving.
        monitor.touch()
        guard let bodyBytes else { return }
        let written = state.withLock { state -> Int64 in
            state.bodyBytesWritten += Int64(part.readableBytes)
            return state.bodyBytesWritten
        }
        monitor.bodyWritten(written)
        // The last byte's write completed: the whole body is on the socket. This comes in order with the
        // reply, unlike `didSendRequest`, which the body stream's completion can delay past the reply's head.
        if written >= bodyBytes { reportFlushOnce() }
    }

    func didSendRequest(task: HTTPClient.Task<Response>) {
        if bodyBytes != nil { reportFlushOnce() }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { $0.status = Int(head.status.code) }
        monitor.replyHead(status: Int(head.status.code))
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        monitor.touch()
        let fits: Bool = state.withLock { state in
            guard state.body.readableBytes + buffer.readableBytes <= maxBytes else { return false }
            var buffer = buffer
            state.body.writeBuffer(&buffer)
            return true
        }
        if fits { return task.eventLoop.makeSucceededVoidFuture() }
        let status = state.withLock { $0.status }
        // After a 2xx the status alone means accepted: an oversized body is dropped, not an error.
        if (200..<300).contains(status) { return task.eventLoop.makeSucceededVoidFuture() }
        return task.eventLoop.makeFailedFuture(APIError.unexpected(status: status, message: "reply too large"))
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        state.withLock { InspektlabsClient.Reply(status: $0.status, body: $0.body) }
    }
}
