import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1

/// The Photo Quality API (Q Score, API.md §6), on its own host: a client made with that host's base URL.
extension InspektlabsClient {
    /// Seconds a Q Score call may take, connection included: past it the photo is "not checked".
    public static let qScoreTimeout: Double = 5

    /// A client for the Q Score host at `baseURL` (`INSPEKT_QSCORE_URL`), every call bounded by `qScoreTimeout`.
    public static func qScore(baseURL: String, logger: Logger) -> InspektlabsClient {
        InspektlabsClient(
            baseURL: baseURL, stallTimeout: qScoreTimeout, logger: logger, connectTimeout: qScoreTimeout)
    }

    /// Authenticates on the Q Score host (`POST /api/authenticate`, as in §1). The session it gives is for Q Score
    /// only: never used for an upload.
    public func authenticateQScore(apiKey: String) async throws(APIError) -> AuthSession {
        try await requestSession(path: "/api/authenticate", fields: ["key": apiKey])
    }

    /// Asks Q Score about one photo (`POST /api/q_score`). The Bearer is the access_token; on 401 the refresh_token
    /// is tried once (API.md §6 Choice: the docs say only "from the Authentication API").
    public func qScore(_ photo: QScorePhoto, caseID: String, auth: AuthSession) async throws(APIError) -> PhotoQuality {
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: photo.path), options: .mappedIfSafe) } catch {
            throw .fileProblem(.missing(name: (photo.path as NSString).lastPathComponent))
        }
        do throws(APIError) {
            return try await qScore(
                bytes: bytes, photo: photo, caseID: caseID, session: auth.session, bearer: auth.accessToken)
        } catch .tokenInvalid {
            logger.debug("q score: access_token refused, trying the refresh_token")
            return try await qScore(
                bytes: bytes, photo: photo, caseID: caseID, session: auth.session, bearer: auth.refreshToken)
        }
    }

    private func qScore(
        bytes: Data, photo: QScorePhoto, caseID: String, session: String, bearer: String
    )
        async throws(APIError) -> PhotoQuality
    {
        let boundary = MultipartLayout.makeBoundary()
        var body = ByteBuffer()
        for (name, value) in [
            ("type", "file"), ("session", session), ("case_id", caseID), ("photo_tag", photo.slot.photoTag),
        ] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; ")
        body.writeString(
            "filename=\"\(MultipartLayout.quoted(photo.uploadName))\"\r\nContent-Type: \(photo.mimeType)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        let headers: HTTPHeaders = [
            "Authorization": "Bearer \(bearer)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
            "Accept": "application/json",
        ]
        logger.debug(
            "q score",
            metadata: ["url": "\(baseURL)/api/q_score", "tag": "\(photo.slot.photoTag)", "bytes": "\(bytes.count)"])
        let deadline = NIODeadline.now() + .milliseconds(Int64(Self.qScoreTimeout * 1000))
        let reply = try await send(
            url: baseURL + "/api/q_score", headers: headers, body: .byteBuffer(body),
            monitor: TransferMonitor(files: []),
            deadline: deadline)
        guard (200..<300).contains(reply.status) else {
            let error = Self.error(from: reply)
            logger.debug("q score refused", metadata: ["status": "\(reply.status)", "error": "\(error)"])
            throw error
        }
        guard let object = reply.json else {
            throw .unexpected(status: reply.status, message: "the Q Score reply is not a JSON object")
        }
        return QScoreReply.read(object)
    }
}

/// One photo to ask Q Score about.
public struct QScorePhoto: Sendable, Hashable {
    public var slot: CoverageSlot
    public var path: String

    public init(slot: CoverageSlot, path: String) {
        self.slot = slot
        self.path = path
    }

    /// The part's file name, as on upload (`front-left_IMG_0042.jpg`).
    var uploadName: String { PhotoSelection(slot: slot, path: path).uploadName }

    var mimeType: String {
        let ext = (path as NSString).pathExtension
        return MediaType.claimed(byExtension: ext)?.mimeType ?? "application/octet-stream"
    }
}

/// Finds Q Score's figures in a reply whose shape is not public (API.md §6 Choice): each by name, case- and
/// separator-insensitively (`Q_score`, `qScore`, `q score`), at the top level or one object down (`data`,
/// `result`, ...); a number may come as a string.
public enum QScoreReply {
    public static func read(_ object: [String: Any]) -> PhotoQuality {
        func find(_ name: String) -> Any? {
            let wanted = fold(name)
            if let hit = object.first(where: { fold($0.key) == wanted }) { return hit.value }
            // One object down, in a stable order so that a reply read twice reads the same.
            for key in object.keys.sorted() {
                guard let inner = object[key] as? [String: Any] else { continue }
                if let hit = inner.first(where: { fold($0.key) == wanted }) { return hit.value }
            }
            return nil
        }
        return PhotoQuality(
            qScore: number(find("Q_score")), orientation: text(find("orientation")), blur: number(find("blur")),
            luma: number(find("luma")), angle: text(find("angle")), zoom: text(find("zoom")),
            resolution: text(find("resolution")))
    }

    /// Lower case, separators (`_`, `-`, space, `.`) dropped.
    static func fold(_ name: String) -> String {
        String(name.lowercased().filter { !"_- .".contains($0) })
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber:
            let double = number.doubleValue
            return double.isFinite ? double : nil
        case let text as String:
            return Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default:
            return nil
        }
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(64))
        case let number as NSNumber:
            return PhotoQuality.figure(number.doubleValue)
        default:
            return nil
        }
    }
}
