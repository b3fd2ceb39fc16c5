import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A local Q Score host (API.md §6): its own listener, sessions and token key, apart from the damage API's, so
/// that a Q Score session can never be used for an upload nor an upload session for a Q Score.
public actor QScoreSimulator {
    public nonisolated let configuration: QScoreConfiguration
    nonisolated let logger: Logger
    nonisolated let tokens: JSONWebToken
    /// Sessions this host handed out; only these may ask about a photo.
    var issued: Set<String> = []
    var sessionCounter = 0
    /// Every photo scored (or refused) so far, in the order asked: what a test counts.
    var asked: [QScoreRequestRecord] = []
    public private(set) var listeningPort: Int?
    private var serverTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?

    public init(configuration: QScoreConfiguration, logger: Logger = Logger(label: "inspekt.simulator.qscore")) {
        self.configuration = configuration
        self.logger = logger
        tokens = JSONWebToken(keyBytes: (0..<32).map { _ in UInt8.random(in: .min ... .max) })
    }

    /// Starts listening and returns the bound port.
    public func start() async throws -> Int {
        if serverTask != nil { throw SimulatorError.alreadyStarted }
        let launch = try await ServerLaunch.start(logger: logger) { announce in
            try HTTPServerBuilder.http1().buildServer(
                configuration: ServerConfiguration(address: .hostname(configuration.host, port: configuration.port)),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: logger,
                responder: { [self] request, writer, _ in
                    let response = await self.respond(to: request)
                    try await writer.write(response: response.head, body: response.body)
                },
                onServerRunning: { channel in announce(channel) }
            )
        }
        serviceGroup = launch.group
        serverTask = launch.task
        logger.info("q score simulator listening", metadata: ["port": "\(launch.port)"])
        listeningPort = launch.port
        return launch.port
    }

    /// Stops listening; a request held by the `slow` fault is cut off.
    public func stop() async {
        let task = serverTask
        let group = serviceGroup
        serverTask = nil
        serviceGroup = nil
        listeningPort = nil
        await group?.triggerGracefulShutdown()
        if let task {
            let watchdog = Task {
                try await Task.sleep(for: .seconds(1))
                task.cancel()
            }
            _ = await task.result
            watchdog.cancel()
        }
    }

    /// Every `/api/q_score` request that reached the photo checks, oldest first.
    public func requests() -> [QScoreRequestRecord] { asked }

    /// How many sessions its `/api/authenticate` handed out.
    public func sessionsIssued() -> Int { issued.count }

    func record(_ entry: QScoreRequestRecord) { asked.append(entry) }

    func issueSession() -> (session: String, access: String, refresh: String) {
        sessionCounter += 1
        let now = Date()
        // Its own prefix: a Q Score session looks like no inspection id.
        let session = "qs\(Int.random(in: 1000...9999))\(sessionCounter)\(InspektSimulator.timestamp(now))"
        issued.insert(session)
        let iat = Int(now.timeIntervalSince1970)
        let exp = Int((now.timeIntervalSince1970 + configuration.tokenTTL).rounded(.down))
        func token(_ role: JSONWebToken.Role) -> String {
            tokens.sign(
                .init(
                    sub: session, session: session, role: role, iat: iat, exp: exp, jti: UUID().uuidString.lowercased())
            )
        }
        return (session, token(.access), token(.refresh))
    }

    func isIssued(_ session: String) -> Bool { issued.contains(session) }
}

/// One photo Q Score was asked about: its `photo_tag`, its bytes' SHA-256, and the HTTP status answered.
public struct QScoreRequestRecord: Sendable, Hashable {
    public var photoTag: String
    public var fileName: String
    public var sha256: String
    public var status: Int
}
