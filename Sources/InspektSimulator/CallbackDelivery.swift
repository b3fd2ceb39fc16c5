import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// POSTs result documents to a `callback_url` over plain HTTP, retrying a failed delivery as Inspektlabs does.
enum CallbackDelivery {
    enum DeliveryError: Error, CustomStringConvertible {
        case unsupportedURL(String)
        case noReply
        case timedOut

        var description: String {
            switch self {
            case .unsupportedURL(let url): "cannot deliver to \(url): only http:// URLs are supported"
            case .noReply: "the receiver closed the connection without a reply"
            case .timedOut: "the receiver did not answer in time"
            }
        }
    }

    /// Tries once, then `retries` more times `interval` seconds apart while the receiver answers non-2xx or fails.
    /// Returns true when a 2xx was received.
    @discardableResult
    static func deliver(
        _ document: Data, to url: String, headers: [(String, String)] = [], retries: Int, interval: Double,
        logger: Logger
    ) async throws -> Bool {
        for attempt in 0...max(0, retries) {
            if attempt > 0 { try await Task.sleep(for: .seconds(interval)) }
            do {
                let (status, elapsed) = try await post(document, to: url, headers: headers)
                if (200..<300).contains(status) {
                    // Connect to status line, as a receiver's operator would measure it (scripts/bench-fleet).
                    let milliseconds =
                        Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                    logger.info(
                        "result delivered",
                        metadata: [
                            "attempt": "\(attempt + 1)", "status": "\(status)", "url": "\(url)",
                            "ms": "\(String(format: "%.2f", milliseconds))",
                        ])
                    return true
                }
                logger.info("result delivery refused", metadata: ["attempt": "\(attempt + 1)", "status": "\(status)"])
            } catch let error as DeliveryError {
                if case .unsupportedURL = error {
                    logger.warning("result not delivered", metadata: ["reason": "\(error)"])
                    return false
                }
                logger.info("result delivery failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.info("result delivery failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
            }
        }
        return false
    }

    /// Deliveries have a thread of their own, as Inspektlabs' delivery workers are not its upload servers: a
    /// receiver's answer is read when it comes, not after the uploads the simulator is busy taking in.
    static let deliveryThread = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// One POST; returns the reply's status code and the time from the start of the connect to the status line.
    /// Both ends are taken on the delivery thread, so the figure is the receiver's and the link's, not how long
    /// this process took to get back to the waiting task.
    static func post(
        _ body: Data, to url: String, headers: [(String, String)] = [], timeout: Double = 30
    ) async throws -> (status: Int, elapsed: Duration) {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty
        else { throw DeliveryError.unsupportedURL(url) }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        var head = HTTPRequestHead(
            version: .http1_1, method: .POST, uri: components.percentEncodedQuery.map { path + "?" + $0 } ?? path)
        head.headers.add(name: "Host", value: components.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: "\(body.count)")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "User-Agent", value: "inspekt-simulator")
        for (name, value) in headers { head.headers.add(name: name, value: value) }

        let loop = deliveryThread.next()
        let reply = loop.makePromise(of: Int.self)
        let started = ContinuousClock.now
        let request = head
        let connected = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusLineHandler(reply: reply))
                }
            }
            .connect(host: host, port: components.port ?? 80)
        connected.whenSuccess { channel in
            channel.write(HTTPClientRequestPart.head(request), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        connected.whenFailure { reply.fail($0) }
        let deadline = loop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            reply.fail(DeliveryError.timedOut)
        }
        let timed = reply.futureResult.map { status in (status, ContinuousClock.now - started) }
        timed.whenComplete { _ in
            deadline.cancel()
            connected.whenSuccess { $0.close(promise: nil) }
        }
        return try await withTaskCancellationHandler {
            try await timed.get()
        } onCancel: {
            reply.fail(CancellationError())
        }
    }

    /// Completes `reply` with the status of the first response head; a connection closed before it fails it.
    private final class StatusLineHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPClientResponsePart
        private let reply: EventLoopPromise<Int>

        init(reply: EventLoopPromise<Int>) { self.reply = reply }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head(let response) = unwrapInboundIn(data) { reply.succeed(Int(response.status.code)) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            reply.fail(DeliveryError.noReply)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            reply.fail(error)
            context.close(promise: nil)
        }
    }
}
