import Foundation
import InspektAPI
import InspektCore
import InspektService
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Testing

/// Issue 10, done-when 2 (service part): pickup, return, comparison, its pushed result; exactly once.
@Suite struct ComparisonTests {
    /// A fixture with an in-process receiver as the callback base.
    private func start(_ simulator: SimulatorConfiguration) async throws -> (ServiceFixture, CallbackReceiver) {
        let fixture = try await ServiceFixture.start(simulator)
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger)
        let port = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0))
        fixture.service.useCallbackBase("http://127.0.0.1:\(port)")
        return (fixture, receiver)
    }

    /// Submits an inspection of `vehicle` under `caseID` with its own photos; returns it as stored.
    private func submitted(
        _ fixture: ServiceFixture, _ caseID: String, vehicle: String = "KA01AB1234"
    ) async throws -> Inspection {
        var inspection = try fixture.service.createDraft(CaseFacts(caseID: caseID, vehicle: vehicle))
        inspection.photos = try fixture.photos(8, width: 640, height: 480, prefix: caseID)
        try fixture.service.save(inspection)
        try await fixture.service.submit(id: inspection.id)
        return try #require(try fixture.store.inspection(id: inspection.id))
    }

    @Test func pickupReturnCompareAndTheResultListsOnlyTheNewDamage() async throws {
        let (fixture, receiver) = try await start(SimulatorConfiguration(processingDelay: 0.2))
        try await stopAfter(receiver, fixture) {
            let pickup = try await submitted(fixture, "PICKUP", vehicle: "KA01AB1234")
            let dropOff = try await submitted(fixture, "RETURN", vehicle: "ka-01 ab 1234")
            let earlier = try #require(try await fixture.waitFor(pickup.id, state: .available)?.result)
            let later = try #require(try await fixture.waitFor(dropOff.id, state: .available)?.result)

            let outcome = try await fixture.service.compare(before: "PICKUP", after: "RETURN", caseID: "CMP-1")
            #expect(
                outcome.compared
                    == ComparedInspections(before: try #require(pickup.session), after: try #require(dropOff.session)))
            // Its own session, written down and spent; its own row, of its own kind.
            let sessions = try fixture.store.sessions(inspectionID: outcome.id)
            #expect(sessions.map(\.session) == [outcome.session])
            #expect(sessions.first?.spent == true)
            #expect(try fixture.service.comparedInspections(id: outcome.id) == outcome.compared)
            #expect(try fixture.service.comparedInspections(id: pickup.id) == nil)
            let ledger = await fixture.simulator.ledger().filter { $0.kind == .comparison }
            #expect(ledger.map(\.session) == [outcome.session])
            #expect(ledger.first?.caseID == "CMP-1")
            #expect(ledger.first?.inspectionID1 == pickup.session)
            #expect(ledger.first?.inspectionID2 == dropOff.session)

            // The result comes to the receiver, matched by inspectionId like any other.
            let comparison = try #require(try await fixture.waitFor(outcome.id, state: .available))
            let result = try #require(comparison.result)
            #expect(result.inspectionID == outcome.session)
            #expect(result.caseID == "CMP-1")
            let seen = Set(earlier.damagedParts.map { "\($0.part)|\($0.damageType)" })
            let expected = later.damagedParts.filter { !seen.contains("\($0.part)|\($0.damageType)") }
            #expect(result.damagedParts.map(\.part) == expected.map(\.part))
            #expect(result.damagedParts.map(\.photo) == expected.map(\.photo))
            #expect(result.damagedParts.allSatisfy { $0.photo?.hasSuffix(".jpg") == true })
            let document = try #require(try fixture.store.resultDocument(inspectionID: outcome.id))
            let incremental = try #require(
                (try JSONSerialization.jsonObject(with: document) as? [String: Any])?["incrementalDamage"]
                    as? [String: Any])
            #expect(incremental["inspectionId1"] as? String == pickup.session)
            // Its receipt (`e` on the board) names the two inspections it compares.
            let receipt = try fixture.service.exportReceipt(id: outcome.id, into: fixture.directory + "/receipts")
            let object =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: receipt)))
                as? [String: Any]
            let compared = object?["compared"] as? [String: String]
            #expect(compared == ["before": try #require(pickup.session), "after": try #require(dropOff.session)])

            // Asking again for the same pair and case is the same comparison, not a second one.
            let again = try await fixture.service.compare(before: "PICKUP", after: "RETURN", caseID: "CMP-1")
            #expect(again == outcome)
            #expect(await fixture.simulator.ledger().filter { $0.kind == .comparison }.count == 1)
            // A comparison is never an upload to resume.
            #expect(try fixture.store.unfinishedUploads().isEmpty)
        }
    }

    @Test func aLostReplyOnTheComparisonStillEndsWithOneComparison() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.comparisonReplyDrops = 1
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let pickup = try await submitted(fixture, "PICKUP")
            let dropOff = try await submitted(fixture, "RETURN")

            let outcome = try await fixture.service.compare(
                before: pickup.id, after: try #require(dropOff.session), caseID: "CMP-1")
            let ledger = await fixture.simulator.ledger().filter { $0.kind == .comparison }
            #expect(ledger.map(\.session) == [outcome.session])
            #expect(try fixture.store.sessions(inspectionID: outcome.id).map(\.session) == [outcome.session])
            let stored = try #require(try fixture.store.inspection(id: outcome.id))
            #expect(stored.state == .processing)
            let attempts = try fixture.store.attempts(inspectionID: outcome.id)
            #expect(attempts.count == 2)
            #expect(attempts.last?.outcome == "accepted")
            let accepted = try fixture.store.events(inspectionID: outcome.id).filter { $0.kind == "accepted" }
            #expect(accepted.count == 1)
            #expect(accepted.first?.detail.contains("reply to an earlier attempt was lost") == true)
        }
    }

    /// A comparison a crash left uploading (its row written, its request never answered) is continued by `resume`,
    /// as an upload is: one comparison at Inspektlabs, with its own session.
    @Test func aComparisonLeftUploadingByACrashIsResumed() async throws {
        let fixture = try await ServiceFixture.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(fixture) {
            let pickup = try await submitted(fixture, "PICKUP")
            let dropOff = try await submitted(fixture, "RETURN")
            let pair = ComparedInspections(before: try #require(pickup.session), after: try #require(dropOff.session))
            let left = Inspection(facts: CaseFacts(caseID: "CMP-7", vehicle: "KA01AB1234"), state: .uploading)
            try fixture.store.insertComparison(left, comparing: pair, callbackToken: "0c0ffee0")

            let outcomes = await fixture.service.resumeAll()
            let resumed = try #require(outcomes.first { $0.inspection.id == left.id })
            let session = try resumed.outcome.get()
            let ledger = await fixture.simulator.ledger().filter { $0.kind == .comparison }
            #expect(ledger.map(\.session) == [session])
            #expect(ledger.first?.caseID == "CMP-7")
            #expect(try fixture.store.inspection(id: left.id)?.state == .processing)
            // Resumed once is done: a second resume sends nothing.
            _ = await fixture.service.resumeAll()
            #expect(await fixture.simulator.ledger().filter { $0.kind == .comparison }.count == 1)
        }
    }

    @Test func referencesThatCannotBeComparedAreRefusedInWords() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.apiKeys = ["demo-key"]
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let first = try await submitted(fixture, "PICKUP")
            let second = try await submitted(fixture, "PICKUP")
            let other = try await submitted(fixture, "OTHER-CAR", vehicle: "MH12XY9999")
            _ = try fixture.draft("DRAFT-1", photos: fixture.photos(1, prefix: "draft"))
            let service = fixture.service

            do {
                _ = try await service.compare(before: "PICKUP", after: "OTHER-CAR", caseID: "CMP-1")
                Issue.record("a case id of two inspections was taken")
            } catch ComparisonError.ambiguousReference(let reference, let inspections) {
                #expect(reference == "PICKUP")
                #expect(Set(inspections.map(\.id)) == [first.id, second.id])
                let listing = ComparisonError.ambiguousReference(reference, inspections).description
                let sessions = [try #require(first.session), try #require(second.session)]
                #expect(sessions.allSatisfy { listing.contains($0) })
            }
            await #expect(throws: ComparisonError.unknownReference("NOPE-1")) {
                _ = try await service.compare(before: "NOPE-1", after: first.id, caseID: "CMP-1")
            }
            await #expect(throws: ComparisonError.notAccepted(reference: "DRAFT-1", state: .draft)) {
                _ = try await service.compare(before: first.id, after: "DRAFT-1", caseID: "CMP-1")
            }
            await #expect(throws: ComparisonError.sameInspection) {
                _ = try await service.compare(before: first.id, after: first.id, caseID: "CMP-1")
            }
            await #expect(
                throws: ComparisonError.wrongOrder(
                    before: try #require(second.session), after: try #require(first.session))
            ) {
                _ = try await service.compare(before: second.id, after: first.id, caseID: "CMP-1")
            }
            await #expect(throws: ComparisonError.differentVehicles(before: "KA01AB1234", after: "MH12XY9999")) {
                _ = try await service.compare(before: first.id, after: "OTHER-CAR", caseID: "CMP-1")
            }
            await #expect(throws: ServiceError.self) {
                _ = try await service.compare(before: first.id, after: second.id, caseID: "bad case!")
            }
            #expect(await fixture.simulator.ledger().filter { $0.kind == .comparison }.isEmpty)

            // Confirmed, two vehicles may be compared.
            let confirmed = try await service.compare(
                before: first.id, after: "OTHER-CAR", caseID: "CMP-2", allowDifferentVehicles: true)
            #expect(confirmed.compared.after == other.session)
        }
    }

    @Test func anAccountWithoutAccessLeavesTheComparisonFailedWithTheReason() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.keysWithoutIncrementalAccess = ["demo-key"]
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let pickup = try await submitted(fixture, "PICKUP")
            let dropOff = try await submitted(fixture, "RETURN")
            await #expect(throws: ServiceError.uploadFailed(reason: APIError.noAccess.operatorMessage)) {
                _ = try await fixture.service.compare(before: pickup.id, after: dropOff.id, caseID: "CMP-1")
            }
            let comparison = try #require(try fixture.store.inspections(caseID: "CMP-1").first)
            #expect(comparison.state == .failedRetryable)
            #expect(comparison.failureReason == APIError.noAccess.operatorMessage)
            #expect(try fixture.store.attempts(inspectionID: comparison.id).count == 1)

            // A retry from the board sends the comparison again (not an upload of photos it does not have).
            await #expect(throws: ServiceError.uploadFailed(reason: APIError.noAccess.operatorMessage)) {
                _ = try await fixture.service.retryNow(id: comparison.id)
            }
            let attempts = try fixture.store.attempts(inspectionID: comparison.id)
            #expect(attempts.count == 2)
            #expect(
                try fixture.store.sessions(inspectionID: comparison.id).count == 1,
                "an unaccepted session is used again")
            #expect(await fixture.simulator.ledger().filter { $0.kind == .comparison }.isEmpty)
        }
    }

    @Test func vehicleHistoryGroupsPlatesHoweverTheyWereTyped() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            for (caseID, vehicle) in [
                ("OUT-1", "KA01AB1234"), ("BACK-1", "ka-01 ab 1234"), ("OTHER", "KA01AB1235"), ("NONE", ""),
            ] {
                _ = try fixture.service.createDraft(CaseFacts(caseID: caseID, vehicle: vehicle))
            }
            #expect(try fixture.service.vehicleHistory(" Ka 01-AB-1234 ").map(\.facts.caseID) == ["OUT-1", "BACK-1"])
            #expect(try fixture.service.vehicleHistory("").isEmpty)
            #expect(VehicleKey.normalised("ka\u{2011}01 ab\t1234") == "KA01AB1234")
            #expect(!VehicleKey.same("", ""))
        }
    }
}
