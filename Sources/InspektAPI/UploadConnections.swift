import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Which local port and event loop each upload's request left from, told by the connection that carried it. The
/// HTTP client does not say which of its connections carries a request, and an upload's progress follows that one
/// connection's send queue (`SocketSendQueue`): with two uploads at once, guessing picked the other's. Its reading
/// thread shares that loop's CPU (`UploadCore`).
public enum UploadConnections {
    /// The connection that sent each upload's request: its local port and the event loop that writes it.
    struct Connection: Sendable {
        var localPort: Int
        var loop: any EventLoop
    }

    /// Connections by multipart boundary (unique to each upload's request).
    private static let connections = Mutex<[String: Connection]>([:])

    /// The program's HTTP client: HTTP/1.1, so that each upload has a connection (and a send queue) of its own,
    /// and every connection tells the boundary of each request it sends.
    public static let httpClient = makeHTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)

    /// An HTTP client whose connections tell their local port and event loop, as the program's does, on `group`.
    public static func makeHTTPClient(eventLoopGroup group: any EventLoopGroup) -> HTTPClient {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.httpVersion = .http1Only
        configuration.http1_1ConnectionDebugInitializer = { channel in
            channel.eventLoop.submit {
                let pipeline = channel.pipeline.syncOperations
                try pipeline.addHandler(
                    BoundaryTeller(), position: .after(try pipeline.handler(type: HTTPRequestEncoder.self)))
            }
        }
        return HTTPClient(eventLoopGroup: group, configuration: configuration)
    }

    /// The connection that sent the request with this multipart boundary, once its head left.
    static func connection(boundary: String) -> Connection? { connections.withLock { $0[boundary] } }

    static func forget(boundary: String) { _ = connections.withLock { $0.removeValue(forKey: boundary) } }

    /// Sits before the request encoder of a connection and notes its local port and event loop for each multipart
    /// request.
    private final class BoundaryTeller: ChannelOutboundHandler {
        typealias OutboundIn = HTTPClientRequestPart
        typealias OutboundOut = HTTPClientRequestPart

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .head(let head) = unwrapOutboundIn(data), let type = head.headers.first(name: "Content-Type"),
                let marker = type.range(of: "boundary="), let port = context.channel.localAddress?.port
            {
                let boundary = String(type[marker.upperBound...])
                let connection = Connection(localPort: port, loop: context.eventLoop)
                UploadConnections.connections.withLock { $0[boundary] = connection }
            }
            context.write(data, promise: promise)
        }
    }
}
