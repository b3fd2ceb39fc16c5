import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

/// Done-when 6: results pushed to the receiver, and every refusal storing nothing.
@Suite struct CallbackReceiverTests {
    /// A fixture plus an in-process receiver whose address is the callback base.
    private func startWithReceiver(
        _ simulator: SimulatorConfiguration = SimulatorConfiguration(processingDelay: 3600), secret: String? = "s3cret"
    ) async throws -> (ServiceFixture, CallbackReceiver, String) {
        let fixture = try await ServiceFixture.start(simulator, webhookSecret: secret)
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger)
        let port = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0))
        let base = "http://127.0.0.1:\(port)"
        fixture.service.useCallbackBase(base)
        return (fixture, receiver, base)
    }

    @Test func availableResultFromTheSimulatorTurnsStatusToAvailableAndRepeatChangesNothing() async throws {
        let (fixture, receiver, _) = try await startWithReceiver(SimulatorConfiguration(processingDelay: 0.2))
        try await stopAfter(receiver, fixture) {
            let inspection = try fixture.draft("CASE-OK", photos: fixture.photos(3, width: 640, height: 480))
            let session = try await fixture.service.submit(id: inspection.id)

            let done = try #require(try await fixture.waitFor(inspection.id, state: .available))
            #expect(done.state == .available)
            let result = try #require(done.result)
            #expect(result.inspectionID == session)
            let document = try #require(try fixture.store.resultDocument(inspectionID: inspection.id))
            let expected = try ResultDocument.summary(from: document)
            #expect(result.damagedPartCount == expected.damagedPartCount)

            // Deliver the very same document again: 200, nothing changes.
            let url = try #require(try fixture.service.callbackURL(id: inspection.id))
            let eventsBefore = try fixture.store.events(inspectionID: inspection.id).count
            let (status, body) = try await HTTP.post(url, body: document)
            #expect(status == 200)
            #expect(body.contains("unchanged"))
            #expect(try fixture.store.events(inspectionID: inspection.id).count == eventsBefore)
            #expect(try fixture.store.inspection(id: inspection.id)?.result == result)
        }
    }

    @Test func rejectedResultCarriesTheReason() async throws {
        let (fixture, receiver, _) = try await startWithReceiver(SimulatorConfiguration(processingDelay: 0.2))
        try await stopAfter(receiver, fixture) {
            let inspection = try fixture.draft("CASE-SMALL", photos: fixture.photos(2, width: 160, height: 120))
            try await fixture.service.submit(id: inspection.id)

            let done = try #require(try await fixture.waitFor(inspection.id, state: .rejected))
            #expect(done.state == .rejected)
            #expect(done.result?.message?.contains("smaller than 320") == true, "\(String(describing: done.result))")
        }
    }

    /// Submits one inspection whose result will not come on its own (long processing delay).
    private func accepted(_ fixture: ServiceFixture, _ caseID: String) async throws -> (Inspection, String, String) {
        let inspection = try fixture.draft(caseID, photos: fixture.photos(1, prefix: caseID))
        let session = try await fixture.service.submit(id: inspection.id)
        let url = try #require(try fixture.service.callbackURL(id: inspection.id))
        return (inspection, session, url)
    }

    private func expectNothingStored(_ fixture: ServiceFixture, _ inspection: Inspection) throws {
        #expect(try fixture.store.resultDocument(inspectionID: inspection.id) == nil)
        #expect(try fixture.store.inspection(id: inspection.id)?.state == .processing)
        #expect(try fixture.store.inspection(id: inspection.id)?.result == nil)
    }

    @Test func refusalsStoreNothing() async throws {
        let (fixture, receiver, base) = try await startWithReceiver()
        try await stopAfter(receiver, fixture) {
            let (inspection, session, url) = try await accepted(fixture, "CASE-REFUSE")
            let good = ResultJSON.available(caseID: "CASE-REFUSE", session: session)

            // Unknown token: 404.
            #expect(try await HTTP.post(base + "/callbacks/00000000000000000000000000000000", body: good).0 == 404)
            // The token's inspection has another session: 409.
            let other = ResultJSON.available(caseID: "CASE-REFUSE", session: "in999920250101000000")
            #expect(try await HTTP.post(url, body: other).0 == 409)
            // Malformed JSON: 400.
            #expect(try await HTTP.post(url, body: Data("{\"status\": \"Avail".utf8)).0 == 400)
            // Over 10 MB: 413.
            var huge = Data("{\"status\":\"Available\",\"inspectionId\":\"\(session)\",\"pad\":\"".utf8)
            huge.append(Data(repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024))
            huge.append(Data("\"}".utf8))
            #expect(try await HTTP.post(url, body: huge).0 == 413)
            // Webhook without the secret, or with a wrong one: 401.
            #expect(try await HTTP.post(base + "/webhook", body: good).0 == 401)
            #expect(try await HTTP.post(base + "/webhook", body: good, headers: ["X-Inspekt-Secret": "guess"]).0 == 401)
            let wrongBasic = Data("inspektlabs:guess".utf8).base64EncodedString()
            #expect(
                try await HTTP.post(base + "/webhook", body: good, headers: ["Authorization": "Basic \(wrongBasic)"]).0
                    == 401)

            try expectNothingStored(fixture, inspection)
        }
    }

    @Test func webhookWithTheSecretStoresOnce() async throws {
        let (fixture, receiver, base) = try await startWithReceiver()
        try await stopAfter(receiver, fixture) {
            let (inspection, session, _) = try await accepted(fixture, "CASE-HOOK")
            let (second, secondSession, _) = try await accepted(fixture, "CASE-HOOK2")

            let result = ResultJSON.available(caseID: "CASE-HOOK", session: session, parts: ["bumper", "door", "hood"])
            let (status, body) = try await HTTP.post(
                base + "/webhook", body: result, headers: ["X-Inspekt-Secret": "s3cret"])
            #expect(status == 200)
            #expect(body.contains("stored"))
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .available)
            #expect(stored.result?.damagedPartCount == 3)
            #expect(try fixture.store.resultDocument(inspectionID: inspection.id) == result)

            let rejected = ResultJSON.rejected(
                caseID: "CASE-HOOK2", session: secondSession, message: "Vehicle not visible")
            let basic = Data("inspektlabs:s3cret".utf8).base64EncodedString()
            #expect(
                try await HTTP.post(base + "/webhook", body: rejected, headers: ["Authorization": "Basic \(basic)"]).0
                    == 200)
            #expect(try fixture.store.inspection(id: second.id)?.state == .rejected)
            #expect(try fixture.store.inspection(id: second.id)?.result?.message == "Vehicle not visible")
            // A repeat is harmless.
            #expect(
                try await HTTP.post(base + "/webhook", body: rejected, headers: ["X-Inspekt-Secret": "s3cret"]).1
                    .contains("unchanged"))
        }
    }

    @Test func webhookIsClosedWithoutAConfiguredSecret() async throws {
        let (fixture, receiver, base) = try await startWithReceiver(secret: nil)
        try await stopAfter(receiver, fixture) {
            let (inspection, session, _) = try await accepted(fixture, "CASE-NOSECRET")
            let good = ResultJSON.available(caseID: "CASE-NOSECRET", session: session)
            #expect(try await HTTP.post(base + "/webhook", body: good, headers: ["X-Inspekt-Secret": ""]).0 == 401)
            try expectNothingStored(fixture, inspection)
        }
    }

    @Test func portalFileImportMatchesBySessionAndRepeatChangesNothing() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-IMPORT", photos: fixture.photos(1))
            let session = try await fixture.service.submit(id: inspection.id)
            let document = ResultJSON.available(caseID: "CASE-IMPORT", session: session, parts: ["mirror"])

            let first = try fixture.service.importResultReportingChange(document)
            #expect(first.changed)
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .available)
            let again = try fixture.service.importResultReportingChange(document)
            #expect(!again.changed)
            #expect(throws: ResultIntake.Refusal.self) {
                try fixture.service.importResult(ResultJSON.available(caseID: "X", session: "in000020250101000000"))
            }
            #expect(throws: ResultIntake.Refusal.self) { try fixture.service.importResult(Data("not json".utf8)) }
        }
    }
}
