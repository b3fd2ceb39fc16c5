import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The Inspektlabs wire client: authenticate, and upload one inspection as one streamed multipart request.
///
/// Neither call has a total timeout: a request fails as `stalled` only when no byte has moved, either way,
/// for `stallTimeout` seconds, so a large upload over a slow link is never cut off while it progresses.
public final class InspektlabsClient: Sendable {
    public let baseURL: String
    public let stallTimeout: Double
    /// Bytes read from disk and handed to the connection at a time.
    public let chunkSize: Int
    private let httpClient: HTTPClient
    private let logger: Logger
    private let threadPool: NIOThreadPool

    /// Largest reply body read (replies are small JSON objects).
    static let maxReplyBytes = 1 << 20

    /// Body chunks handed to the connection and not yet written, at most (plus one being read and hashed).
    /// One: measured on 2 cores, deeper queues only added contention with the receiving side.
    static let writesInFlight = 1

    public init(
        baseURL: String, httpClient: HTTPClient = .shared, stallTimeout: Double = 30, logger: Logger,
        chunkSize: Int = 64 * 1024
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.httpClient = httpClient
        self.stallTimeout = stallTimeout
        self.logger = logger
        self.chunkSize = max(4096, chunkSize)
        self.threadPool = .singleton
    }

    // MARK: Authenticate

    /// Fetches a new single-use session and its tokens (`POST /api/authenticate`).
    public func authenticate(apiKey: String, clientID: String?) async throws(APIError) -> AuthSession {
        var fields: [String: String] = ["key": apiKey]
        if let clientID, !clientID.isEmpty { fields["client_id"] = clientID }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) } catch {
            throw .unexpected(status: 0, message: "could not encode the request")
        }
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        let body = HTTPClient.Body.byteBuffer(ByteBuffer(bytes: json))

        logger.debug(
            "authenticate", metadata: ["url": "\(baseURL)/api/authenticate", "key": "\(SecretText.masked(apiKey))"])
        let issuedAt = Date()
        let reply = try await send(
            url: baseURL + "/api/authenticate", headers: headers, body: body, monitor: TransferMonitor(files: []))
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
    /// `progress` is called from the sending task as bytes leave (at most every 50 ms, and at each file's
    /// start and end). A photo that vanishes or changes size meanwhile stops the upload with `.fileProblem`.
    public func upload(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws(APIError) -> String {
        try await uploadWithReceipt(upload, auth: auth, progress: progress).session
    }

    /// Like `upload`, returning what was sent: each file's SHA-256 computed from the chunks as they were
    /// sent (no second read of any file) and the upload time. `fileSent` gets each file's index and
    /// digest once it was handed over whole, so a caller still has them when the reply is lost.
    public func uploadWithReceipt(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void,
        fileSent: @escaping @Sendable (_ index: Int, _ sha256: String) -> Void = { _, _ in }
    ) async throws(APIError) -> UploadReceipt {
        let layout = MultipartLayout(request: upload)
        let monitor = TransferMonitor(files: upload.files, report: progress, fileSent: fileSent)
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
        let reply = try await send(url: baseURL + "/api/upload", headers: headers, body: body, monitor: monitor)
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

    /// POSTs under the stall watchdog and reads the whole reply, mapping every failure to an `APIError`.
    private func send(url: String, headers: HTTPHeaders, body: HTTPClient.Body, monitor: TransferMonitor)
        async throws(APIError) -> Reply
    {
        let httpClient = self.httpClient
        let timeout = stallTimeout
        let logger = self.logger
        do {
            let request = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: body)
            return try await withThrowingTaskGroup(of: Reply?.self) { group in
                group.addTask {
                    monitor.touch()
                    // No deadline: only the watchdog below ends a request that stopped moving.
                    let task = httpClient.execute(
                        request: request, delegate: ReplyCollector(monitor: monitor, maxBytes: Self.maxReplyBytes),
                        deadline: nil, logger: logger)
                    return try await withTaskCancellationHandler {
                        try await task.futureResult.get()
                    } onCancel: {
                        task.cancel()
                    }
                }
                group.addTask {
                    // The stall watchdog: wakes a few times per timeout and gives up when nothing moved.
                    let tick = max(0.02, min(0.25, timeout / 4))
                    while true {
                        try await Task.sleep(for: .seconds(tick))
                        if monitor.idleSeconds() >= timeout {
                            monitor.markStalled()
                            return nil
                        }
                    }
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let reply = first else {
                    throw APIError.stalled(seconds: timeout)
                }
                return reply
            }
        } catch {
            let mapped = Self.map(error, monitor: monitor, timeout: timeout)
            logger.debug("request failed", metadata: ["error": "\(mapped)"])
            throw mapped
        }
    }

    /// Turns what AsyncHTTPClient, NIO or the body stream threw into an `APIError`.
    static func map(_ error: any Error, monitor: TransferMonitor, timeout: Double) -> APIError {
        if let problem = monitor.fileFailure { return .fileProblem(problem) }
        if monitor.isStalled { return .stalled(seconds: timeout) }
        if let error = error as? APIError { return error }
        if let problem = error as? FileProblem { return .fileProblem(problem) }
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

    /// The error an error reply stands for.
    static func error(from reply: Reply) -> APIError {
        if let message = reply.json?["message"] as? String {
            return APIError.from(status: reply.status, message: message)
        }
        // Not the documented JSON (a proxy page, plain text): keep the text for the log.
        return APIError.from(status: reply.status, message: String(reply.text.prefix(500)))
    }
}
