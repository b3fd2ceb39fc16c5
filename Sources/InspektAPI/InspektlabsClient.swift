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
        var body: [String: String] = ["key": apiKey]
        if let clientID, !clientID.isEmpty { body["client_id"] = clientID }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) } catch {
            throw .unexpected(status: 0, message: "could not encode the request")
        }
        var request = HTTPClientRequest(url: baseURL + "/api/authenticate")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: json))

        logger.debug(
            "authenticate", metadata: ["url": "\(baseURL)/api/authenticate", "key": "\(SecretText.masked(apiKey))"])
        let issuedAt = Date()
        let reply = try await send(request, monitor: TransferMonitor(files: []))
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
        let layout = MultipartLayout(request: upload)
        let monitor = TransferMonitor(files: upload.files, report: progress)
        var request = HTTPClientRequest(url: baseURL + "/api/upload")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(auth.uploadBearer)")
        request.headers.add(name: "Content-Type", value: layout.contentType)
        request.headers.add(name: "Accept", value: "application/json")
        let body = MultipartBodyStream(
            layout: layout, files: upload.files, monitor: monitor, chunkSize: chunkSize, threadPool: threadPool)
        request.body = .stream(body, length: .known(layout.contentLength))

        logger.debug(
            "upload",
            metadata: [
                "url": "\(baseURL)/api/upload", "session": "\(upload.session)",
                "case": "\(SafeText.escape(upload.caseID))", "files": "\(upload.files.count)",
                "bytes": "\(layout.contentLength)",
            ])
        let reply = try await send(request, monitor: monitor)
        guard (200..<300).contains(reply.status) else {
            let error = Self.error(from: reply)
            logger.debug("upload refused", metadata: ["status": "\(reply.status)", "error": "\(error)"])
            throw error
        }
        let accepted = (reply.json?["session"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? upload.session
        logger.debug("upload accepted", metadata: ["session": "\(accepted)"])
        return accepted
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

    /// Sends a request under the stall watchdog and reads the whole reply, mapping every failure to an `APIError`.
    private func send(_ request: HTTPClientRequest, monitor: TransferMonitor) async throws(APIError) -> Reply {
        let httpClient = self.httpClient
        let timeout = stallTimeout
        let logger = self.logger
        do {
            return try await withThrowingTaskGroup(of: Reply?.self) { group in
                group.addTask {
                    monitor.touch()
                    let response = try await httpClient.execute(request, deadline: .distantFuture, logger: logger)
                    monitor.touch()
                    var body = ByteBuffer()
                    for try await chunk in response.body {
                        monitor.touch()
                        guard body.readableBytes + chunk.readableBytes <= Self.maxReplyBytes else {
                            throw APIError.unexpected(status: Int(response.status.code), message: "reply too large")
                        }
                        var chunk = chunk
                        body.writeBuffer(&chunk)
                    }
                    return Reply(status: Int(response.status.code), body: body)
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
