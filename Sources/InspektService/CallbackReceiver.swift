import Crypto
import Foundation
import Hummingbird
import InspektCore
import InspektStorage
import Logging
import NIOCore

/// Why a delivered or imported result was refused; nothing is stored in any of these cases.
public enum ResultIntake {
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case unknownInspection(String)
        case unknownToken
        case mismatchedInspection(expected: String?, got: String)
        case tooLarge
        case unauthorized

        public var description: String {
            switch self {
            case .malformed(let why): "The result cannot be read: \(why)"
            case .unknownInspection(let session):
                "No inspection on this kiosk has the inspection id \(SafeText.escape(session)): check that the file belongs to this kiosk."
            case .unknownToken: "No inspection on this kiosk has this callback address."
            case .mismatchedInspection(_, let got):
                "The result is for inspection \(SafeText.escape(got)), not for the inspection of this callback address."
            case .tooLarge: "The result is larger than 10 MB."
            case .unauthorized: "The webhook secret is missing or wrong."
            }
        }

        var status: HTTPResponse.Status {
            switch self {
            case .malformed: .badRequest
            case .unknownInspection, .unknownToken: .notFound
            case .mismatchedInspection: .conflict
            case .tooLarge: .contentTooLarge
            case .unauthorized: .unauthorized
            }
        }
    }

    /// Largest result body accepted.
    public static let maxBodyBytes = 10 * 1024 * 1024
}

/// The program's own HTTP listener for results pushed by Inspektlabs (there is no polling
/// endpoint): `POST /callbacks/<token>` per inspection and the account-wide `POST /webhook`.
/// It answers 2xx only after the result is durably stored, so a crash makes Inspektlabs deliver again.
public final class CallbackReceiver: Sendable {
    private let service: InspektService
    private let logger: Logger
    private let limits: ReceiverLimits
    private let roster: ConnectionRoster
    private let health: HealthProbe
    private let state = ServerState()

    public init(service: InspektService, logger: Logger, limits: ReceiverLimits = ReceiverLimits()) {
        self.service = service
        self.logger = logger
        self.limits = limits
        self.roster = ConnectionRoster(capacity: limits.maxConnections)
        self.health = HealthProbe { (try? await service.onStoreThread { service.databaseReachable() }) == true }
    }

    /// Connections open now (at most `limits.maxConnections`), and of them those serving a request.
    public var connections: (open: Int, serving: Int) { roster.counts }

    /// Starts listening in the background; returns the bound port (useful with port 0).
    public func start(listen: ListenAddress) async throws -> Int {
        let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let app = makeApplication(listen: listen) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let task = Task {
            do {
                try await app.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        await state.set(task)
        for try await port in ports {
            logger.info("receiver listening", metadata: ["host": "\(listen.host)", "port": "\(port)"])
            return port
        }
        throw ServiceError.storage("the receiver could not listen on \(listen)")
    }

    /// Serves in the foreground until SIGINT or SIGTERM; `onListening` gets the bound port.
    public func run(listen: ListenAddress, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let app = makeApplication(listen: listen) { channel in onListening(channel.localAddress?.port ?? 0) }
        try await app.runService()
    }

    /// Stops a receiver started with `start`.
    public func stop() async {
        if let task = await state.take() {
            task.cancel()
            _ = await task.result
        }
    }

    private func makeApplication(
        listen: ListenAddress, onRunning: @escaping @Sendable (any Channel) async -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.post("/callbacks/:token") { [self] request, context in
            await self.handleCallback(request, token: context.parameters.get("token") ?? "")
        }
        router.post("/webhook") { [self] request, _ in
            await self.handleWebhook(request)
        }
        // For a load balancer: 200 while the database answers, 503 while it does not.
        router.get("/healthz") { [self] _, _ in
            await self.health.reachable()
                ? Self.reply(.ok, ["status": "ok"])
                : Self.reply(.serviceUnavailable, ["status": "error", "message": "The database cannot be reached."])
        }
        // A client silent for the idle timeout is closed, whether its request head, its body or its next
        // request is due; past the cap, a newcomer takes the place of the longest idle connection.
        let (roster, idleTimeout) = (self.roster, TimeAmount.nanoseconds(Int64(limits.idleTimeout * 1e9)))
        return Application(
            router: router,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ConnectionCapHandler(roster: roster)], idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil, backlog: 1024),
            onServerRunning: onRunning,
            logger: logger)
    }

    // MARK: Handlers

    func handleCallback(_ request: Request, token: String) async -> Response {
        let started = ContinuousClock.now
        // The token first, the body after: a caller who does not know a token gets its 404 at once,
        // without this kiosk reading (or waiting for) a body of up to 10 MB. A token of a shape never issued
        // costs no store call, and the rest are looked up on threads of their own: a flood of guesses waits
        // there, not in front of real deliveries and `/healthz`.
        guard CallbackAddresses.hasIssuedShape(token) else { return refuse(ResultIntake.Refusal.unknownToken) }
        let inspection: Inspection
        do {
            guard
                let found = try await service.onLookupThread({ try self.service.store.inspection(callbackToken: token) }
                )
            else {
                throw ResultIntake.Refusal.unknownToken
            }
            inspection = found
        } catch {
            return refuse(error)
        }
        let body: Data
        do { body = try await Self.collect(request) } catch { return refuse(error) }
        do {
            let summary = try Self.summary(body)
            guard summary.inspectionID == inspection.session else {
                throw ResultIntake.Refusal.mismatchedInspection(expected: inspection.session, got: summary.inspectionID)
            }
            let changed = try await service.onStoreThread {
                try self.service.accept(document: body, summary: summary, for: inspection, via: "callback")
            }
            return answered(.ok, changed ? "stored" : "unchanged", since: started)
        } catch {
            return refuse(error)
        }
    }

    func handleWebhook(_ request: Request) async -> Response {
        let started = ContinuousClock.now
        // Check the secret before reading the body: an unauthorised caller gets nothing stored, nothing parsed.
        guard let secret = service.configuration.webhookSecret,
            Self.presentedSecret(request).map({ Self.equalInConstantTime($0, secret) }) == true
        else {
            return refuse(ResultIntake.Refusal.unauthorized)
        }
        let body: Data
        do { body = try await Self.collect(request) } catch { return refuse(error) }
        do {
            let outcome = try await service.onStoreThread { try self.service.receiveWebhookResult(body) }
            return answered(outcome == .kept ? .accepted : .ok, outcome.rawValue, since: started)
        } catch {
            return refuse(error)
        }
    }

    /// The 2xx, once the result is committed; the log says how long the receiver took (request to answer).
    private func answered(
        _ status: HTTPResponse.Status, _ word: String, since started: ContinuousClock.Instant
    ) -> Response {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info(
            "result answered", metadata: ["status": "\(status.code)", "ms": "\(String(format: "%.2f", milliseconds))"])
        return Self.reply(status, ["status": word])
    }

    private func refuse(_ error: any Error) -> Response {
        if let refusal = error as? ResultIntake.Refusal {
            logger.notice("result refused", metadata: ["status": "\(refusal.status.code)", "reason": "\(refusal)"])
            return Self.reply(refusal.status, ["status": "error", "message": refusal.description])
        }
        // Not stored (disk full, database busy): a 5xx makes Inspektlabs deliver again later.
        logger.error("result not stored", metadata: ["error": "\(error)"])
        return Self.reply(
            .serviceUnavailable, ["status": "error", "message": "The result could not be stored; deliver again later."])
    }

    // MARK: Helpers

    static func summary(_ body: Data) throws -> ResultSummary {
        do { return try ResultDocument.summary(from: body) } catch {
            throw ResultIntake.Refusal.malformed(error.description)
        }
    }

    /// Reads the body, refusing at the first byte over the limit instead of buffering it.
    static func collect(_ request: Request) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ResultIntake.maxBodyBytes {
            throw ResultIntake.Refusal.tooLarge
        }
        var data = Data()
        for try await chunk in request.body {
            if data.count + chunk.readableBytes > ResultIntake.maxBodyBytes { throw ResultIntake.Refusal.tooLarge }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return data
    }

    /// The secret from `X-Inspekt-Secret`, else the password of HTTP Basic auth.
    static func presentedSecret(_ request: Request) -> String? {
        if let header = request.headers.first(where: { $0.name.canonicalName == "x-inspekt-secret" })?.value,
            !header.isEmpty
        {
            return header
        }
        guard let authorization = request.headers[.authorization] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[text.index(after: colon)...])
    }

    /// Compares digests of both values byte by byte without an early exit, so the time taken
    /// says nothing about how much of a guess was right (nor about the secret's length).
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8)))
        let y = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in 0..<min(x.count, y.count) { difference |= x[index] ^ y[index] }
        return difference == 0 && x.count == y.count
    }

    static func reply(_ status: HTTPResponse.Status, _ object: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The background server task of a started receiver.
private actor ServerState {
    private var task: Task<Void, any Error>?

    func set(_ task: Task<Void, any Error>) { self.task = task }

    func take() -> Task<Void, any Error>? {
        defer { task = nil }
        return task
    }
}
