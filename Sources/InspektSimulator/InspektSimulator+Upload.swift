import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import Logging
import NIOCore

/// `/api/upload`: the Bearer, the streamed multipart body, the session rules, the file rules and the injected faults.
extension InspektSimulator {
    /// Order of checks: injected 500 first (nothing processed), then the Bearer (401 before reading
    /// the body), then the body is read whole as a stream, then the required fields, then the session
    /// (not issued, then spent and not the token's in `SessionCheckOrder`), then the files (count, type by extension and content,
    /// mixing). Session before files so that a retry after a lost reply always meets "already exists".
    nonisolated func upload(
        _ request: Request, channel: any Channel, writer: borrowing ResponseWriter
    ) async throws
        -> Response
    {
        if await injectedServerError(comparison: false) {
            do {
                for try await _ in request.body {}
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
        do {
            for try await chunk in request.body {
                try parser.feed(chunk.readableBytesView) { form.handle($0) }
                received(uploadBytes: chunk.readableBytes)
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
            if configuration.acceptedReplyHold > 0 {
                try? await Task.sleep(for: .seconds(configuration.acceptedReplyHold))
            }
            return await reply(Self.json(.ok, Self.encode(["status": "success", "session": session])))
        }
    }

    nonisolated func bearerClaims(_ request: Request) -> JSONWebToken.Claims? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return tokens.verify(parts[1].trimmingCharacters(in: .whitespaces), now: configuration.now())
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
            return .refused(
                Self.error(.badRequest, "Please hit authenticate endpoint first and use session from there"))
        }
        let alreadyExists = Self.error(.badRequest, "Inspection Id already exists, please generate a new one")
        let tokenInvalid = Self.error(.unauthorized, "token invalid")
        // API.md does not fix which of the two comes first for a spent session and another session's token.
        switch configuration.sessionCheckOrder {
        case .spentFirst:
            if spent.contains(session) { return .refused(alreadyExists) }
            if session != tokenSession { return .refused(tokenInvalid) }
        case .tokenFirst:
            if session != tokenSession { return .refused(tokenInvalid) }
            if spent.contains(session) { return .refused(alreadyExists) }
        }
        if let fileProblem { return .refused(fileProblem) }

        spent.insert(session)
        let entry = LedgerEntry(
            caseID: caseID, session: session, files: files.map(\.ledgerFile), acceptedAt: configuration.now(),
            callbackURL: callbackURL)
        entries.append(entry)
        scheduleDelivery(entry: entry, files: files, to: callbackURL)

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

    /// Whether this upload (or comparison) request is answered 500: by the dice, or as one of the first ones told to.
    func injectedServerError(comparison: Bool) -> Bool {
        if rollFailure() { return true }
        if comparison {
            guard comparisonServerErrorsDone < configuration.comparisonServerErrors else { return false }
            comparisonServerErrorsDone += 1
        } else {
            guard uploadServerErrorsDone < configuration.uploadServerErrors else { return false }
            uploadServerErrorsDone += 1
        }
        return true
    }
}
