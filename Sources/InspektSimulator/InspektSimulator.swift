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

/// A local Inspektlabs: the API of API.md over HTTP, with its rules and messages, result callbacks and injected faults.
public actor InspektSimulator {
    public nonisolated let configuration: SimulatorConfiguration
    nonisolated let logger: Logger
    private nonisolated let tokens: JSONWebToken

    private var random: SeededRandom
    /// Sessions handed out by `/api/authenticate` (and its incremental twin); only these may be used.
    var issued: Set<String> = []
    /// Sessions whose upload (or comparison) was accepted: single use, never again.
    var spent: Set<String> = []
    /// The API key (the account) each issued session belongs to.
    var accounts: [String: String] = [:]
    var entries: [LedgerEntry] = []
    private var dropsDone = 0
    /// Replies to accepted comparisons dropped so far (`SimulatorConfiguration.comparisonReplyDrops`).
    var comparisonDropsDone = 0
    private var gatewayErrorsDone = 0
    private var sessionCounter = 0
    private var serverTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?
    private var deliveries: [Int: Task<Void, Never>] = [:]
    private var nextDeliveryID = 0
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
        let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        // HummingbirdCore's server directly (not Application): the upload needs the response writer
        // for `100 Continue` and the channel for dropped replies.
        let server = try HTTPServerBuilder.http1().buildServer(
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
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }
        )
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        serviceGroup = group
        serverTask = Task {
            do {
                try await group.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        do {
            for try await port in ports {
                logger.info("simulator listening", metadata: ["host": "\(configuration.host)", "port": "\(port)"])
                return port
            }
            throw SimulatorError.notListening
        } catch {
            // E.g. the port is taken: leave the simulator startable again.
            serverTask = nil
            serviceGroup = nil
            throw error
        }
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

    /// Every accepted inspection, oldest first.
    public func ledger() -> [LedgerEntry] { entries }

    // MARK: Routing

    /// The reply to one request; throws `DroppedReply` when the connection was closed instead.
    nonisolated func respond(to request: Request, channel: any Channel, writer: borrowing ResponseWriter) async throws
        -> Response
    {
        switch request.uri.path {
        case "/api/authenticate":
            guard request.method == .post else { return Self.error(.methodNotAllowed, "method not allowed") }
            return await authenticate(request)
        case "/api/upload":
            guard request.method == .post else { return Self.error(.methodNotAllowed, "method not allowed") }
            return try await upload(request, channel: channel, writer: writer)
        case "/api/authenticate/incremental_damage", "/api/incremental_damage":
            return try await respondIncremental(to: request, channel: channel)
        case "/__simulator/ledger":
            guard request.method == .get else { return Self.error(.methodNotAllowed, "method not allowed") }
            let data = (try? Ledger.encoder.encode(Ledger(inspections: await ledger()))) ?? Data("{}".utf8)
            return Self.json(.ok, data)
        default:
            return Self.error(.notFound, "not found")
        }
    }

    // MARK: Authenticate

    nonisolated func authenticate(_ request: Request) async -> Response {
        if await rollFailure() {
            _ = try? await request.body.collect(upTo: 1 << 20)
            return await reply(Self.error(.internalServerError, "Server Side Issue"))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            return await reply(Self.error(.badRequest, "Invalid API key"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let key = object["key"] as? String, !key.isEmpty
        else {
            logger.info("authenticate refused: no key in the body")
            return await reply(Self.error(.badRequest, "Invalid API key"))
        }
        guard configuration.apiKeys.contains(key) else {
            logger.info("authenticate refused: unknown key")
            return await reply(Self.error(.unauthorized, "API Key not valid"))
        }
        let grant = await issueSession(account: key)
        logger.info("session issued", metadata: ["session": "\(grant.session)"])
        let payload: [String: String] = [
            "session": grant.session, "access_token": grant.accessToken, "refresh_token": grant.refreshToken,
        ]
        return await reply(Self.json(.ok, Self.encode(payload)))
    }

    struct Grant: Sendable {
        var session: String
        var accessToken: String
        var refreshToken: String
    }

    func issueSession(account: String) -> Grant {
        sessionCounter += 1
        let now = Date()
        // `in` + digits + YYYYMMDDHHMMSS; random digits keep ids of parallel simulators apart.
        let session = "in\(Int.random(in: 1000...9999))\(sessionCounter)\(Self.timestamp(now))"
        issued.insert(session)
        accounts[session] = account
        let iat = Int(now.timeIntervalSince1970)
        // Whole seconds, rounded down: a token never lives longer than the TTL (a 2 s TTL means at most 2 s).
        let exp = Int((now.timeIntervalSince1970 + configuration.tokenTTL).rounded(.down))
        func token(_ role: JSONWebToken.Role) -> String {
            tokens.sign(
                .init(sub: session, session: session, role: role, iat: iat, exp: exp, jti: UUID().uuidString.lowercased()))
        }
        return Grant(session: session, accessToken: token(.access), refreshToken: token(.refresh))
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02d%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0)
    }

    // MARK: Upload

    /// Order of checks: injected 500 first (nothing processed), then the Bearer (401 before reading
    /// the body), then the body is read whole as a stream, then the required fields, then the session
    /// (not issued, spent, not the token's), then the files (count, type by extension and content,
    /// mixing). Session before files so that a retry after a lost reply always meets "already exists".
    nonisolated func upload(_ request: Request, channel: any Channel, writer: borrowing ResponseWriter) async throws
        -> Response
    {
        if await rollFailure() {
            var throttle = BandwidthThrottle(bytesPerSecond: configuration.bandwidth)
            do {
                for try await chunk in request.body { try await throttle.consumed(chunk.readableBytes) }
            } catch {}
            return await reply(Self.error(.internalServerError, "Server Side Issue"))
        }
        // The upload Bearer is the refresh_token; an access_token (or anything else) is refused.
        guard let claims = bearerClaims(request), claims.role == .refresh else {
            logger.info("upload refused: token invalid")
            return await reply(Self.error(.unauthorized, "token invalid"))
        }
        guard let contentType = request.headers[.contentType],
            let boundary = MultipartStreamParser.boundary(fromContentType: contentType)
        else {
            return await reply(Self.error(.badRequest, "Missing a required field"))
        }
        // curl and others wait (about a second) for this before sending a large body.
        if request.headers[.expect]?.lowercased() == "100-continue" {
            try await writer.writeInformationalHead(HTTPResponse(status: .continue))
        }

        var parser = MultipartStreamParser(boundary: boundary)
        var form = UploadForm()
        var throttle = BandwidthThrottle(bytesPerSecond: configuration.bandwidth)
        if configuration.bandwidth != nil { await BandwidthThrottle.narrowReads(channel) }
        do {
            for try await chunk in request.body {
                try parser.feed(chunk.readableBytesView) { form.handle($0) }
                try await throttle.consumed(chunk.readableBytes)
            }
            try parser.finish()
        } catch is MultipartStreamParser.ParseError {
            return await reply(Self.error(.badRequest, "Missing a required field"))
        } catch {
            logger.info("upload body not read", metadata: ["error": "\(error)"])
            return await reply(Self.error(.internalServerError, "Server Side Issue"))
        }

        guard form.field("type") == "file", let session = form.field("session"), !session.isEmpty,
            let caseID = form.field("case_id"), !caseID.isEmpty, form.fileCount > 0
        else {
            return await reply(Self.error(.badRequest, "Missing a required field"))
        }
        let fileProblem = Self.fileProblem(form)
        let callbackURL = form.field("callback_url").flatMap { $0.isEmpty ? nil : $0 }
        let outcome = await admit(
            session: session, tokenSession: claims.session, caseID: caseID, files: form.files,
            callbackURL: callbackURL, fileProblem: fileProblem)
        switch outcome {
        case .refused(let response):
            return await reply(response)
        case .accepted(let drop, let gatewayError):
            if gatewayError {
                // As a proxy in front of the service that lost the origin's reply: the upload counts, the client hears 504.
                logger.info("upload accepted, answered 504 by the gateway", metadata: ["session": "\(session)"])
                return await reply(Self.gatewayTimeout())
            }
            if drop {
                // The upload is accepted and the session spent, but the client never hears so.
                logger.info("upload accepted, reply dropped", metadata: ["session": "\(session)"])
                try? await Task.sleep(for: .seconds(configuration.latency))
                try? await channel.close()
                throw DroppedReply()
            }
            logger.info("upload accepted", metadata: ["session": "\(session)", "files": "\(form.files.count)"])
            return await reply(Self.json(.ok, Self.encode(["status": "success", "session": session])))
        }
    }

    nonisolated func bearerClaims(_ request: Request) -> JSONWebToken.Claims? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return tokens.verify(parts[1].trimmingCharacters(in: .whitespaces), now: Date())
    }

    /// The first file rule broken, as its error reply; nil when the files may be accepted.
    static func fileProblem(_ form: UploadForm) -> Response? {
        if form.fileCount > InspectionLimits.maxPhotos {
            return error(.badRequest, "Too many files: at most 99 per request")
        }
        var kinds: Set<MediaKind> = []
        for file in form.files {
            switch MediaRule.check(fileName: file.name, size: file.size, header: file.header) {
            case .success(let type):
                kinds.insert(type.kind)
            case .failure:
                return error(.badRequest, "Unsupported file type: \(file.name)")
            }
        }
        if kinds.count > 1 { return error(.badRequest, "Images and videos cannot be mixed") }
        return nil
    }

    enum Admission: Sendable {
        case refused(Response)
        case accepted(drop: Bool, gatewayError: Bool)
    }

    private func admit(
        session: String, tokenSession: String, caseID: String, files: [ReceivedFile], callbackURL: String?,
        fileProblem: Response?
    ) -> Admission {
        guard issued.contains(session) else {
            return .refused(Self.error(.badRequest, "Please hit authenticate endpoint first and use session from there"))
        }
        // Spent before the token check: a retry whose reply was lost must learn it was accepted.
        guard !spent.contains(session) else {
            return .refused(Self.error(.badRequest, "Inspection Id already exists, please generate a new one"))
        }
        guard session == tokenSession else { return .refused(Self.error(.unauthorized, "token invalid")) }
        if let fileProblem { return .refused(fileProblem) }

        spent.insert(session)
        let entry = LedgerEntry(
            caseID: caseID, session: session, files: files.map(\.ledgerFile), acceptedAt: Date(), callbackURL: callbackURL)
        entries.append(entry)
        if let callbackURL { scheduleDelivery(entry: entry, files: files, to: callbackURL) }

        if gatewayErrorsDone < configuration.gatewayErrorsAfterAccept {
            gatewayErrorsDone += 1
            return .accepted(drop: false, gatewayError: true)
        }
        var drop = false
        if configuration.maxDrops.map({ dropsDone < $0 }) ?? true, random.roll(configuration.dropRate) {
            dropsDone += 1
            drop = true
        }
        return .accepted(drop: drop, gatewayError: false)
    }

    func rollFailure() -> Bool { random.roll(configuration.failRate) }

    // MARK: Result delivery

    private func scheduleDelivery(entry: LedgerEntry, files: [ReceivedFile], to url: String) {
        scheduleDelivery(SimulatedResult.document(for: entry, files: files), session: entry.session, to: url)
    }

    /// POSTs `document` to `url` after the processing delay, retried as Inspektlabs does.
    func scheduleDelivery(_ document: Data, session: String, to url: String) {
        let id = nextDeliveryID
        nextDeliveryID += 1
        let configuration = configuration
        let logger = logger
        deliveries[id] = Task { [weak self] in
            do {
                try await Task.sleep(for: .seconds(configuration.processingDelay))
                try await CallbackDelivery.deliver(
                    document, to: url, retries: configuration.callbackRetries,
                    interval: configuration.callbackRetryInterval, logger: logger)
            } catch {
                logger.debug("result delivery abandoned", metadata: ["session": "\(session)"])
            }
            await self?.deliveryFinished(id)
        }
    }

    private func deliveryFinished(_ id: Int) { deliveries[id] = nil }

    // MARK: Replies

    /// Waits the configured latency, then hands the response back.
    nonisolated func reply(_ response: Response) async -> Response {
        if configuration.latency > 0 { try? await Task.sleep(for: .seconds(configuration.latency)) }
        return response
    }

    /// A gateway's own error page, not the service's JSON.
    static func gatewayTimeout() -> Response {
        Response(
            status: .gatewayTimeout, headers: [.contentType: "text/html"],
            body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>504 Gateway Time-out</h1></body></html>")))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, encode(["status": "error", "message": message]))
    }

    static func json(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encode(_ object: [String: String]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(object)) ?? Data("{}".utf8)
    }
}

/// Ends a request whose connection was closed on purpose, without any reply.
struct DroppedReply: Error {}

/// Why a simulator could not start.
public enum SimulatorError: Error, Sendable {
    case alreadyStarted
    case notListening
}
