import Foundation
import GRDB
import InspektCore
import InspektService
@testable import InspektStore
import InspektStorage
import InspektTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The receiver when its store cannot take a result: PostgreSQL stopped (the fleet pass), the SQLite file
/// read-only (the kiosk pass). A delivery to a callback address or to the webhook gets 503 and stores nothing,
/// so that Inspektlabs delivers again; once the database is back, the redelivery is stored.
@Suite(.timeLimit(.minutes(2)))
struct ReceiverStoreFailureTests {
    @Test func aResultThatCannotBeStoredGets503AndItsRedeliveryIsStored() async throws {
        let fixture = try await ServiceFixture.start(webhookSecret: "s3cret")
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger)
        let port = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0))
        let base = "http://127.0.0.1:\(port)"
        fixture.service.useCallbackBase(base)
        try await stopAfter(receiver, fixture) {
            let viaCallback = try fixture.draft("CASE-RS-CB", photos: fixture.photos(1, prefix: "RSCB"))
            let callbackSession = try await fixture.service.submit(id: viaCallback.id)
            let callbackURL = try #require(try fixture.service.callbackURL(id: viaCallback.id))
            let viaWebhook = try fixture.draft("CASE-RS-WH", photos: fixture.photos(1, prefix: "RSWH"))
            let webhookSession = try await fixture.service.submit(id: viaWebhook.id)
            let callbackResult = ResultJSON.available(caseID: "CASE-RS-CB", session: callbackSession)
            let webhookResult = ResultJSON.available(caseID: "CASE-RS-WH", session: webhookSession)
            let secret = ["X-Inspekt-Secret": "s3cret"]
            #expect(try await Self.health(base) == 200)

            let fault = try StoreFault(fixture.store)
            try fault.begin()
            let callback: (Int, String), webhook: (Int, String), health: Int
            do {
                callback = try await HTTP.post(callbackURL, body: callbackResult)
                webhook = try await HTTP.post(base + "/webhook", body: webhookResult, headers: secret)
                health = try await Self.health(base)
            } catch {
                try fault.end()
                throw error
            }
            try fault.end()

            #expect(callback.0 == 503, "\(callback.1)")
            #expect(callback.1.contains("deliver again later"), "\(callback.1)")
            #expect(webhook.0 == 503, "\(webhook.1)")
            if fault.databaseUnreachable {
                #expect(health == 503, "/healthz while the database is stopped")
                #expect(await eventually(timeout: 30) { (try? await Self.health(base)) == 200 })
            }
            for inspection in [viaCallback, viaWebhook] {
                #expect(try fixture.store.resultDocument(inspectionID: inspection.id) == nil)
                #expect(try fixture.store.inspection(id: inspection.id)?.state == .processing)
            }

            // Inspektlabs delivers again: stored now.
            let again = try await HTTP.post(callbackURL, body: callbackResult)
            #expect(again.0 == 200, "\(again.1)")
            #expect(again.1.contains("stored"), "\(again.1)")
            let hookAgain = try await HTTP.post(base + "/webhook", body: webhookResult, headers: secret)
            #expect(hookAgain.0 == 200, "\(hookAgain.1)")
            #expect(hookAgain.1.contains("stored"), "\(hookAgain.1)")
            #expect(try fixture.store.inspection(id: viaCallback.id)?.state == .available)
            #expect(try fixture.store.inspection(id: viaWebhook.id)?.state == .available)
            #expect(try fixture.store.resultDocument(inspectionID: viaWebhook.id) == webhookResult)
        }
    }

    static func health(_ base: String) async throws -> Int {
        guard let url = URL(string: base + "/healthz") else { throw URLError(.badURL) }
        let (_, response) = try await URLSession.shared.data(from: url)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

/// The fixture's store made unable to store, then able again: the test cluster stopped and started, or the
/// SQLite file's writer connection switched to read-only (`PRAGMA query_only`: SQLite's own "attempt to write
/// a readonly database", which `chmod` cannot give a test that runs as root).
struct StoreFault {
    private let sqlite: InspektStore?
    private let server: TestPostgresServer?

    init(_ store: any InspectionStore) throws {
        sqlite = store as? InspektStore
        server = sqlite == nil ? try TestPostgresServer() : nil
    }

    /// Whether the database does not answer at all during the fault (not merely refuses writes).
    var databaseUnreachable: Bool { server != nil }

    func begin() throws {
        if let server { try server.stop() }
        try sqlite?.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = ON") }
    }

    func end() throws {
        if let server { try server.start() }
        try sqlite?.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = OFF") }
    }
}
