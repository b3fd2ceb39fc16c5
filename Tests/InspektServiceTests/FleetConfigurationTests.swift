import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging
import InspektPostgres
import InspektTestSupport
import Testing

@testable import InspektService

/// `INSPEKT_DATABASE_URL` and `INSPEKT_KIOSK_ID`: read in words, the password never shown.
@Suite struct FleetConfigurationTests {
    @Test func aDatabaseURLIsReadWhole() throws {
        let url = try DatabaseURL("postgres://fleet:p%40ss@db.example.com:6543/inspekt?sslmode=require")
        #expect(url.user == "fleet")
        #expect(url.password == "p@ss")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "inspekt")
        #expect(url.requireTLS)
        #expect(url.description == "postgres://fleet@db.example.com:6543/inspekt?sslmode=require")
        #expect(try DatabaseURL("postgresql://fleet@10.0.0.5/inspekt").port == 5432)
    }

    @Test(arguments: [
        ("mysql://a:b@h/d", "postgres://"), ("postgres://a:b@/d", "no host"), ("postgres://h/d", "no user"),
        ("postgres://a:b@h", "no database"), ("postgres://a:b@h/d?sslmode=sometimes", "sslmode"),
    ])
    func unusableURLsAreRefusedInWordsWithoutThePassword(text: String, words: String) {
        let environment = ["INSPEKT_DATABASE_URL": text, "HOME": "/tmp"]
        #expect {
            _ = try ServiceConfiguration.fromEnvironment(environment, requireAPIKey: false)
        } throws: { error in
            let description = String(describing: error)
            return description.contains("INSPEKT_DATABASE_URL") && description.contains(words)
                && !description.contains(":b@")
        }
    }

    @Test func theKioskIsTheHostNameUnlessNamed() throws {
        #expect(
            try ServiceConfiguration.fromEnvironment(["HOME": "/tmp"], requireAPIKey: false).kioskID
                == KioskIdentity.defaultID())
        let named = try ServiceConfiguration.fromEnvironment(
            ["HOME": "/tmp", "INSPEKT_KIOSK_ID": "branch-7.desk_2"], requireAPIKey: false)
        #expect(named.kioskID == "branch-7.desk_2")
        #expect(throws: ConfigurationError.self) {
            _ = try ServiceConfiguration.fromEnvironment(
                ["HOME": "/tmp", "INSPEKT_KIOSK_ID": "desk 2\u{1b}[2J"], requireAPIKey: false)
        }
    }

    /// In fleet mode the board's window holds this kiosk's inspections only.
    @Test(.enabled(if: StoreEngine.forServiceTests == .postgres, "fleet mode"))
    func theFleetBoardShowsThisKiosksInspections() throws {
        let url = try StoreEngine.freshDatabase()
        let mine = try PostgresStore(url: url, kioskID: "kiosk-a", migrate: true)
        let theirs = try PostgresStore(url: url, kioskID: "kiosk-b")
        var configuration = ServiceConfiguration(
            apiKey: "demo-key", baseURL: "http://127.0.0.1:9", dataDirectory: try PhotoFixtures.temporaryDirectory())
        configuration.databaseURL = url
        configuration.kioskID = "kiosk-a"
        let logger = Logger(label: "inspekt.test")
        let service = InspektService(
            configuration: configuration, store: mine,
            client: InspektlabsClient(baseURL: "http://127.0.0.1:9", stallTimeout: 1, logger: logger),
            logger: logger)
        let own = Inspection(facts: CaseFacts(caseID: "CASE-A"))
        try mine.insert(own)
        try theirs.insert(Inspection(facts: CaseFacts(caseID: "CASE-B")))
        #expect(try service.boardCount(matching: "", archived: false) == 1)
        #expect(try service.boardPage(matching: "case", archived: false, offset: 0, limit: 10).map(\.id) == [own.id])
        #expect(try service.inspections().count == 2)
    }

    /// A webhook result whose inspection the database does not hold yet is kept (202), then attached to the
    /// inspection once its session is stored, and never dropped.
    @Test func aResultBeforeItsInspectionIsKeptAndAttached() async throws {
        let fixture = try await ServiceFixture.start(webhookSecret: "s")
        try await stopAfter(fixture) {
            let document = Data(
                #"{"inspectionId":"in-early-1","caseId":"CASE-EARLY","status":"Available","upload_status":"complete upload","damage":[]}"#
                    .utf8)
            #expect(try fixture.service.receiveWebhookResult(document) == .kept)
            #expect(try fixture.store.pendingResults(session: "in-early-1") == [document])

            let inspection = try fixture.draft("CASE-EARLY", photos: fixture.photos(1))
            try fixture.store.setSession(inspectionID: inspection.id, session: "in-early-1")
            fixture.service.adoptPendingResults(session: "in-early-1")
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .available || stored.state == .rejected)
            #expect(try fixture.store.resultDocument(inspectionID: inspection.id) == document)
            #expect(try fixture.store.pendingResults(session: "in-early-1").isEmpty)
            #expect(try fixture.service.receiveWebhookResult(document) == .unchanged)
        }
    }

    /// A kept result whose inspection has not appeared within 7 days expires: no longer counted, never attached.
    @Test func aKeptResultExpiresAfterSevenDays() async throws {
        let clock = ManualClock()
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(now: clock.now), webhookSecret: "s")
        try await stopAfter(fixture) {
            func document(_ session: String) -> Data {
                Data(#"{"inspectionId":"\#(session)","caseId":"CASE-LATE","status":"Available","damage":[]}"#.utf8)
            }
            #expect(try fixture.service.receiveWebhookResult(document("in-late-1")) == .kept)
            clock.advance(by: 6 * 86400)
            #expect(try fixture.service.receiveWebhookResult(document("in-late-2")) == .kept)
            #expect(try fixture.service.unmatchedResultsWaiting() == 2)
            clock.advance(by: 86400 + 60)
            #expect(try fixture.service.unmatchedResultsWaiting() == 1)

            for session in ["in-late-1", "in-late-2"] {
                let inspection = try fixture.draft("CASE-\(session)", photos: fixture.photos(1, prefix: session))
                try fixture.store.setSession(inspectionID: inspection.id, session: session)
                fixture.service.adoptPendingResults(session: session)
            }
            #expect(
                try fixture.store.inspection(session: "in-late-1")?.result == nil,
                "a result kept over 7 days was attached")
            #expect(try fixture.store.inspection(session: "in-late-2")?.result != nil)
            #expect(try fixture.service.unmatchedResultsWaiting() == 0)
        }
    }
}
