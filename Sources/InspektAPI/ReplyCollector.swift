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
    }

    private let monitor: TransferMonitor
    private let maxBytes: Int
    private let state = Mutex(State())

    init(monitor: TransferMonitor, maxBytes: Int) {
        self.monitor = monitor
        self.maxBytes = maxBytes
    }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        // The head left on a connection: the server could be reached.
        monitor.headSent()
    }

    func didSendRequestPart(task: HTTPClient.Task<Response>, _ part: IOData) {
        // A body part reached the socket: the upload is moving.
        monitor.touch()
    }

    func didSendRequest(task: HTTPClient.Task<Response>) {
        // Called once the write of the body's end completed: the whole body is on the socket.
        monitor.bodyFlushed()
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
