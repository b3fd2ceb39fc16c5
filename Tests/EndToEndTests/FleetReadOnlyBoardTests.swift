import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 24 §3 in fleet mode: a supervisor's board connected as a database user that may only read opens on every
/// kiosk's inspections, refuses changes with "read-only", and never tries to write (the database would refuse it
/// and the log would say so).
@Suite("fleet read-only board", .timeLimit(.minutes(3)))
struct FleetReadOnlyBoardTests {
    @Test func aReadOnlyDatabaseUserSeesTheWholeFleetAndWritesNothing() async throws {
        let database = try StoreEngine.freshDatabase().description
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosks = try ["kiosk-1", "kiosk-2"].map {
                try FleetTests.kiosk($0, baseURL: simulator.baseURL, database: database)
            }
            let migrate = try await kiosks[0].run(["db", "migrate"])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            _ = try await ReportBrowserTests.submit(kiosks[0], caseID: "FLEET-A", prefix: "A")
            _ = try await ReportBrowserTests.submit(kiosks[1], caseID: "FLEET-B", prefix: "B")

            // A user that may read every table and nothing else.
            let reader = "reader_" + UUID().uuidString.prefix(8).lowercased()
            let grant = try Spawn.run(
                "/usr/bin/psql",
                [
                    database, "-v", "ON_ERROR_STOP=1", "-c",
                    "CREATE ROLE \(reader) LOGIN; GRANT USAGE ON SCHEMA public TO \(reader); "
                        + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(reader);",
                ])
            #expect(grant.status == 0, "\(grant.output)")
            let readerURL = try #require(
                database.range(of: "://inspekt@").map { database.replacingCharacters(in: $0, with: "://\(reader)@") })

            var supervisor = kiosks[0]
            supervisor.environment["INSPEKT_DATABASE_URL"] = readerURL
            supervisor.environment["INSPEKT_ROLE"] = "supervisor"
            var variables = E2EEnvironment.variables(directory: supervisor.directory)
            for key in ["INSPEKT_API_KEY", "INSPEKT_BASE_URL", "INSPEKT_DATA_DIR", "HOME", "INSPEKT_DATABASE_URL"] {
                variables[key] = supervisor.environment[key]
            }
            variables["INSPEKT_KIOSK_ID"] = "kiosk-1"
            variables["INSPEKT_ROLE"] = "supervisor"
            variables["INSPEKT_CALLBACK_BASE"] = "http://127.0.0.1:9"
            variables["INSPEKT_INBOX"] = supervisor.directory
            let tmux = try TmuxSession(
                command: TmuxSession.quote(supervisor.binary), width: 140, height: 30, environment: variables)
            defer { tmux.kill() }
            // Both kiosks' rows from the start, each led by its kiosk.
            let board = try await tmux.screen("the whole fleet") {
                $0.contains("FLEET-A") && $0.contains("FLEET-B") && $0.contains("kiosk-2")
            }
            #expect(board?.contains("unreachable") == false, "\(board ?? "")")
            for key in ["n", "a", "c"] {
                try tmux.send(key)
                _ = try await tmux.screen("\(key) refused") { $0.contains("read-only") }
            }
            try tmux.send("Enter")
            _ = try await tmux.screen("the detail") { $0.contains("inspekt · Detail") }
            try tmux.send("Escape")
            try await Task.sleep(nanoseconds: 100_000_000)
            // K narrows to this kiosk's inspections.
            try tmux.send("K")
            _ = try await tmux.screen("this kiosk only") { $0.contains("FLEET-A") && !$0.contains("FLEET-B") }
            try tmux.send("q")
            try await Task.sleep(nanoseconds: 500_000_000)
            let log = (try? String(contentsOfFile: supervisor.directory + "/data/inspekt.log", encoding: .utf8)) ?? ""
            #expect(!log.contains("permission denied"), "the read-only board tried to write:\n\(log)")
        }
    }
}
