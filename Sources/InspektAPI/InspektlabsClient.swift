import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Inspektlabs wire client: authenticate, and upload one inspection as one streamed multipart request.
///
/// An upload has no total timeout: it fails as `stalled` only when no byte has moved, either way, for
/// `stallTimeout` seconds, so a large upload over a slow link is never cut off while it progresses.
/// Every request fails as `unreachable` when no connection is made within `connectTimeout`: the small
/// authenticate call through a request deadline of that length (so the HTTP client reports why it could
/// not connect: refused, timed out, DNS), an upload through the watchdog.
public final class InspektlabsClient: Sendable {
    public let baseURL: String
    public let stallTimeout: Double
    /// Seconds to wait for a connection before calling the server unreachable.
    public let connectTimeout: Double
    /// Bytes read from disk and handed to the connection at a time.
    public let chunkSize: Int
    private let httpClient: HTTPClient
    let logger: Logger
    private let threadPool: NIOThreadPool

    /// Largest reply body read (replies are small JSON objects).
    static let maxReplyBytes = 1 << 20

    /// Body chunks handed to the connection and not yet written, at most (plus one being read and hashed).
    /// One: measured on 2 cores, deeper queues only added contention with the receiving side.
    static let writesInFlight = 1

    public init(
        baseURL: String, httpClient: HTTPClient = .shared, stallTimeout: Double = 30, logger: Logger,
        chunkSize: Int = 64 * 1024, connectTimeout: Double = 10
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.httpClient = httpClient
        self.stallTimeout = stallTimeout
        self.connectTimeout = connectTimeout
        self.logger = logger
        self.chunkSize = max(4096, chunkSize)
        self.threadPool = .singleton
    }

    // MARK: Authenticate

    /// Fetches a new single-use session and its tokens (`POST /api/authenticate`).
    public func authenticate(apiKey: String, clientID: String?) async throws(APIError) -> AuthSession {
        var fields: [String: String] = ["key": apiKey]
        if let clientID, !clientID.isEmpty { fields["client_id"] = clientID }
        return try await requestSession(path: "/api/authenticate", fields: fields)
    }

    /// POSTs `fields` as JSON to an authenticate endpoint and reads the session and tokens it hands out.
    func requestSession(path: String, fields: [String: String]) async throws(APIError) -> AuthSession {
        let apiKey = fields["key"] ?? ""
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) } catch {
            throw .unexpected(status: 0, message: "could not encode the request")
        }
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        let body = HTTPClient.Body.byteBuffer(ByteBuffer(bytes: json))

        logger.debug(
            "authenticate", metadata: ["url": "\(baseURL)\(path)", "key": "\(SecretText.masked(apiKey))"])
        let issuedAt = Date()
        // A small call that a reachable server answers in milliseconds: unlike an upload it may have a deadline.
        let deadline = NIODeadline.now() + .milliseconds(Int64(connectTimeout * 1000))
        let reply = try await send(
            url: baseURL + path, headers: headers, body: body, monitor: TransferMonitor(files: []),
            deadline: deadline)
        guard (200..<300).contains(reply.status) else {
            let error = Self.error(from: reply)
            logger.debug("authenticate refused", metadata: ["status": "\(reply.status)", "error": "\(error)"])
            throw error
        }
        guard let object = reply.json, let session = object["session"] as? String, !session.isEmpty,
            let access = object["access_token"] as? String, let refresh = object["refresh_token"] as? String
        else {
            throw .unexpected(status: reply.status, message: "the reply has no session and tokens")
        }
        let auth = AuthSession(session: session, accessToken: access, refreshToken: refresh, issuedAt: issuedAt)
        logger.debug("authenticated", metadata: ["session": "\(session)", "expiresAt": "\(auth.expiresAt)"])
        return auth
    }

    // MARK: Upload

    /// Sends every photo of one inspection in one `POST /api/upload`; returns the session the server accepted.
    ///
    /// `progress` is called as the server takes the bytes (at most every 50 ms, and at each file's start and
    /// end; the bytes still queued in the connection's socket do not count). A photo that vanishes or changes size meanwhile stops the upload with `.fileProblem`.
    public func upload(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws(APIError) -> String {
        try await uploadWithReceipt(upload, auth: auth, progress: progress).session
    }

    /// Like `upload`, returning what was sent: each file's SHA-256 and the upload time. A file whose
    /// `UploadFile.sha256` is given (hashed when the selection was prepared) is not hashed again: its digest
    /// is reported once it was sent whole and found unchanged in size. A file without one is hashed from the
    /// chunks as they are sent (no second read). `fileSent` gets each file's index and digest once it was
    /// handed over whole, so a caller still has them when the reply is lost. `wire` hears when the body's end
    /// was flushed to the socket and when the reply's head came, in the order they happened.
    public func uploadWithReceipt(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void,
        fileSent: @escaping @Sendable (_ index: Int, _ sha256: String) -> Void = { _, _ in },
        wire: @escaping @Sendable (UploadWireEvent) -> Void = { _ in }
    ) async throws(APIError) -> UploadReceipt {
        let layout = MultipartLayout(request: upload)
        let monitor = TransferMonitor(
            files: upload.files, ranges: BodyFileRanges(layout: layout, files: upload.files), peerPort: SocketSendQueue.port(of: baseURL),
            report: progress, fileSent: fileSent, wire: wire)
        defer { monitor.releaseConnection() }
        let headers: HTTPHeaders = [
            "Authorization": "Bearer \(auth.uploadBearer)", "Content-Type": layout.contentType,
            "Accept": "application/json",
        ]
        let stream = MultipartBodyStream(
            layout: layout, files: upload.files, monitor: monitor, chunkSize: chunkSize, threadPool: threadPool)
        let loop = httpClient.eventLoopGroup.any()
        let depth = Self.writesInFlight
        let body = HTTPClient.Body.stream(contentLength: layout.contentLength) { writer in
            // A bounded pipeline: up to `depth` chunks queued on the connection while the next one is read
            // and hashed, so neither the socket nor the reading thread waits on the other's jitter; memory
            // stays at a few chunks whatever the photo sizes.
            let pumped = loop.makePromise(of: Void.self)
            pumped.completeWithTask {
                var iterator = stream.makeAsyncIterator()
                var pending: [EventLoopFuture<Void>] = []
                while let chunk = try await iterator.next() {
                    while pending.count >= depth { try await pending.removeFirst().get() }
                    pending.append(writer.write(.byteBuffer(chunk)))
                }
                for write in pending { try await write.get() }
            }
            return pumped.futureResult
        }

        logger.debug(
            "upload",
            metadata: [
                "url": "\(baseURL)/api/upload", "session": "\(upload.session)",
                "case": "\(SafeText.escape(upload.caseID))", "files": "\(upload.files.count)",
                "bytes": "\(layout.contentLength)",
            ])
        let reply = try await send(
            url: baseURL + "/api/upload", headers: headers, body: body, monitor: monitor, deadline: nil,
            bodyBytes: layout.contentLength)
        guard (200..<300).contains(reply.status) else {
            let error = Self.error(from: reply)
            logger.debug("upload refused", metadata: ["status": "\(reply.status)", "error": "\(error)"])
            throw error
        }
        let accepted = (reply.json?["session"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? upload.session
        let elapsed = monitor.bodyStartedAt.map { ContinuousClock.now - $0 } ?? .zero
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        logger.debug("upload accepted", metadata: ["session": "\(accepted)", "seconds": "\(seconds)"])
        return UploadReceipt(
            session: accepted, sha256: monitor.digests.map { $0 ?? "" }, bodyBytes: layout.contentLength,
            uploadSeconds: seconds)
    }

    // MARK: Sending

    /// A reply, read whole.
    struct Reply: Sendable {
        var status: Int
        var body: ByteBuffer

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        }
        var text: String { String(buffer: body) }
    }

    /// POSTs under the stall and connect watchdog and reads the whole reply, mapping every failure to an `APIError`.
    func send(
        url: String, headers: HTTPHeaders, body: HTTPClient.Body, monitor: TransferMonitor, deadline: NIODeadline?,
        bodyBytes: Int64? = nil
    ) async throws(APIError) -> Reply {
        let httpClient = self.httpClient
        let timeout = stallTimeout
        let connectTimeout = self.connectTimeout
        let logger = self.logger
        let host = Self.hostAndPort(of: url)
        do {
            let request = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: body)
            return try await withThrowingTaskGroup(of: Reply?.self) { group in
                group.addTask {
                    monitor.touch()
                    // Uploads have no deadline: only the watchdog below ends one that stopped moving.
                    let task = httpClient.execute(
                        request: request, delegate: ReplyCollector(monitor: monitor, maxBytes: Self.maxReplyBytes, bodyBytes: bodyBytes),
                        deadline: deadline, logger: logger)
                    return try await withTaskCancellationHandler {
                        try await task.futureResult.get()
                    } onCancel: {
                        task.cancel()
                    }
                }
                group.addTask {
                    // The watchdog: wakes a few times per timeout and gives up when nothing moved, or when
                    // no connection was made in time (the HTTP client itself keeps retrying to connect).
                    let tick = max(0.02, min(0.1, min(timeout, connectTimeout) / 4))
                    var lastTrace = ContinuousClock.now
                    while true {
                        try await Task.sleep(for: .seconds(tick))
                        // The send queue drains without a write to tell: progress is counted again each tick.
                        monitor.refresh()
                        if bodyBytes != nil, ContinuousClock.now - lastTrace >= .seconds(1) {
                            lastTrace = .now
                            let (written, taken) = monitor.bodyCounts
                            logger.debug("upload progress", metadata: ["written": "\(written)", "taken": "\(taken)"])
                        }
                        let connected = monitor.isConnected
                        // With a deadline the HTTP client ends an unconnected request itself, and says why.
                        if !connected && deadline == nil && monitor.secondsSinceStart() >= connectTimeout {
                            monitor.markUnreachable()
                            return nil
                        }
                        if monitor.idleSeconds() >= timeout {
                            if connected { monitor.markStalled() } else { monitor.markUnreachable() }
                            return nil
                        }
                    }
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let reply = first else {
                    // Cancelling the request makes the HTTP client say why it could not connect, if it knows.
                    group.cancelAll()
                    let cause = await Self.lastFailure(of: &group)
                    if monitor.isUnreachable {
                        throw APIError.unreachable(host: host, reason: Self.unreachableReason(cause))
                    }
                    throw APIError.stalled(seconds: timeout)
                }
                return reply
            }
        } catch {
            let mapped = Self.map(error, monitor: monitor, timeout: timeout, host: host)
            logger.debug("request failed", metadata: ["error": "\(mapped)"])
            throw mapped
        }
    }

    /// The error the cancelled request task ended with, if any.
    private static func lastFailure(of group: inout ThrowingTaskGroup<Reply?, any Error>) async -> (any Error)? {
        while true {
            do {
                guard try await group.next() != nil else { return nil }
            } catch {
                return error
            }
        }
    }

    /// Turns what AsyncHTTPClient, NIO or the body stream threw into an `APIError`.
    static func map(_ error: any Error, monitor: TransferMonitor, timeout: Double, host: String) -> APIError {
        if let problem = monitor.fileFailure { return .fileProblem(problem) }
        if let error = error as? APIError { return error }
        if monitor.isUnreachable { return .unreachable(host: host, reason: unreachableReason(error)) }
        if monitor.isStalled { return .stalled(seconds: timeout) }
        if let problem = error as? FileProblem { return .fileProblem(problem) }
        // Nothing left on a connection: whatever failed, the server was not reached.
        if !monitor.isConnected, isConnectFailure(error) {
            return .unreachable(host: host, reason: unreachableReason(error))
        }
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .writeTimeout {
                return .stalled(seconds: timeout)
            }
            if error == .remoteConnectionClosed { return .connectionLost("the server closed the connection without a reply") }
            if error == .cancelled { return .connectionLost("the request was cancelled") }
        }
        if error is CancellationError { return .connectionLost("the request was cancelled") }
        return .connectionLost(String(describing: error))
    }

    /// Whether `error` is one of connecting: refused, timed out, no route, name not resolved, deadline before connecting.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if error is NIOConnectionError || error is SocketAddressError { return true }
        if let error = error as? IOError { return Self.connectErrnos.contains(error.errnoCode) }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        if let error = error as? HTTPClientError {
            return error == .connectTimeout || error == .deadlineExceeded || error == .getConnectionFromPoolTimeout
        }
        return false
    }

    static let connectErrnos: Set<Int32> = [ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN]

    /// Why no connection was made, in a few words: connection refused, timed out, host name not found, or the system's text.
    static func unreachableReason(_ error: (any Error)?) -> String {
        guard let error else { return "connection timed out" }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return unreachableReason(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host name not found (DNS)" }
            return "no address to connect to"
        }
        if error is SocketAddressError { return "host name not found (DNS)" }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN: return "no route to the host"
            default: return String(cString: strerror(error.errnoCode))
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connection timed out" }
        if let error = error as? HTTPClientError,
            error == .connectTimeout || error == .deadlineExceeded || error == .cancelled
                || error == .getConnectionFromPoolTimeout
        {
            return "connection timed out"
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if text.localizedCaseInsensitiveContains("resolve") || text.localizedCaseInsensitiveContains("getaddrinfo") {
            return "host name not found (DNS)"
        }
        return String(text.prefix(120))
    }

    /// `host:port` of a URL, for messages.
    static func hostAndPort(of url: String) -> String {
        guard let parts = URLComponents(string: url), let host = parts.host else { return url }
        return parts.port.map { "\(host):\($0)" } ?? host
    }

    /// The error an error reply stands for.
    static func error(from reply: Reply) -> APIError {
        if let message = reply.json?["message"] as? String {
            return APIError.from(status: reply.status, message: message)
        }
        // Not the documented JSON (a proxy page, plain text): keep the text for the log.
        return APIError.from(status: reply.status, message: String(reply.text.prefix(500)))
    }
}
