import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Testing

/// Vehicle history (`v` on the board) and what `c` offers to compare with, over a real SQLite store; and a result
/// that comes only through the account webhook lands on the inspection its `inspectionId` names.
@Suite struct VehicleHistoryTests {
    /// A stored inspection of `vehicle`; accepted ones get a session as Inspektlabs would have given.
    private func stored(
        _ fixture: ServiceFixture, _ caseID: String, vehicle: String, state: InspectionState = .draft
    ) throws
        -> Inspection
    {
        let inspection = try fixture.service.createDraft(CaseFacts(caseID: caseID, vehicle: vehicle))
        if state != .draft {
            try fixture.store.setSession(inspectionID: inspection.id, session: "in-\(caseID)")
            try fixture.store.setState(inspection.id, state)
        }
        return try #require(try fixture.store.inspection(id: inspection.id))
    }

    @Test func aVehiclesInspectionsAreGroupedByNormalisedPlateOldestFirst() async throws {
        let fixture = try await ServiceFixture.start()
        do {
            let first = try stored(fixture, "PICKUP", vehicle: "KA01AB1234", state: .available)
            _ = try stored(fixture, "OTHER", vehicle: "KA01AB1235", state: .available)
            let second = try stored(fixture, "MIDWAY", vehicle: "ka-01 ab 1234")
            let third = try stored(fixture, "RETURN", vehicle: "KA 01\u{2011}AB\u{2011}1234", state: .processing)
            _ = try stored(fixture, "NO-PLATE", vehicle: "")

            let history = try fixture.service.inspections(ofVehicle: " Ka01-Ab1234 ")
            #expect(history.map(\.facts.caseID) == ["PICKUP", "MIDWAY", "RETURN"])
            #expect(history.map(\.id) == [first.id, second.id, third.id])
            #expect(try fixture.service.inspections(ofVehicle: "").isEmpty, "no vehicle entered is no vehicle")
            #expect(try fixture.service.inspections(ofVehicle: "--").isEmpty)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func candidatesAreTheEarlierInspectionsOfTheVehicleNewestFirstOrEveryVehiclesAcceptedOnes() async throws {
        let fixture = try await ServiceFixture.start()
        do {
            _ = try stored(fixture, "OLDEST", vehicle: "KA01AB1234", state: .available)
            _ = try stored(fixture, "ELSEWHERE", vehicle: "MH12XY0001", state: .available)
            _ = try stored(fixture, "DRAFT", vehicle: "KA01AB1234")
            _ = try stored(fixture, "PICKUP", vehicle: "ka01ab1234", state: .failedRetryable)
            let dropOff = try stored(fixture, "RETURN", vehicle: "KA-01-AB-1234", state: .available)
            _ = try stored(fixture, "LATER", vehicle: "KA01AB1234", state: .available)

            // Drafts were never inspections of the car; a failed one is listed (the operator sees why it is not picked).
            let same = try fixture.service.comparisonCandidates(for: dropOff.id, anyVehicle: false)
            #expect(same.map(\.facts.caseID) == ["PICKUP", "OLDEST"])
            let every = try fixture.service.comparisonCandidates(for: dropOff.id, anyVehicle: true)
            #expect(every.map(\.facts.caseID) == ["ELSEWHERE", "OLDEST"])
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func resultsDeliveredOnlyThroughTheWebhookLandOnTheInspectionTheyName() async throws {
        let port = FreeLoopbackPort.find()
        var configuration = SimulatorConfiguration(processingDelay: 0.2)
        configuration.webhookURL = "http://127.0.0.1:\(port)/webhook"
        configuration.webhookSecret = "s3cret"
        let fixture = try await ServiceFixture.start(configuration, webhookSecret: "s3cret")
        // Nothing listens on the discard port: a result can only come through the account webhook.
        fixture.service.useCallbackBase("http://127.0.0.1:9")
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger)
        do {
            _ = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: port))
            var ids: [String: String] = [:]
            for (caseID, vehicle) in [("PICKUP", "KA01AB1234"), ("RETURN", "ka-01 ab 1234")] {
                var inspection = try fixture.service.createDraft(CaseFacts(caseID: caseID, vehicle: vehicle))
                inspection.photos = try fixture.photos(8, width: 640, height: 480, prefix: caseID)
                try fixture.service.save(inspection)
                _ = try await fixture.service.submit(id: inspection.id)
                ids[caseID] = inspection.id
            }
            for (caseID, id) in ids {
                let done = try #require(try await fixture.waitFor(id, state: .available, seconds: 20))
                #expect(done.result?.inspectionID == done.session, "\(caseID): its own result")
                #expect(done.result?.caseID == caseID)
            }
            let outcome = try await fixture.service.compare(before: "PICKUP", after: "RETURN", caseID: "CMP-1")
            let comparison = try #require(try await fixture.waitFor(outcome.id, state: .available, seconds: 20))
            #expect(comparison.result?.inspectionID == outcome.session)
            #expect(comparison.compared == outcome.compared)
            // The car's history holds the comparison too, last, and knows it for one.
            let history = try fixture.service.inspections(ofVehicle: "KA01AB1234")
            #expect(history.map(\.facts.caseID) == ["PICKUP", "RETURN", "CMP-1"])
            #expect(history.map { $0.compared != nil } == [false, false, true])
            // The comparison's result did not touch the inspections it compares.
            for (caseID, id) in ids {
                #expect(try fixture.store.inspection(id: id)?.result?.caseID == caseID)
            }
        } catch {
            await receiver.stop()
            await fixture.stop()
            throw error
        }
        await receiver.stop()
        await fixture.stop()
    }
}
