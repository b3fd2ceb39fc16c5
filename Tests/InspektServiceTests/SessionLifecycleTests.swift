import Foundation
import InspektAPI
import InspektCore
@testable import InspektService
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Testing

/// Done-when 2 (sessions, Bearer) and 5 (short-lived tokens) against the real simulator.
@Suite struct SessionLifecycleTests {
    @Test func twoInspectionsGetTwoDifferentSessions() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let first = try fixture.draft("CASE-1", photos: fixture.photos(2, prefix: "a"))
            let second = try fixture.draft("CASE-2", photos: fixture.photos(2, prefix: "b"))

            let sessionA = try await fixture.service.submit(id: first.id)
            let sessionB = try await fixture.service.submit(id: second.id)

            #expect(sessionA != sessionB)
            let ledger = await fixture.simulator.ledger()
            #expect(ledger.map(\.session).sorted() == [sessionA, sessionB].sorted())
            #expect(try fixture.store.sessions(inspectionID: first.id).map(\.session) == [sessionA])
            #expect(try fixture.store.sessions(inspectionID: second.id).map(\.session) == [sessionB])
            #expect(try fixture.store.inspection(id: first.id)?.state == .processing)
            #expect(try fixture.store.storedSession(sessionA)?.spent == true)
        }
    }

    @Test func uploadBearerIsTheRefreshTokenEndToEnd() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-BEARER", photos: fixture.photos(1))

            // The service's upload is accepted by a simulator that refuses the access_token as Bearer ...
            let session = try await fixture.service.submit(id: inspection.id)
            #expect(await fixture.ledger(caseID: "CASE-BEARER").map(\.session) == [session])

            // ... as this shows: the same request with the access_token in the Bearer's place gets 401.
            let auth = try await fixture.client.authenticate(apiKey: "demo-key", clientID: nil)
            #expect(auth.uploadBearer == auth.refreshToken)
            let swapped = AuthSession(
                session: auth.session, accessToken: auth.accessToken, refreshToken: auth.accessToken,
                issuedAt: auth.issuedAt, expiresAt: auth.expiresAt)
            let photo = inspection.photos[0]
            let size = try #require(try FileManager.default.attributesOfItem(atPath: photo.path)[.size] as? NSNumber)
            let request = UploadRequest(
                session: auth.session, caseID: "CASE-SWAPPED",
                files: [
                    UploadFile(path: photo.path, uploadName: photo.uploadName, size: size.int64Value, mediaType: .jpeg)
                ],
                emailID: nil, callbackURL: nil, agentID: nil, agentName: nil)
            await #expect(throws: APIError.tokenInvalid) {
                _ = try await fixture.client.upload(request, auth: swapped) { _ in }
            }
            #expect(await fixture.ledger(caseID: "CASE-SWAPPED").isEmpty)
        }
    }

    /// Done-when 5: the token expires while the attempt waits; the 401 leads to a new session, not a reused one.
    @Test(arguments: SessionCheckOrder.allCases)
    func tokenExpiringBeforeTheRequestEndsAcceptedWithANewSession(order: SessionCheckOrder) async throws {
        let clock = ManualClock()
        let deps = ServiceFixture.fastDependencies(
            now: { clock.now() },
            beforeRequest: { attempt in
                // The first attempt is slowed past the token's 2 s life (e.g. a slow disk or link).
                if attempt == 1 { clock.advance(by: 2.6) }
            })
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(tokenTTL: 2, processingDelay: 3600, now: { clock.now() }).checking(order),
            dependencies: deps)
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-TTL", photos: fixture.photos(3))

            let session = try await fixture.service.submit(id: inspection.id)

            // On a busy machine a replacement can itself run short before its request: more than one new session
            // is fine so long as none but the last was ever spent.
            let sessions = try fixture.store.sessions(inspectionID: inspection.id)
            #expect(sessions.count >= 2)
            #expect(sessions.last?.session == session)
            #expect(sessions.dropLast().allSatisfy { !$0.spent })
            let ledger = await fixture.ledger(caseID: "CASE-TTL")
            #expect(ledger.map(\.session) == [session])
            let all = await fixture.simulator.ledger().map(\.session)
            #expect(Set(all).count == all.count)
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .processing)
        }
    }

    /// Done-when 5: a session fetched, then a long pause (a crash, slow checks) longer than the token's
    /// life: the next run replaces it before any request, because nothing was ever sent with it.
    @Test(arguments: SessionCheckOrder.allCases)
    func staleUnsentSessionIsReplacedBeforeTheRequest(order: SessionCheckOrder) async throws {
        let clock = ManualClock()
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(tokenTTL: 2, processingDelay: 3600, now: { clock.now() }).checking(order),
            dependencies: ServiceFixture.fastDependencies(now: { clock.now() }))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-STALE", photos: fixture.photos(2))
            try fixture.service.markReady(id: inspection.id)
            let stale = try await fixture.service.broker.lease(for: inspection.id)
            #expect(try fixture.store.currentSession(inspectionID: inspection.id)?.session == stale.stored.session)

            clock.advance(by: 2.3)
            let outcomes = await fixture.service.resumeAll()

            let accepted = try #require(try outcomes.first?.outcome.get())
            #expect(accepted != stale.stored.session)
            #expect(await fixture.ledger(caseID: "CASE-STALE").map(\.session) == [accepted])
            let attempts = try fixture.store.attempts(inspectionID: inspection.id)
            #expect(attempts.map(\.session) == [accepted])
            #expect(attempts.map(\.outcome) == ["accepted"])
        }
    }

    @Test func leaseKeepsAFreshSessionAndWritesItAhead() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-LEASE", photos: fixture.photos(1))
            let first = try await fixture.service.broker.lease(for: inspection.id)
            let again = try await fixture.service.broker.lease(for: inspection.id)
            #expect(first.stored.session == again.stored.session)
            #expect(try fixture.store.inspection(id: inspection.id)?.session == first.stored.session)
            #expect(first.stored.expiresAt > first.stored.issuedAt)
        }
    }
}
