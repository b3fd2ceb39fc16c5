import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Testing

@testable import InspektAPI

@Suite("InspektlabsClient: incremental damage against the simulator")
struct IncrementalDamageClientTests {
    /// Two accepted inspections of the fixture's account.
    func twoInspections(_ fixture: Fixture) async throws -> (earlier: String, later: String) {
        var sessions: [String] = []
        for (index, caseID) in ["PICKUP", "RETURN"].enumerated() {
            let auth = try await fixture.authenticate()
            let photo = try fixture.photo(.front, name: "\(caseID).jpg", seed: index)
            sessions.append(
                try await fixture.client.upload(
                    UploadRequest(session: auth.session, caseID: caseID, files: [photo]), auth: auth
                ) { _ in })
        }
        return (sessions[0], sessions[1])
    }

    func request(
        _ auth: AuthSession, _ pair: (earlier: String, later: String), caseID: String = "CMP-1"
    ) -> ComparisonRequest {
        ComparisonRequest(
            caseID: caseID, session: auth.session, earlierInspectionID: pair.earlier, laterInspectionID: pair.later,
            callbackURL: "http://127.0.0.1:9/callbacks/abc")
    }

    @Test("a comparison session, then the comparison: accepted with its session, listed with both inspections")
    func accepted() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let pair = try await twoInspections(fixture)
            let auth = try await fixture.client.authenticateIncremental(apiKey: Fixture.apiKey)
            #expect(auth.session.hasPrefix("in"))
            let session = try await fixture.client.requestComparison(request(auth, pair), auth: auth)
            #expect(session == auth.session)
            let entry = try #require(await fixture.harness.ledger().last)
            #expect(entry.kind == .comparison)
            #expect(entry.session == auth.session)
            #expect(entry.caseID == "CMP-1")
            #expect(entry.inspectionID1 == pair.earlier)
            #expect(entry.inspectionID2 == pair.later)
            #expect(entry.callbackURL == "http://127.0.0.1:9/callbacks/abc")
            #expect(!fixture.log.text.contains(Fixture.apiKey), "the key never reaches the log")
            #expect(!fixture.log.text.contains(auth.refreshToken), "tokens never reach the log")
        }
    }

    @Test("authenticate: Enter API Key and the long API Key not valid map to their errors")
    func authenticateErrors() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            #expect(await apiError { _ = try await fixture.client.authenticateIncremental(apiKey: "") } == .enterAPIKey)
            #expect(
                await apiError { _ = try await fixture.client.authenticateIncremental(apiKey: "sk_wrong") }
                    == .apiKeyNotValid)
        }
    }

    @Test("each documented refusal of the comparison maps to its typed error")
    func comparisonErrors() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let pair = try await twoInspections(fixture)
            let client = fixture.client

            let unknown = try await client.authenticateIncremental(apiKey: Fixture.apiKey)
            let notFound = await apiError {
                _ = try await client.requestComparison(
                    request(unknown, (pair.earlier, "in9999920250101000000")), auth: unknown)
            }
            #expect(notFound == .casesNotFound)
            #expect(notFound?.isRetryable == false)

            let madeUp = ComparisonRequest(
                caseID: "CMP-1", session: "in1234520250909153012", earlierInspectionID: pair.earlier,
                laterInspectionID: pair.later, callbackURL: nil)
            #expect(
                await apiError { _ = try await client.requestComparison(madeUp, auth: unknown) } == .sessionNotIssued)

            let empty = await apiError {
                _ = try await client.requestComparison(request(unknown, pair, caseID: ""), auth: unknown)
            }
            #expect(empty == .missingRequiredField)

            var forged = unknown
            forged.refreshToken = "not.a.token"
            #expect(
                await apiError { _ = try await client.requestComparison(request(unknown, pair), auth: forged) }
                    == .tokenInvalid)

            _ = try await client.requestComparison(request(unknown, pair), auth: unknown)
            #expect(
                await apiError { _ = try await client.requestComparison(request(unknown, pair), auth: unknown) }
                    == .inspectionAlreadyExists)
        }
    }

    @Test("an account without incremental access: noAccess, not retryable")
    func noAccess() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 0.2)
        configuration.keysWithoutIncrementalAccess = [Fixture.apiKey]
        let fixture = try await Fixture.start(configuration)
        try await stopAfter(fixture) {
            let pair = try await twoInspections(fixture)
            let auth = try await fixture.client.authenticateIncremental(apiKey: Fixture.apiKey)
            let error = await apiError {
                _ = try await fixture.client.requestComparison(request(auth, pair), auth: auth)
            }
            #expect(error == .noAccess)
            #expect(error?.isRetryable == false)
        }
    }

    @Test("a reply lost after acceptance is connectionLost; the retry meets already-exists")
    func lostReply() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 0.2)
        configuration.comparisonReplyDrops = 1
        let fixture = try await Fixture.start(configuration)
        try await stopAfter(fixture) {
            let pair = try await twoInspections(fixture)
            let auth = try await fixture.client.authenticateIncremental(apiKey: Fixture.apiKey)
            let first = await apiError {
                _ = try await fixture.client.requestComparison(request(auth, pair), auth: auth)
            }
            guard case .connectionLost = first else {
                Issue.record("expected connectionLost, got \(String(describing: first))")
                return
            }
            #expect(
                await apiError { _ = try await fixture.client.requestComparison(request(auth, pair), auth: auth) }
                    == .inspectionAlreadyExists)
            #expect(await fixture.harness.ledger().filter { $0.kind == .comparison }.count == 1)
        }
    }

    @Test("the incremental reply texts map to their errors, with words for the operator")
    func messages() {
        #expect(APIError.from(status: 400, message: "Enter API Key") == .enterAPIKey)
        #expect(APIError.from(status: 400, message: "invalid API key") == .invalidAPIKey)
        #expect(
            APIError.from(
                status: 401, message: "API Key not valid. Refresh the page and try again or Contact Inspektlabs Inc")
                == .apiKeyNotValid)
        #expect(APIError.from(status: 403, message: "no access") == .noAccess)
        #expect(APIError.from(status: 404, message: "cases not found") == .casesNotFound)
        for error in [APIError.enterAPIKey, .noAccess, .casesNotFound] {
            #expect(!error.operatorMessage.isEmpty)
            #expect(!error.isRetryable)
        }
        #expect(APIError.noAccess.description == "403 no access")
        #expect(APIError.casesNotFound.description == "404 cases not found")
    }
}
