import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1

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
    let httpClient: HTTPClient
    let logger: Logger

    /// Largest reply body read (replies are small JSON objects).
    static let maxReplyBytes = 1 << 20

    /// Body chunks handed to the connection and not yet written, at most (plus one being read and hashed).
    /// One: measured on 2 cores, deeper queues (2, 4 and 8 chunks) sent no faster and held more memory.
    static let writesInFlight = 1

    public init(
        baseURL: String, httpClient: HTTPClient = UploadConnections.httpClient, stallTimeout: Double = 30,
        logger: Logger,
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
}
