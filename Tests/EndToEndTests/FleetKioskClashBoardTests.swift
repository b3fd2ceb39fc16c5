import Foundation
import InspektPostgres
import InspektSimulator
import InspektStorage
import InspektTestSupport
import Testing

/// Issue 20 §4: a board in fleet mode names another live kiosk (another machine) that uses its kiosk id.
@Suite(
    "another live kiosk with this kiosk id",
    .enabled(if: TestPostgresServer.isConfigured, "needs the test cluster (scripts/test)"),
    .timeLimit(.minutes(2)))
struct FleetKioskClashBoardTests {
    @Test func theBoardNamesAnotherLiveKioskWithItsID() async throws {
        let database = try StoreEngine.freshDatabase()
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosk = KioskProcesses(
                cli: try FleetTests.kiosk("desk-7", baseURL: simulator.baseURL, database: database.description))
            #expect(try await kiosk.run(["db", "migrate"]).status == 0)
            // Another machine connected under the board's kiosk id, as a clone of its image would be.
            let other = KioskIdentity.machineID()?.hasPrefix("feedbeef") == true ? "beadfeed" : "feedbeef"
            let clone = try PostgresStore(url: database, kioskID: "desk-7", machineID: other)
            let tmux = try FleetOutageBoardTests.openBoard(kiosk)
            defer { tmux.kill() }
            let screen = try await tmux.screen("the warning naming the other machine") {
                $0.contains("Another kiosk (machine \(other))")
            }
            #expect(screen?.contains("uses the kiosk id desk-7") == true, "\(screen ?? "")")
            withExtendedLifetime(clone) {}
        }
    }
}
