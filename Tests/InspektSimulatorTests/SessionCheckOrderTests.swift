import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// API.md leaves open which refusal wins for a spent session sent with another session's token; the simulator
/// answers as its configuration says, and only that case depends on it.
@Suite("POST /api/upload, the order of the session checks")
struct SessionCheckOrderTests {
    static let photo = TestImages.jpeg(width: 640, height: 480)

    @Test(arguments: SessionCheckOrder.allCases)
    func aSpentSessionWithAnotherSessionsToken(order: SessionCheckOrder) async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.sessionCheckOrder = order
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)

            let fresh = try await wire.authenticate()
            let confirm = try await wire.upload(bearer: fresh.refreshToken, form: form)
            switch order {
            case .spentFirst:
                #expect(confirm.status == 400)
                #expect(confirm.message == "Inspection Id already exists, please generate a new one")
            case .tokenFirst:
                #expect(confirm.status == 401)
                #expect(confirm.message == "token invalid")
            }
            // Under either order: its own token still meets "already exists", an unspent session another
            // session's token meets "token invalid", and nothing is accepted twice.
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 400)
            let unspent = MultipartForm.upload(session: fresh.session, files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: unspent).message == "token invalid")
            #expect(await harness.ledger().map(\.session) == [grant.session])
        }
    }

    @Test func anAcceptedReplyIsHeldWithItsUploadAlreadyInTheLedger() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.acceptedReplyHold = 2
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            let upload = Task { try await wire.upload(bearer: grant.refreshToken, form: form).status }
            #expect(await eventually(timeout: 10) { await harness.ledger().count == 1 })
            let started = ContinuousClock.now
            #expect(try await upload.value == 200)
            // Seen in the ledger while the reply still waited (a lower bound: never a deadline).
            #expect(ContinuousClock.now - started >= .seconds(1))
        }
    }
}
