import AsyncHTTPClient
import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

@Suite("POST /api/incremental_damage")
struct IncrementalDamageEndpointTests {
    static let pickup = [("front_pickup.jpg", TestImages.jpeg(width: 640, height: 480, seed: 1))]
    static let dropOff = [("front_return.jpg", TestImages.jpeg(width: 640, height: 480, seed: 2))]

    /// Two accepted inspections of `key`'s account and a fresh comparison session of the same account.
    struct Setup {
        var earlier: String
        var later: String
        var grant: SimulatorWire.Grant

        func fields(caseID: String = "CMP-1", session: String? = nil) -> [String: Any] {
            [
                "case_id": caseID, "session": session ?? grant.session, "inspection_id_1": earlier,
                "inspection_id_2": later,
            ]
        }
    }

    func setUp(_ wire: SimulatorWire, key: String = "demo-key") async throws -> Setup {
        let earlier = try await wire.uploadInspection(key: key, caseID: "PICKUP", files: Self.pickup)
        let later = try await wire.uploadInspection(key: key, caseID: "RETURN", files: Self.dropOff)
        return Setup(earlier: earlier, later: later, grant: try await wire.authenticateIncremental(key: key))
    }

    @Test("either token of the pair is accepted: 200 success with the session, listed in the ledger as a comparison")
    func accepted() async throws {
        try await withSimulator { harness, wire in
            let first = try await setUp(wire)
            let reply = try await wire.compare(bearer: first.grant.refreshToken, fields: first.fields())
            #expect(reply.status == 200)
            #expect(reply.body["status"] as? String == "success")
            #expect(reply.body["session"] as? String == first.grant.session)

            let second = try await wire.authenticateIncremental()
            let byAccess = try await wire.compare(
                bearer: second.accessToken, fields: first.fields(session: second.session))
            #expect(byAccess.status == 200)
            #expect(byAccess.body["session"] as? String == second.session)

            let comparisons = await harness.ledger().filter { $0.kind == .comparison }
            #expect(comparisons.map(\.session) == [first.grant.session, second.session])
            #expect(comparisons.allSatisfy { $0.inspectionID1 == first.earlier && $0.inspectionID2 == first.later })
            #expect(comparisons.allSatisfy { $0.caseID == "CMP-1" && $0.files.isEmpty })
            #expect(await harness.ledger().filter { $0.kind == .inspection }.count == 2)
        }
    }

    @Test("missing, malformed, expired or another session's Bearer: 401 token invalid, nothing accepted")
    func tokenInvalid() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorConfiguration(tokenTTL: 4, processingDelay: 0.2, now: { clock.now() })) {
            harness, wire in
            let setup = try await setUp(wire)
            #expect(try await wire.compare(bearer: nil, fields: setup.fields()).message == "token invalid")
            #expect(try await wire.compare(bearer: "not.a.jwt", fields: setup.fields()).message == "token invalid")
            let other = try await wire.authenticateIncremental()
            let mismatch = try await wire.compare(bearer: other.refreshToken, fields: setup.fields())
            #expect(mismatch.status == 401)
            #expect(mismatch.message == "token invalid")
            // The tokens' four seconds pass on the simulator's clock.
            clock.advance(by: 5)
            let expired = try await wire.compare(bearer: setup.grant.refreshToken, fields: ["case_id": "x"])
            #expect(expired.status == 401)
            #expect(expired.message == "token invalid")
            #expect(await harness.ledger().filter { $0.kind == .comparison }.isEmpty)
        }
    }

    @Test("an account without incremental access: 403 no access")
    func noAccess() async throws {
        var configuration = SimulatorConfiguration(apiKeys: ["demo-key", "basic-key"], processingDelay: 0.2)
        configuration.keysWithoutIncrementalAccess = ["basic-key"]
        try await withSimulator(configuration) { harness, wire in
            let setup = try await setUp(wire, key: "basic-key")
            let reply = try await wire.compare(bearer: setup.grant.refreshToken, fields: setup.fields())
            #expect(reply.status == 403)
            #expect(reply.message == "no access")
            #expect(await harness.ledger().filter { $0.kind == .comparison }.isEmpty)
        }
    }

    @Test("an inspection id unknown, of another account, or itself a comparison: 404 cases not found")
    func casesNotFound() async throws {
        try await withSimulator(SimulatorConfiguration(apiKeys: ["demo-key", "other-key"], processingDelay: 0.2)) {
            harness, wire in
            let setup = try await setUp(wire)
            let foreign = try await wire.uploadInspection(key: "other-key", caseID: "FOREIGN", files: Self.pickup)
            let accepted = try await wire.compare(bearer: setup.grant.refreshToken, fields: setup.fields())
            #expect(accepted.status == 200)
            for (earlier, later) in [
                ("in9999920250101000000", setup.later), (setup.earlier, "in9999920250101000000"),
                (foreign, setup.later),
                (setup.earlier, foreign), (setup.grant.session, setup.later),
            ] {
                let grant = try await wire.authenticateIncremental()
                let reply = try await wire.compare(
                    bearer: grant.refreshToken,
                    fields: [
                        "case_id": "CMP-2", "session": grant.session, "inspection_id_1": earlier,
                        "inspection_id_2": later,
                    ])
                #expect(reply.status == 404, "\(earlier) \(later)")
                #expect(reply.message == "cases not found", "\(earlier) \(later)")
            }
            #expect(await harness.ledger().filter { $0.kind == .comparison }.count == 1)
        }
    }

    @Test("a session used once: 400 Inspection Id already exists; a made-up one: 400 hit authenticate first")
    func sessionRules() async throws {
        try await withSimulator { harness, wire in
            let setup = try await setUp(wire)
            #expect(try await wire.compare(bearer: setup.grant.refreshToken, fields: setup.fields()).status == 200)
            let again = try await wire.compare(
                bearer: setup.grant.refreshToken, fields: setup.fields(caseID: "CMP-AGAIN"))
            #expect(again.status == 400)
            #expect(again.message == "Inspection Id already exists, please generate a new one")
            // A session that an upload spent is spent for comparisons too.
            let uploaded = try await wire.compare(
                bearer: setup.grant.refreshToken, fields: setup.fields(session: setup.later))
            #expect(uploaded.message == "Inspection Id already exists, please generate a new one")

            let madeUp = try await wire.compare(
                bearer: setup.grant.refreshToken, fields: setup.fields(session: "in1234520250909153012"))
            #expect(madeUp.status == 400)
            #expect(madeUp.message == "Please hit authenticate endpoint first and use session from there")
            #expect(await harness.ledger().filter { $0.kind == .comparison }.count == 1)
        }
    }

    @Test(
        "a field missing or empty, or a body that is not a JSON object: 400 Missing a required field",
        arguments: ["case_id", "session", "inspection_id_1", "inspection_id_2", "<not json>", "<array>"])
    func missingField(field: String) async throws {
        try await withSimulator { harness, wire in
            let setup = try await setUp(wire)
            var replies: [SimulatorWire.Reply] = []
            switch field {
            case "<not json>":
                replies.append(try await wire.compare(bearer: setup.grant.refreshToken, rawBody: "case_id=CMP-1"))
            case "<array>":
                replies.append(try await wire.compare(bearer: setup.grant.refreshToken, rawBody: #"["CMP-1"]"#))
            default:
                var without = setup.fields()
                without[field] = nil
                var empty = setup.fields()
                empty[field] = ""
                var number = setup.fields()
                number[field] = 42
                for fields in [without, empty, number] {
                    replies.append(try await wire.compare(bearer: setup.grant.refreshToken, fields: fields))
                }
            }
            for reply in replies {
                #expect(reply.status == 400, "\(field)")
                #expect(reply.message == "Missing a required field", "\(field)")
            }
            #expect(await harness.ledger().filter { $0.kind == .comparison }.isEmpty)
            // Nothing was spent: the same session still compares.
            #expect(try await wire.compare(bearer: setup.grant.refreshToken, fields: setup.fields()).status == 200)
        }
    }

    @Test("a dropped reply: the comparison is accepted, the connection closes, and the retry meets already exists")
    func droppedReply() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 0.2)
        configuration.comparisonReplyDrops = 1
        try await withSimulator(configuration) { harness, wire in
            let setup = try await setUp(wire)
            await #expect(throws: HTTPClientError.self) {
                _ = try await wire.compare(
                    bearer: setup.grant.refreshToken, fields: setup.fields(), timeout: .seconds(10))
            }
            #expect(await harness.ledger().filter { $0.kind == .comparison }.map(\.session) == [setup.grant.session])
            let retry = try await wire.compare(bearer: setup.grant.refreshToken, fields: setup.fields())
            #expect(retry.status == 400)
            #expect(retry.message == "Inspection Id already exists, please generate a new one")
            // The drop budget is spent: the next comparison hears its reply.
            let next = try await wire.authenticateIncremental()
            #expect(
                try await wire.compare(bearer: next.refreshToken, fields: setup.fields(session: next.session)).status
                    == 200)
            #expect(await harness.ledger().filter { $0.kind == .comparison }.count == 2)
        }
    }
}
