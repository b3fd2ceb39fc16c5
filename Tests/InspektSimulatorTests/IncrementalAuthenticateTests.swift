import Foundation
import InspektSimulator
import NIOCore
import NIOHTTP1
import Testing

@Suite("POST /api/authenticate/incremental_damage")
struct IncrementalAuthenticateTests {
    @Test("a known key gets a session and two JWTs of that session")
    func knownKey() async throws {
        try await withSimulator(SimulatorConfiguration(apiKeys: ["k1", "k2"])) { _, wire in
            let reply = try await wire.authenticateIncrementalRaw(#"{"key":"k2"}"#)
            #expect(reply.status == 200)
            let session = try #require(reply.body["session"] as? String)
            #expect(session.wholeMatch(of: /in\d+\d{14}/) != nil)
            let access = try #require(reply.body["access_token"] as? String)
            let refresh = try #require(reply.body["refresh_token"] as? String)
            #expect(access != refresh)
            for token in [access, refresh] {
                let claims = try #require(decodeSegment(token.split(separator: ".")[1]))
                #expect(claims["session"] as? String == session)
            }
            let second = try await wire.authenticateIncremental(key: "k1")
            #expect(second.session != session)
        }
    }

    @Test(
        "key missing or empty: 400 Enter API Key",
        arguments: [#"{}"#, #"{"key":""}"#, #"{"key":42}"#, #"{"client_id":"kiosk-1"}"#, #"["demo-key"]"#])
    func keyMissing(body: String) async throws {
        try await withSimulator { _, wire in
            let reply = try await wire.authenticateIncrementalRaw(body)
            #expect(reply.status == 400)
            #expect(reply.body["status"] as? String == "error")
            #expect(reply.message == "Enter API Key")
        }
    }

    @Test("a body that is not JSON: 400 invalid API key", arguments: ["not json", #"{"key":"#, ""])
    func notJSON(body: String) async throws {
        try await withSimulator { _, wire in
            let reply = try await wire.authenticateIncrementalRaw(body)
            #expect(reply.status == 400)
            #expect(reply.message == "invalid API key")
        }
    }

    @Test("an unknown key: 401 with the long message, and no session")
    func unknownKey() async throws {
        try await withSimulator { harness, wire in
            let reply = try await wire.authenticateIncrementalRaw(#"{"key":"not-my-key"}"#)
            #expect(reply.status == 401)
            #expect(reply.message == "API Key not valid. Refresh the page and try again or Contact Inspektlabs Inc")
            #expect(reply.body["session"] == nil)
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("fail-rate 1: both incremental endpoints answer 500 Server Side Issue and nothing is accepted")
    func serverSideIssue() async throws {
        try await withSimulator(SimulatorConfiguration(processingDelay: 0.2, failRate: 1)) { harness, wire in
            let auth = try await wire.authenticateIncrementalRaw(#"{"key":"demo-key"}"#)
            #expect(auth.status == 500)
            #expect(auth.message == "Server Side Issue")
            let compare = try await wire.compare(
                bearer: "anything",
                fields: [
                    "case_id": "CMP-1", "session": "in1020250101000000", "inspection_id_1": "a", "inspection_id_2": "b",
                ])
            #expect(compare.status == 500)
            #expect(compare.message == "Server Side Issue")
            #expect(await harness.ledger().isEmpty)
        }
    }
}

extension SimulatorWire {
    func authenticateIncrementalRaw(_ json: String) async throws -> Reply {
        try await send(
            .POST, "/api/authenticate/incremental_damage", headers: [("Content-Type", "application/json")],
            body: Array(json.utf8))
    }

    func authenticateIncremental(key: String = "demo-key") async throws -> Grant {
        let reply = try await authenticateIncrementalRaw(#"{"key":"\#(key)"}"#)
        guard reply.status == 200, let session = reply.body["session"] as? String,
            let access = reply.body["access_token"] as? String, let refresh = reply.body["refresh_token"] as? String
        else { throw WireError.unexpected(reply.status, reply.text) }
        return Grant(session: session, accessToken: access, refreshToken: refresh)
    }

    /// `POST /api/incremental_damage` with these JSON fields (or a raw body).
    func compare(
        bearer: String?, fields: [String: Any]? = nil, rawBody: String? = nil, timeout: TimeAmount = .seconds(30)
    )
        async throws -> Reply
    {
        var headers = [("Content-Type", "application/json")]
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        let body = try rawBody.map { Array($0.utf8) } ?? Array(JSONSerialization.data(withJSONObject: fields ?? [:]))
        return try await send(.POST, "/api/incremental_damage", headers: headers, body: body, timeout: timeout)
    }

    /// Uploads one inspection (a fresh session) and returns its session.
    func uploadInspection(
        key: String = "demo-key", caseID: String, files: [(String, [UInt8])], callbackURL: String? = nil
    )
        async throws -> String
    {
        let grant = try await authenticate(key: key)
        let form = MultipartForm.upload(session: grant.session, caseID: caseID, files: files, callbackURL: callbackURL)
        let reply = try await upload(bearer: grant.refreshToken, form: form)
        guard reply.status == 200 else { throw WireError.unexpected(reply.status, reply.text) }
        return grant.session
    }
}
