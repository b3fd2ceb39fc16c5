import NIOCore
import NIOHTTPTypes

/// A slow link in front of one connection: reads from the socket are paced so that, on average, no more than
/// `bytesPerSecond` come in, and the kernel's small receive buffer then slows the sender through TCP flow control.
///
/// Pacing the socket's reads (not the handler's consumption of the body) keeps the link smooth: the body stream
/// buffers tens of kilobytes ahead of its reader and refills only when nearly empty, so a pace kept there let
/// bursts in and then stood still for seconds.
enum BandwidthThrottle {
    /// Kernel receive buffer of a throttled connection. A slow link holds only a few kilobytes in flight:
    /// without this the server's own buffers would take hundreds of kilobytes at once and the sender would
    /// see them leave at loopback speed.
    static let receiveBufferBytes = 8 * 1024
    /// Bytes read from a throttled connection at a time.
    static let readBytes = 4 * 1024

    /// Narrows the listening socket's receive buffer: every accepted connection inherits it from the start.
    static func narrowListener(_ channel: any Channel) async {
        try? await channel.setOption(
            ChannelOptions.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferBytes)
        ).get()
    }
}

/// Holds each socket read back until the request body bytes already read have had their time on the link. One
/// per connection, from its start: small reads, one at a time, so nothing arrives ahead of the pace.
final class ReadPacer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = Any

    private let nanosecondsPerByte: Double
    /// When the link is free again for the next read.
    private var freeAt = NIODeadline.now()
    private var heldRead: Scheduled<Void>?

    init(bytesPerSecond: Int) {
        nanosecondsPerByte = 1e9 / Double(max(1, bytesPerSecond))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let options = context.channel.syncOptions
        try? options?.setOption(
            ChannelOptions.recvAllocator,
            value: FixedSizeRecvByteBufferAllocator(capacity: BandwidthThrottle.readBytes))
        try? options?.setOption(ChannelOptions.maxMessagesPerRead, value: 1)
        try? options?.setOption(
            ChannelOptions.socketOption(.so_rcvbuf), value: SocketOptionValue(BandwidthThrottle.receiveBufferBytes))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .body(let body) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let bytes = body.readableBytes
        freeAt = max(freeAt, .now()) + .nanoseconds(Int64(Double(bytes) * nanosecondsPerByte))
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard heldRead == nil else { return }
        if freeAt <= .now() {
            context.read()
            return
        }
        heldRead = context.eventLoop.scheduleTask(deadline: freeAt) { [weak self] in
            self?.heldRead = nil
            context.read()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        heldRead?.cancel()
        heldRead = nil
    }
}
