import AsyncHTTPClient
import Crypto
import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Logging
import NIOCore
import Synchronization
import Testing

@testable import InspektAPI

@Suite("InspektlabsClient.authenticate against the simulator")
struct ClientAuthenticateTests {
    @Test("authenticate gives a session and tokens whose exp sets the expiry")
    func authenticateSucceeds() async throws {
        let fixture = try await Fixture.start(.init(tokenTTL: 120, processingDelay: 0.2))
        try await stopAfter(fixture) {
            let before = Date()
            let auth = try await fixture.client.authenticate(apiKey: Fixture.apiKey, clientID: "kiosk-1")
            #expect(auth.session.hasPrefix("in"))
            #expect(auth.accessToken != auth.refreshToken)
            #expect(auth.expiresAt > before.addingTimeInterval(110))
            #expect(auth.expiresAt < before.addingTimeInterval(125))
            let second = try await fixture.authenticate()
            #expect(second.session != auth.session, "every call gives a new session")
        }
    }

    @Test("authenticate: each documented refusal maps to its error")
    func authenticateErrors() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            #expect(
                await apiError { _ = try await fixture.client.authenticate(apiKey: "", clientID: nil) }
                    == .invalidAPIKey)
            #expect(
                await apiError { _ = try await fixture.client.authenticate(apiKey: "sk_wrong", clientID: nil) }
                    == .apiKeyNotValid)

            // Only POST is allowed; the client never sends anything else, so ask with GET directly.
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: fixture.harness.baseURL + "/api/authenticate"), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 16)
            let reply = InspektlabsClient.Reply(status: Int(response.status.code), body: body)
            #expect(reply.status == 405)
            #expect(InspektlabsClient.error(from: reply) == .methodNotAllowed)
        }
    }

    @Test("a slow reply (latency) longer than the stall timeout on authenticate is stalled too")
    func slowReply() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, latency: 3), stallTimeout: 0.5)
        try await stopAfter(fixture) {
            #expect(await apiError { _ = try await fixture.authenticate() } == .stalled(seconds: 0.5))
        }
    }
}
