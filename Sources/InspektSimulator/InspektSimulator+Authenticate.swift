import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import Logging
import NIOCore

/// `/api/authenticate`: an API key in, a session with its access and refresh tokens out.
extension InspektSimulator {
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
        let now = configuration.now()
        // `in` + digits + YYYYMMDDHHMMSS; random digits keep ids of parallel simulators apart.
        let session = "in\(Int.random(in: 1000...9999))\(sessionCounter)\(Self.timestamp(now))"
        issued.insert(session)
        accounts[session] = account
        let iat = Int(now.timeIntervalSince1970)
        // Whole seconds, rounded down: a token never lives longer than the TTL (a 2 s TTL means at most 2 s).
        let exp = Int((now.timeIntervalSince1970 + configuration.tokenTTL).rounded(.down))
        func token(_ role: JSONWebToken.Role) -> String {
            tokens.sign(
                .init(
                    sub: session, session: session, role: role, iat: iat, exp: exp, jti: UUID().uuidString.lowercased())
            )
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
}
