import Foundation
import InspektSimulator
import NIOHTTP1
import Testing

@Suite("POST /api/authenticate")
struct AuthenticateEndpointTests {
    @Test("a known key gets a session and two HS256 JWTs that expire after the token TTL")
    func knownKey() async throws {
        try await withSimulator(SimulatorConfiguration(apiKeys: ["k1", "k2"], tokenTTL: 120)) { _, wire in
            let before = Date().timeIntervalSince1970
            let reply = try await wire.authenticateRaw(#"{"key":"k2","client_id":"kiosk-7"}"#)
            #expect(reply.status == 200)
            let session = try #require(reply.body["session"] as? String)
            #expect(session.wholeMatch(of: /in\d+\d{14}/) != nil)
            let access = try #require(reply.body["access_token"] as? String)
            let refresh = try #require(reply.body["refresh_token"] as? String)
            #expect(access != refresh)
            for (token, role) in [(access, "access"), (refresh, "refresh")] {
                let pieces = token.split(separator: ".")
                #expect(pieces.count == 3)
                let header = try #require(decodeSegment(pieces[0]))
                #expect(header["alg"] as? String == "HS256")
                let claims = try #require(decodeSegment(pieces[1]))
                #expect(claims["role"] as? String == role)
                #expect(claims["session"] as? String == session)
                let exp = try #require(claims["exp"] as? Double)
                #expect(exp > before + 118 && exp <= Date().timeIntervalSince1970 + 120)
            }
        }
    }

    @Test("each call gets a new session")
    func newSessionEachTime() async throws {
        try await withSimulator { _, wire in
            let first = try await wire.authenticate()
            let second = try await wire.authenticate()
            #expect(first.session != second.session)
        }
    }

    @Test(
        "missing, empty or unparsable key: 400 Invalid API key",
        arguments: [#"{}"#, #"{"key":""}"#, #"{"key":"#, "not json", "", #"{"key":42}"#, #"["demo-key"]"#])
    func invalidKey(body: String) async throws {
        try await withSimulator { _, wire in
            let reply = try await wire.authenticateRaw(body)
            #expect(reply.status == 400)
            #expect(reply.body["status"] as? String == "error")
            #expect(reply.message == "Invalid API key")
        }
    }

    @Test("an unknown key: 401 API Key not valid")
    func unknownKey() async throws {
        try await withSimulator { _, wire in
            let reply = try await wire.authenticateRaw(#"{"key":"not-my-key"}"#)
            #expect(reply.status == 401)
            #expect(reply.message == "API Key not valid")
        }
    }

    @Test(
        "any method but POST: 405 on every endpoint",
        arguments: [
            "/api/authenticate", "/api/upload", "/api/authenticate/incremental_damage", "/api/incremental_damage",
        ])
    func methodNotAllowed(path: String) async throws {
        try await withSimulator { _, wire in
            for method in [HTTPMethod.GET, .PUT, .DELETE, .PATCH] {
                let reply = try await wire.send(method, path)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.message == "method not allowed", "\(method) \(path)")
            }
        }
    }
}

func decodeSegment(_ segment: Substring) -> [String: Any]? {
    var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    guard let data = Data(base64Encoded: base64) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}
