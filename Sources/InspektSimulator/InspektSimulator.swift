import Crypto
import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import Logging
import NIOCore
import NIOPosix
// ServiceLifecycle comes with Hummingbird; imported for a graceful stop (a cancelled server logs errors).
import ServiceLifecycle
import Synchronization

/// A local Inspektlabs: the API of API.md over HTTP, with its rules and messages, result callbacks and injected faults.
public actor InspektSimulator {
    public nonisolated let configuration: SimulatorConfiguration
    nonisolated let logger: Logger
    nonisolated let tokens: JSONWebToken

    var random: SeededRandom
    /// Sessions handed out by `/api/authenticate` (and its incremental twin); only these may be used.
    var issued: Set<String> = []
    /// Sessions whose upload (or comparison) was accepted: single use, never again.
    var spent: Set<String> = []
    /// The API key (the account) each issued session belongs to.
    var accounts: [String: String] = [:]
    var entries: [LedgerEntry] = []
    var dropsDone = 0
    /// Replies to accepted comparisons dropped so far (`SimulatorConfiguration.comparisonReplyDrops`).
    var comparisonDropsDone = 0
    var gatewayErrorsDone = 0
    var comparisonGatewayErrorsDone = 0
    var uploadServerErrorsDone = 0
    var comparisonServerErrorsDone = 0
    var sessionCounter = 0
    /// Upload body bytes read so far, over every request: a test sees an upload under way by it.
    private nonisolated let uploadBytes = Mutex<Int64>(0)
    /// The port bound while listening; nil before `start()` and after `stop()`.
    public private(set) var listeningPort: Int?
    private var serverTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?
    var deliveries: [Int: Task<Void, Never>] = [:]
    var nextDeliveryID = 0
    /// Connections that carried a request: `stop()` closes them, since an idle keep-alive one would outlive the server.
    private var connections: [ObjectIdentifier: any Channel] = [:]

    /// Creates a simulator; nothing listens until `start()` or `run()`.
    public init(configuration: SimulatorConfiguration, logger: Logger = Logger(label: "inspekt.simulator")) {
        self.configuration = configuration
        self.logger = logger
        tokens = JSONWebToken(keyBytes: (0..<32).map { _ in UInt8.random(in: .min ... .max) })
        random = SeededRandom(seed: configuration.seed ?? UInt64.random(in: .min ... .max))
    }

    // MARK: Lifecycle

    /// Starts listening and returns the bound port (useful with port 0).
    public func start() async throws -> Int {
        if serverTask != nil { throw SimulatorError.alreadyStarted }
        // HummingbirdCore's server directly (not Application): the upload needs the response writer
        // for `100 Continue` and the channel for dropped replies.
        // A port that is taken throws here and leaves the simulator startable again.
        let launch = try await ServerLaunch.start(logger: logger) { announce in
            // With a bandwidth, every connection reads through a slow link of its own.
            let pacer: @Sendable () -> [any RemovableChannelHandler] = { [bandwidth = configuration.bandwidth] in
                bandwidth.map { [ReadPacer(bytesPerSecond: $0)] } ?? []
            }
            return try HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: pacer())).buildServer(
                configuration: ServerConfiguration(address: .hostname(configuration.host, port: configuration.port)),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: logger,
                responder: { [self] request, writer, channel in
                    await self.track(channel)
                    let response = try await self.respond(to: request, channel: channel, writer: writer)
                    try await writer.write(response: response.head, body: response.body)
                },
                onServerRunning: { [bandwidth = configuration.bandwidth] channel in
                    if bandwidth != nil { await BandwidthThrottle.narrowListener(channel) }
                    announce(channel)
                }
            )
        }
        serviceGroup = launch.group
        serverTask = launch.task
        logger.info("simulator listening", metadata: ["host": "\(configuration.host)", "port": "\(launch.port)"])
        listeningPort = launch.port
        return launch.port
    }

    /// Serves until the calling task is cancelled (then stops gracefully), or the server fails.
    public func run() async throws {
        _ = try await start()
        let task = serverTask
        try await withTaskCancellationHandler {
            try await task?.value
        } onCancel: {
            Task { await self.stop() }
        }
    }

    /// Stops listening, closes every connection (as a server that goes away) and abandons pending result deliveries.
    public func stop() async {
        let task = serverTask
        let group = serviceGroup
        serverTask = nil
        serviceGroup = nil
        listeningPort = nil
        await group?.triggerGracefulShutdown()
        for channel in connections.values { channel.close(promise: nil) }
        connections = [:]
        if let task {
            // A request still streaming in (a throttled upload) must not hold the stop for long.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(2))
                task.cancel()
            }
            _ = await task.result
            watchdog.cancel()
        }
        for delivery in deliveries.values { delivery.cancel() }
        deliveries = [:]
    }

    private func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        guard connections[id] == nil else { return }
        connections[id] = channel
        channel.closeFuture.whenComplete { [weak self] _ in
            Task { await self?.untrack(id) }
        }
    }

    private func untrack(_ id: ObjectIdentifier) { connections[id] = nil }

    /// Upload body bytes read so far, over every request (accepted, refused or cut off).
    public nonisolated var uploadBytesReceived: Int64 { uploadBytes.withLock { $0 } }

    /// Counts upload body bytes as they are read.
    nonisolated func received(uploadBytes count: Int) { uploadBytes.withLock { $0 += Int64(count) } }

    /// Every accepted inspection, oldest first.
    public func ledger() -> [LedgerEntry] { entries }

    /// How many sessions `/api/authenticate` (and its incremental twin) handed out.
    public func sessionsIssued() -> Int { issued.count }
}
