import Foundation
import InspektPostgres
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// PostgreSQL's and the driver's messages go to `inspekt.log`, never the terminal; the errors the operator
/// reads say which database, what failed and what to check, never the driver's type names.
@Suite struct PostgresMessagesTests {
    @Test func theStoresMessagesGoToTheLogFile() throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        var configuration = ServiceConfiguration(apiKey: "demo-key", dataDirectory: directory)
        configuration.databaseURL = try DatabaseURL(
            "postgres://fleet:hunter2@127.0.0.1:\(FreeLoopbackPort.find())/fleet")
        _ = try InspektService.openStore(configuration, opensWhileUnreachable: true)
        let log = try String(contentsOfFile: directory + "/inspekt.log", encoding: .utf8)
        #expect(log.contains("database unreachable at start") && log.contains("nothing answers there"))
        #expect(!log.contains("hunter2"))
    }

    @Test func aWrongPasswordIsARefusalThatSaysWhatToCheck() throws {
        var url = try DatabaseURL(
            try #require(
                ProcessInfo.processInfo.environment["INSPEKT_TEST_TLS_DATABASE_URL"],
                "scripts/test starts the TLS cluster"))
        url.password = "not-the-password"
        let error = try #require(throws: StoreError.self) {
            try PostgresStore(url: url, kioskID: "kiosk-a", opensWhileUnreachable: true)
        }
        guard case .refused = error else { Issue.record("a wrong password is no outage to wait out: \(error)"); return }
        #expect(error.description.contains("127.0.0.1:\(url.port)"))
        #expect(
            error.description.contains(
                "password authentication failed for user \"inspekt\": check the user and password in INSPEKT_DATABASE_URL"
            ))
        #expect(!error.description.contains("not-the-password") && !error.description.contains("PSQLError"))
    }

    @Test func aMissingDatabaseIsNamedWithWhatToCheck() throws {
        var url = try StoreEngine.testServer()
        url.database = "no_such_fleet"
        let error = try #require(throws: StoreError.self) { try PostgresStore(url: url, kioskID: "kiosk-a") }
        #expect(
            error.description.contains(
                "database \"no_such_fleet\" does not exist: check the database name in INSPEKT_DATABASE_URL"))
        #expect(!error.description.contains("PSQLError"))
    }
}
