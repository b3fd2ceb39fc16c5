import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

@Suite("Gateway error after accept")
struct GatewayErrorFaultTests {
    static let photo = TestImages.jpeg(width: 640, height: 480)

    @Test(
        "gateway-error-after-accept 1: the upload counts and its session is spent, the client hears 504; the retry meets already exists"
    )
    func gatewayErrorAfterAccept() async throws {
        let configuration = SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1)
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, caseID: "CASE-GW", files: [("front_a.jpg", Self.photo)])
            let first = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(first.status == 504)
            #expect(await harness.ledger().map(\.session) == [grant.session])

            let retry = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(retry.status == 400)
            #expect(retry.message == "Inspection Id already exists, please generate a new one")
            #expect(await harness.ledger().count == 1)

            // Only the first N accepted uploads are answered 504: the next inspection hears its acceptance.
            let next = try await wire.authenticate()
            let nextForm = MultipartForm.upload(
                session: next.session, caseID: "CASE-GW2", files: [("front_a.jpg", Self.photo)])
            let accepted = try await wire.upload(bearer: next.refreshToken, form: nextForm)
            #expect(accepted.status == 200)
            #expect(await harness.ledger().map(\.caseID) == ["CASE-GW", "CASE-GW2"])
        }
    }

    @Test("a refused upload does not use up the gateway errors")
    func refusalsDoNotCount() async throws {
        let configuration = SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1)
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let bad = MultipartForm.upload(session: "in1020250101000000", files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: bad).status == 400)
            let form = MultipartForm.upload(
                session: grant.session, caseID: "CASE-GW3", files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 504)
            #expect(await harness.ledger().count == 1)
        }
    }
}
