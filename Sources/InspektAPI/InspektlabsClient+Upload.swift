import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The upload: one inspection's photos as one streamed multipart `POST /api/upload`.
extension InspektlabsClient {
    /// Sends every photo of one inspection in one `POST /api/upload`; returns the session the server accepted.
    ///
    /// `progress` is called as the server takes the bytes (at most every 50 ms, and at each file's start and
    /// end; the bytes still queued in the connection's socket do not count). A photo that vanishes or changes size meanwhile stops the upload with `.fileProblem`.
    public func upload(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws(APIError) -> String {
        try await uploadWithReceipt(upload, auth: auth, progress: progress).session
    }

    /// Like `upload`, returning what was sent: each file's SHA-256 and the upload time. Every file is hashed
    /// from the chunks as they are sent (no second read); a file whose `UploadFile.sha256` is given (hashed
    /// when the selection was prepared) must still match it, else the body stops before its closing boundary. `fileSent` gets each file's index and digest once it was
    /// handed over whole, so a caller still has them when the reply is lost. `wire` hears when the body's end
    /// was flushed to the socket and when the reply's head came, in the order they happened. `beforeClosing` is
    /// awaited before the closing boundary leaves (the server cannot accept the body before it); if it throws,
    /// the body stops short of its end.
    public func uploadWithReceipt(
        _ upload: UploadRequest, auth: AuthSession, progress: @escaping @Sendable (UploadProgress) -> Void,
        fileSent: @escaping @Sendable (_ index: Int, _ sha256: String) -> Void = { _, _ in },
        wire: @escaping @Sendable (UploadWireEvent) -> Void = { _ in },
        beforeClosing: @escaping @Sendable () async throws -> Void = {}
    ) async throws(APIError) -> UploadReceipt {
        let layout = MultipartLayout(request: upload)
        let monitor = TransferMonitor(
            files: upload.files, ranges: BodyFileRanges(layout: layout, files: upload.files),
            peerPort: SocketSendQueue.port(of: baseURL),
            boundary: layout.boundary, report: progress, fileSent: fileSent, wire: wire)
        defer { monitor.releaseConnection() }
        let headers: HTTPHeaders = [
            "Authorization": "Bearer \(auth.uploadBearer)", "Content-Type": layout.contentType,
            "Accept": "application/json",
        ]
        let stream = MultipartBodyStream(
            layout: layout, files: upload.files, monitor: monitor, chunkSize: chunkSize)
        let loop = httpClient.eventLoopGroup.any()
        let depth = Self.writesInFlight
        // The HTTP client leaves a write it took unanswered when the request ends (a stall): the thread then stops.
        let ended = OwnThread.Flag()
        defer { ended.raise() }
        let sharedCPU = Atomic<Int>(-1)
        let body = HTTPClient.Body.stream(contentLength: layout.contentLength) { writer in
            let sent = loop.makePromise(of: Void.self)
            sent.completeWithTask {
                try await OwnThread.run(name: "inspekt-upload") {
                    // The connection told its loop when the request head left, before the body is asked for.
                    let core = UploadConnections.connection(boundary: layout.boundary).flatMap {
                        UploadCore.join($0.loop)
                    }
                    defer { core?.leave() }
                    if let core { sharedCPU.store(core.cpu, ordering: .relaxed) }
                    try stream.send(
                        depth: depth, cancelled: { ended.isRaised },
                        beforeClosing: { try OwnThread.wait(for: beforeClosing) }
                    ) { writer.write(.byteBuffer($0)) }
                }
            }
            return sent.futureResult
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
        let cpu = sharedCPU.load(ordering: .relaxed)
        logger.debug(
            "upload accepted", metadata: ["session": "\(accepted)", "seconds": "\(seconds)", "cpu": "\(cpu)"])
        return UploadReceipt(
            session: accepted, sha256: monitor.digests.map { $0 ?? "" }, bodyBytes: layout.contentLength,
            uploadSeconds: seconds, cpu: cpu >= 0 ? cpu : nil)
    }
}
