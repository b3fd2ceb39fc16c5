import NIOCore

/// Paces reading so that, on average, no more than `bytesPerSecond` are consumed.
///
/// Reading slower makes the server's socket buffer fill, and TCP flow control then slows the sender:
/// an upload to a throttled simulator really takes time, as over a slow link.
struct BandwidthThrottle: Sendable {
    let bytesPerSecond: Int?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var consumed = 0

    init(bytesPerSecond: Int?) {
        self.bytesPerSecond = bytesPerSecond
        started = clock.now
    }

    /// Records `count` bytes read and sleeps until the average rate is back under the limit.
    mutating func consumed(_ count: Int) async throws {
        guard let bytesPerSecond, bytesPerSecond > 0 else { return }
        consumed += count
        let due = started + .seconds(Double(consumed) / Double(bytesPerSecond))
        if due > clock.now { try await Task.sleep(until: due, clock: clock) }
    }

    /// Kernel receive buffer of a throttled connection. A slow link holds only a few kilobytes in flight:
    /// without this the server's own buffers would take hundreds of kilobytes at once and the sender would
    /// see them leave at loopback speed.
    static let receiveBufferBytes = 8 * 1024
    /// Bytes read from a throttled connection at a time, so the server's queue of read chunks stays small.
    static let readBytes = 4 * 1024

    /// Narrows the listening socket's receive buffer: every accepted connection inherits it from the start.
    static func narrowListener(_ channel: any Channel) async {
        try? await channel.setOption(
            ChannelOptions.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferBytes)
        ).get()
    }

    /// Reads a throttled connection in small pieces.
    static func narrowReads(_ channel: any Channel) async {
        try? await channel.setOption(
            ChannelOptions.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: readBytes)
        ).get()
        try? await channel.setOption(
            ChannelOptions.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferBytes)
        ).get()
    }
}
