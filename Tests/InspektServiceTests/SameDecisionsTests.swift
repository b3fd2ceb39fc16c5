import Foundation
import InspektAPI
import InspektCore
import InspektService
import InspektSimulator
import InspektStore
import InspektTestSupport
import Testing

/// Issue 21, point 4: uploads and comparisons go through one attempt loop that decides by `UploadOutcomePolicy`.
/// Each test meets the same fault once on an upload (the pickup) and once on a comparison, against the real
/// simulator, and expects the same trail of decisions in the store: each attempt's outcome and reason, each retry,
/// the acceptance, with only the word "upload" / "comparison" and the session ids told apart.
@Suite struct SameDecisionsTests {
    /// Submits an inspection under `caseID` with its own photos; returns it as stored.
    private func submitted(_ fixture: ServiceFixture, _ caseID: String) async throws -> Inspection {
        var inspection = try fixture.service.createDraft(CaseFacts(caseID: caseID, vehicle: "KA01AB1234"))
        inspection.photos = try fixture.photos(3, prefix: caseID)
        try fixture.service.save(inspection)
        try await fixture.service.submit(id: inspection.id)
        return try #require(try fixture.store.inspection(id: inspection.id))
    }

    /// The pickup (which meets the upload's fault), the return (after it: no fault left) and their comparison
    /// (which meets the comparison's fault); returns the pickup's and the comparison's ids.
    private func pickupAndComparison(_ fixture: ServiceFixture) async throws -> (upload: String, comparison: String) {
        let pickup = try await submitted(fixture, "PICKUP")
        let dropOff = try await submitted(fixture, "RETURN")
        let outcome = try await fixture.service.compare(before: pickup.id, after: dropOff.id, caseID: "CMP-1")
        return (pickup.id, outcome.id)
    }

    /// What the loop decided for one inspection, in words a comparison and an upload share.
    private func decisions(_ id: String, _ fixture: ServiceFixture) throws -> [String] {
        let attempts = try fixture.store.attempts(inspectionID: id).map {
            "attempt \($0.outcome?.rawValue ?? "-"): \($0.detail ?? "")"
        }
        let kept: Set<String> = ["retry", "accepted", "failed", "tokens", "may-have-been-accepted"]
        let events = try fixture.store.events(inspectionID: id).filter { kept.contains($0.kind) }.map {
            "\($0.kind): \($0.detail)"
        }
        return (attempts + events).map { line in
            var line = line
            for word in ["upload", "Upload", "comparison", "Comparison"] {
                line = line.replacingOccurrences(of: word, with: "<request>")
            }
            // The accepted session's id ends the acceptance's event.
            if let cut = line.range(of: "; inspection id ") { line = String(line[..<cut.lowerBound]) }
            return line
        }
    }

    /// Both end processing with one session, accepted once at the simulator.
    private func expectAcceptedOnce(_ ids: (upload: String, comparison: String), _ fixture: ServiceFixture) async throws
    {
        for id in [ids.upload, ids.comparison] {
            #expect(try fixture.store.inspection(id: id)?.state == .processing)
            let sessions = try fixture.store.sessions(inspectionID: id)
            #expect(sessions.count == 1)
            let session = try #require(sessions.first?.session)
            #expect(await fixture.simulator.ledger().filter { $0.session == session }.count == 1)
        }
    }

    @Test func aLostReplyIsConfirmedWithTheSameSession() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600, dropRate: 1, maxDrops: 1)
        configuration.comparisonReplyDrops = 1
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let ids = try await pickupAndComparison(fixture)
            let upload = try decisions(ids.upload, fixture)
            #expect(upload.count == 4, "\(upload)")
            #expect(upload.first?.hasPrefix("attempt failed: Reply lost:") == true, "\(upload)")
            #expect(
                upload.contains {
                    $0.hasPrefix("accepted: <request> accepted (the reply to an earlier attempt was lost")
                }, "\(upload)")
            #expect(try decisions(ids.comparison, fixture) == upload)
            try await expectAcceptedOnce(ids, fixture)
        }
    }

    /// A gateway answers 504 after the request was accepted: the reply is lost, and the same session confirms it.
    @Test func aGatewayErrorAfterTheWholeRequestLeftIsConfirmedWithTheSameSession() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1)
        configuration.comparisonGatewayErrorsAfterAccept = 1
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let ids = try await pickupAndComparison(fixture)
            let upload = try decisions(ids.upload, fixture)
            #expect(
                upload.first?.hasPrefix("attempt failed: Reply lost: a gateway answered HTTP 504") == true, "\(upload)")
            #expect(try decisions(ids.comparison, fixture) == upload)
            try await expectAcceptedOnce(ids, fixture)
        }
    }

    /// A 500 before anything was processed: a definite refusal, retried after the back-off with the same session.
    @Test func aServerErrorIsRetriedAfterTheBackoff() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.uploadServerErrors = 1
        configuration.comparisonServerErrors = 1
        let fixture = try await ServiceFixture.start(configuration)
        try await stopAfter(fixture) {
            let ids = try await pickupAndComparison(fixture)
            let upload = try decisions(ids.upload, fixture)
            #expect(upload.count == 4, "\(upload)")
            #expect(upload.first == "attempt failed: \(APIError.serverSideIssue.operatorMessage)", "\(upload)")
            #expect(
                upload.contains { $0.hasPrefix("retry: Attempt 1 failed") && $0.contains("retrying in") }, "\(upload)")
            #expect(try decisions(ids.comparison, fixture) == upload)
            try await expectAcceptedOnce(ids, fixture)
        }
    }

    /// "Inspection Id already exists" for a session the store holds as never sent (a store restored from a copy
    /// taken before the request): the session is ours alone and single-use, so it was accepted; never a failure.
    @Test func alreadyExistsForASessionThoughtUnusedIsAnAcceptance() async throws {
        let fixture = try await ServiceFixture.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(fixture) {
            let ids = try await pickupAndComparison(fixture)
            var retried: [[String]] = []
            for id in [ids.upload, ids.comparison] {
                var session = try #require(try fixture.store.sessions(inspectionID: id).first)
                session.spent = false
                session.bodySent = false
                try fixture.store.saveSession(session)
                try fixture.store.setState(id, .failedRetryable)
                let before = try decisions(id, fixture)

                #expect(try await fixture.service.retryNow(id: id) == session.session)
                // What the retry added: its attempt and its events.
                var added = try decisions(id, fixture)
                for line in before { if let index = added.firstIndex(of: line) { added.remove(at: index) } }
                retried.append(added)
            }
            #expect(retried[0].count == 2, "\(retried[0])")
            #expect(
                retried[0].first?.hasPrefix(
                    "attempt accepted: <request> accepted (the reply to an earlier attempt was lost") == true,
                "\(retried[0])")
            #expect(retried[1] == retried[0])
            try await expectAcceptedOnce(ids, fixture)
        }
    }
}
