import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import NIOCore

/// `/api/authenticate` and `/api/q_score` of the Q Score host, with its injected fault.
///
/// Order of checks on `/api/q_score`: the 500 fault, the Bearer (401, or the 401/403 fault), the multipart body, the
/// required fields (`type=file`, `session`, `case_id`, `photo_tag`, exactly one `files` part), the session (issued by
/// this host), then the photo: a video, a file whose content is not the image its name says, or a JPEG cut short is
/// refused (400); then the `slow` fault waits, and the verdict is sent.
extension QScoreSimulator {
    nonisolated func respond(to request: Request) async -> Response {
        switch request.uri.path {
        case "/api/authenticate":
            guard request.method == .post else {
                return InspektSimulator.error(.methodNotAllowed, "method not allowed")
            }
            return await authenticate(request)
        case "/api/q_score":
            guard request.method == .post else {
                return InspektSimulator.error(.methodNotAllowed, "method not allowed")
            }
            return await score(request)
        default:
            return InspektSimulator.error(.notFound, "not found")
        }
    }

    nonisolated func authenticate(_ request: Request) async -> Response {
        let body = try? await request.body.collect(upTo: 64 * 1024)
        if configuration.fault == .serverError {
            return InspektSimulator.error(.internalServerError, "Server Side Issue")
        }
        guard let body, let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let key = object["key"] as? String, !key.isEmpty
        else {
            return InspektSimulator.error(.badRequest, "Invalid API key")
        }
        guard configuration.apiKeys.contains(key) else {
            return InspektSimulator.error(.unauthorized, "API Key not valid")
        }
        let grant = await issueSession()
        return InspektSimulator.json(
            .ok,
            InspektSimulator.encode([
                "session": grant.session, "access_token": grant.access, "refresh_token": grant.refresh,
            ]))
    }

    nonisolated func score(_ request: Request) async -> Response {
        if configuration.fault == .serverError {
            _ = try? await request.body.collect(upTo: 64 << 20)
            return InspektSimulator.error(.internalServerError, "Server Side Issue")
        }
        guard let claims = bearerClaims(request), claims.role.rawValue == configuration.bearer.rawValue,
            configuration.fault != .unauthorized
        else {
            return InspektSimulator.error(.unauthorized, "token invalid")
        }
        if configuration.fault == .forbidden { return InspektSimulator.error(.forbidden, "no access") }
        guard let contentType = request.headers[.contentType],
            let boundary = MultipartStreamParser.boundary(fromContentType: contentType)
        else {
            return InspektSimulator.error(.badRequest, "Missing a required field")
        }
        var parser = MultipartStreamParser(boundary: boundary)
        var form = UploadForm()
        do {
            for try await chunk in request.body {
                try parser.feed(chunk.readableBytesView) { form.handle($0) }
            }
            try parser.finish()
        } catch {
            return InspektSimulator.error(.badRequest, "Missing a required field")
        }
        guard form.field("type") == "file", let session = form.field("session"), !session.isEmpty,
            form.field("case_id").map({ !$0.isEmpty }) == true, let tag = form.field("photo_tag"), !tag.isEmpty,
            form.fileCount == 1, let file = form.files.first
        else {
            return InspektSimulator.error(.badRequest, "Missing a required field")
        }
        guard await isIssued(session), session == claims.session else {
            return InspektSimulator.error(
                .badRequest, "Please hit authenticate endpoint first and use session from there")
        }
        let refusal = Self.photoProblem(file)
        await record(
            QScoreRequestRecord(
                photoTag: tag, fileName: file.name, sha256: file.sha256, status: refusal == nil ? 200 : 400))
        if let refusal { return InspektSimulator.error(.badRequest, refusal) }
        if configuration.fault == .slow { try? await Task.sleep(for: .seconds(configuration.slowSeconds)) }
        let demoSlot = configuration.demoManifest?.photo(sha256: file.sha256)?.photo.slot
        let verdict = QScoreVerdict(
            comment: file.comment, photoTag: tag, demoSlot: demoSlot, dimensions: file.dimensions)
        let data =
            (try? JSONSerialization.data(withJSONObject: verdict.reply, options: [.sortedKeys])) ?? Data("{}".utf8)
        return InspektSimulator.json(.ok, data)
    }

    /// Why the photo cannot be scored: a video, content that is not the image its name says, or a JPEG cut short.
    static func photoProblem(_ file: ReceivedFile) -> String? {
        let unsupported = "Unsupported file type: \(file.name)"
        switch MediaRule.check(fileName: file.name, size: file.size, header: file.header) {
        case .success(let type):
            if type.kind == .video { return unsupported }
            if type == .jpeg, file.tail != [0xFF, 0xD9] || file.dimensions == nil {
                return "Corrupted file: \(file.name)"
            }
            return nil
        case .failure:
            return unsupported
        }
    }

    nonisolated func bearerClaims(_ request: Request) -> JSONWebToken.Claims? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return tokens.verify(parts[1].trimmingCharacters(in: .whitespaces), now: Date())
    }
}
