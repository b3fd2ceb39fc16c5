import Hummingbird
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The receiver's open connections, at most `capacity`. At the cap a newcomer takes the place of the
/// connection idle longest (one that never finished its request head, or waits between requests), so that
/// stalled clients cannot keep a real delivery out; only when every connection is serving a request is the
/// newcomer refused.
final class ConnectionRoster: Sendable {
    private struct Entry {
        let channel: any Channel
        /// Requests read and not yet answered; a connection with none can give way.
        var requests = 0
        /// Order in which connections became idle: the smallest gives way first.
        var idleSince: UInt64
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var ticks: UInt64 = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Connections open, and of them those serving a request.
    var counts: (open: Int, serving: Int) {
        state.withLock { ($0.entries.count, $0.entries.values.filter { $0.requests > 0 }.count) }
    }

    /// Takes `channel` in, closing the connection idle longest if the roster is full; false when all are busy.
    func admit(_ channel: any Channel) -> Bool {
        let (admitted, evicted) = state.withLock { state -> (Bool, (any Channel)?) in
            var evicted: (any Channel)?
            if state.entries.count >= capacity {
                // One pass, no copy: this runs for every connection past the cap.
                var oldest: (key: ObjectIdentifier, since: UInt64)?
                for (key, entry) in state.entries where entry.requests == 0 && entry.idleSince < (oldest?.since ?? .max)
                {
                    oldest = (key, entry.idleSince)
                }
                guard let oldest else { return (false, nil) }
                evicted = state.entries.removeValue(forKey: oldest.key)?.channel
            }
            state.ticks += 1
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: state.ticks)
            return (true, evicted)
        }
        evicted?.close(promise: nil)
        return admitted
    }

    /// A request head was read on `channel`.
    func requestStarted(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.requests += 1 }
    }

    /// A response was written to its end on `channel`.
    func requestAnswered(_ channel: any Channel) {
        state.withLock { state in
            let key = ObjectIdentifier(channel)
            guard var entry = state.entries[key] else { return }
            entry.requests = max(0, entry.requests - 1)
            if entry.requests == 0 {
                state.ticks += 1
                entry.idleSince = state.ticks
            }
            state.entries[key] = entry
        }
    }

    func leave(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}

/// One connection's place in the `ConnectionRoster`: taken when it opens, given back when it closes; a
/// connection refused a place answers its first request with a 503 and closes.
final class ConnectionCapHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Place { case pending, admitted, refused, gone }

    private let roster: ConnectionRoster
    private var place = Place.pending

    init(roster: ConnectionRoster) { self.roster = roster }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arrive(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arrive(context)
        context.fireChannelActive()
    }

    private func arrive(_ context: ChannelHandlerContext) {
        guard place == .pending else { return }
        place = roster.admit(context.channel) ? .admitted : .refused
    }

    func channelInactive(context: ChannelHandlerContext) {
        depart(context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { depart(context) }

    private func depart(_ context: ChannelHandlerContext) {
        if place == .admitted { roster.leave(context.channel) }
        place = .gone
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard place != .refused else {
            if case .head = part { refuse(context) }
            return
        }
        if case .head = part { roster.requestStarted(context.channel) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), place == .admitted { roster.requestAnswered(context.channel) }
        context.write(data, promise: promise)
    }

    /// Every place is serving a request: a 503 says to come again, as for a store that cannot write.
    private func refuse(_ context: ChannelHandlerContext) {
        let body = ByteBuffer(string: #"{"message":"The receiver is busy; deliver again later.","status":"error"}"#)
        let head = HTTPResponse(
            status: .serviceUnavailable,
            headerFields: [
                .contentType: "application/json", .contentLength: "\(body.readableBytes)", .connection: "close",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }
}
