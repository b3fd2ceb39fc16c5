import Crypto
import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

@Suite("POST /api/upload")
struct UploadEndpointTests {
    static let photo = TestImages.jpeg(width: 640, height: 480)

    @Test("an upload with the refresh_token is accepted and spends the session")
    func accepted() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, caseID: "CASE-12345", files: [("front_IMG_1.jpg", Self.photo)],
                extra: [("email_id", "a@example.com"), ("agent_id", "A1"), ("agent_name", "Ann")])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 200)
            #expect(reply.body["status"] as? String == "success")
            #expect(reply.body["session"] as? String == grant.session)
            let ledger = await harness.ledger()
            #expect(ledger.map(\.session) == [grant.session])
            #expect(ledger.first?.caseID == "CASE-12345")
        }
    }

    @Test("the access_token as Bearer is refused: 401 token invalid, nothing accepted")
    func accessTokenRefused() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            let reply = try await wire.upload(bearer: grant.accessToken, form: form)
            #expect(reply.status == 401)
            #expect(reply.message == "token invalid")
            #expect(await harness.ledger().isEmpty)
            // The same session is still usable with the right token.
            let retry = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(retry.status == 200)
        }
    }

    @Test("missing, malformed, forged or foreign Bearer: 401 token invalid")
    func badBearers() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            var pieces = grant.refreshToken.split(separator: ".").map(String.init)
            pieces[2] = String(pieces[2].reversed())
            let forged = pieces.joined(separator: ".")
            let other = try await SimulatorHarness.start()
            let foreign = try await SimulatorWire(baseURL: other.baseURL).authenticate().refreshToken
            await other.stop()
            for bearer in [nil, "", "garbage", "a.b.c", forged, foreign] {
                let reply = try await wire.upload(bearer: bearer, form: form)
                #expect(reply.status == 401, "bearer \(bearer ?? "none")")
                #expect(reply.message == "token invalid")
            }
            let basic = try await wire.send(
                .POST, "/api/upload",
                headers: [("Authorization", "Basic \(grant.refreshToken)"), ("Content-Type", form.contentType)],
                body: form.bytes)
            #expect(basic.status == 401)
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("an expired refresh_token: 401 token invalid")
    func expiredToken() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorConfiguration(tokenTTL: 1, processingDelay: 0.2, now: { clock.now() })) {
            _, wire in
            let grant = try await wire.authenticate()
            clock.advance(by: 2.1)
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 401)
            #expect(reply.message == "token invalid")
        }
    }

    @Test("a session is single-use: the second upload gets Inspection Id already exists")
    func singleUse() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)
            let again = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(again.status == 400)
            #expect(again.message == "Inspection Id already exists, please generate a new one")
            // Also with a fresh token from a new authentication (the lost-reply retry path).
            let fresh = try await wire.authenticate()
            let viaFresh = try await wire.upload(bearer: fresh.refreshToken, form: form)
            #expect(viaFresh.message == "Inspection Id already exists, please generate a new one")
            #expect(await harness.ledger().count == 1)
        }
    }

    @Test("a session never issued: 400 Please hit authenticate endpoint first")
    func sessionNotIssued() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: "in123420250909153012", files: [("front_a.jpg", Self.photo)])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 400)
            #expect(reply.message == "Please hit authenticate endpoint first and use session from there")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("a token of another session: 401 token invalid")
    func tokenOfOtherSession() async throws {
        try await withSimulator { harness, wire in
            let first = try await wire.authenticate()
            let second = try await wire.authenticate()
            let form = MultipartForm.upload(session: first.session, files: [("front_a.jpg", Self.photo)])
            let reply = try await wire.upload(bearer: second.refreshToken, form: form)
            #expect(reply.status == 401)
            #expect(reply.message == "token invalid")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test(
        "each required field missing: 400 Missing a required field", arguments: ["type", "session", "case_id", "files"])
    func missingField(field: String) async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            var form = MultipartForm()
            if field != "type" { form.field("type", "file") }
            if field != "session" { form.field("session", grant.session) }
            if field != "case_id" { form.field("case_id", "CASE-1") }
            if field != "files" { form.file("front_a.jpg", Self.photo) }
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form.finished())
            #expect(reply.status == 400)
            #expect(reply.message == "Missing a required field")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("a body that is not multipart, or is cut short: 400 Missing a required field")
    func notMultipart() async throws {
        try await withSimulator { _, wire in
            let grant = try await wire.authenticate()
            let json = try await wire.send(
                .POST, "/api/upload",
                headers: [("Authorization", "Bearer \(grant.refreshToken)"), ("Content-Type", "application/json")],
                body: Array(#"{"type":"file","session":"\#(grant.session)","case_id":"C"}"#.utf8))
            #expect(json.status == 400)
            #expect(json.message == "Missing a required field")
            let full = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            let cut = try await wire.send(
                .POST, "/api/upload",
                headers: [("Authorization", "Bearer \(grant.refreshToken)"), ("Content-Type", full.contentType)],
                body: Array(full.bytes.dropLast(40)))
            #expect(cut.status == 400)
            #expect(cut.message == "Missing a required field")
        }
    }

    @Test(
        "extension not accepted, or content disagreeing with it: 400 Unsupported file type: <name>",
        arguments: [
            ("notes.txt", Array("hello".utf8)),
            ("front_fake.jpg", Array("this is text, not a photo".utf8)),
            ("front_png-named.jpg", TestImages.png(width: 640, height: 480)),
            ("front_empty.jpg", []),
            ("noextension", TestImages.jpeg(width: 640, height: 480)),
        ])
    func unsupportedFile(name: String, content: [UInt8]) async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("front_ok.jpg", Self.photo), (name, content)])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 400)
            #expect(reply.message == "Unsupported file type: \(name)")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("100 files: 400 Too many files; 99 are accepted")
    func tooManyFiles() async throws {
        try await withSimulator { harness, wire in
            let tiny = TestImages.jpeg(width: 640, height: 480, padding: 8)
            let grant = try await wire.authenticate()
            let hundred = MultipartForm.upload(
                session: grant.session, files: (1...100).map { ("damage_\($0).jpg", tiny) })
            let reply = try await wire.upload(bearer: grant.refreshToken, form: hundred)
            #expect(reply.status == 400)
            #expect(reply.message == "Too many files: at most 99 per request")
            let ninetyNine = MultipartForm.upload(
                session: grant.session, files: (1...99).map { ("damage_\($0).jpg", tiny) })
            #expect(try await wire.upload(bearer: grant.refreshToken, form: ninetyNine).status == 200)
            #expect(await harness.ledger().first?.files.count == 99)
        }
    }

    @Test("an image and a video together: 400 Images and videos cannot be mixed")
    func mixedMedia() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session,
                files: [("front_a.jpg", Self.photo), ("walk.mp4", TestImages.mp4(size: 1_100_000))])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 400)
            #expect(reply.message == "Images and videos cannot be mixed")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("the ledger lists case id, session, file names, sizes and SHA-256 of what arrived")
    func ledgerContents() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let files = [
                ("front_IMG_0001.jpg", TestImages.jpeg(width: 800, height: 600, seed: 1, padding: 70_000)),
                ("rear-left_IMG_0002.png", TestImages.png(width: 800, height: 600)),
            ]
            let form = MultipartForm.upload(
                session: grant.session, caseID: "CASE-777", files: files, callbackURL: "http://127.0.0.1:9/cb")
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)

            let reply = try await wire.send(.GET, "/__simulator/ledger")
            #expect(reply.status == 200)
            let inspections = try #require(reply.body["inspections"] as? [[String: Any]])
            #expect(inspections.count == 1)
            let entry = try #require(inspections.first)
            #expect(entry["case_id"] as? String == "CASE-777")
            #expect(entry["session"] as? String == grant.session)
            #expect(entry["callback_url"] as? String == "http://127.0.0.1:9/cb")
            #expect(entry["accepted_at"] is String)
            let listed = try #require(entry["files"] as? [[String: Any]])
            #expect(listed.map { $0["name"] as? String } == files.map(\.0))
            #expect(listed.map { $0["size"] as? Int } == files.map(\.1.count))
            #expect(listed.map { $0["sha256"] as? String } == files.map { sha256Hex($0.1) })

            // The same through the decoder and the in-process API.
            let decoded = try Ledger.decoder.decode(Ledger.self, from: Data(reply.text.utf8))
            let inProcess = await harness.ledger()
            #expect(decoded.inspections.map(\.files) == inProcess.map(\.files))
            #expect(decoded.inspections.map(\.session) == inProcess.map(\.session))
        }
    }
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

@Suite("POST /api/upload, on the wire")
struct UploadWireTests {
    @Test("two concurrent uploads of one session: exactly one is accepted")
    func concurrentSameSession() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session,
                files: [("front_a.jpg", TestImages.jpeg(width: 640, height: 480, padding: 200_000))])
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await wire.upload(bearer: grant.refreshToken, form: form).status }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all.sorted()
            }
            #expect(statuses == [200, 400, 400, 400])
            #expect(await harness.ledger().count == 1)
        }
    }

    @Test("Expect: 100-continue gets 100 Continue before the body; a bad token gets 401 without it")
    func expectContinue() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("front_a.jpg", TestImages.jpeg(width: 640, height: 480))])
            func head(_ bearer: String) -> [UInt8] {
                Array(
                    ("POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(bearer)\r\nExpect: 100-continue\r\n"
                        + "Connection: close\r\nContent-Type: \(form.contentType)\r\nContent-Length: \(form.bytes.count)\r\n\r\n")
                        .utf8)
            }
            let accepted = String(
                decoding: try await RawSocket.exchange(
                    port: harness.port, request: head(grant.refreshToken) + form.bytes), as: UTF8.self)
            #expect(accepted.hasPrefix("HTTP/1.1 100 Continue\r\n"))
            #expect(accepted.contains("HTTP/1.1 200 OK\r\n"))
            let refused = String(
                decoding: try await RawSocket.exchange(port: harness.port, request: head("nope")), as: UTF8.self)
            #expect(refused.hasPrefix("HTTP/1.1 401"))
            #expect(!refused.contains("100 Continue"))
        }
    }

    @Test("the ledger writes callback_url as null when the upload had none")
    func ledgerNullCallback() async throws {
        try await withSimulator { _, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("front_a.jpg", TestImages.jpeg(width: 640, height: 480))])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)
            let ledger = try await wire.send(.GET, "/__simulator/ledger")
            #expect(ledger.text.contains(#""callback_url":null"#))
        }
    }
}
