import Foundation
import InspektAPI
import InspektPostgres
import InspektService
import InspektStorage
import InspektTestSupport
import Logging
import Testing

/// Two live kiosks with one kiosk id (clones that kept one machine id's image name, or a name given twice)
/// are named to each other while both are connected, and no longer once one of them is gone.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "fleet mode"))
struct FleetKioskClashTests {
    @Test func aSecondLiveKioskWithThisIDIsNamedUntilItGoes() async throws {
        let url = try StoreEngine.freshDatabase()
        let mine = try PostgresStore(url: url, kioskID: "desk", machineID: "aaaa1111ffff", migrate: true)
        let another = try PostgresStore(url: url, kioskID: "desk-2", machineID: "cccc3333")
        // Another fleet's database on the same server: its kiosks are not this fleet's.
        let otherFleet = try PostgresStore(
            url: try StoreEngine.freshDatabase(), kioskID: "desk", machineID: "eeee5555", migrate: true)
        let service = InspektService(
            configuration: ServiceConfiguration(
                apiKey: "demo-key", dataDirectory: try PhotoFixtures.temporaryDirectory()),
            store: mine,
            client: InspektlabsClient(baseURL: "http://127.0.0.1:9", stallTimeout: 10, logger: Logger(label: "test")),
            logger: Logger(label: "test"))
        // Another kiosk id on another machine, or this kiosk's own connections: nothing to say.
        #expect(try mine.otherMachinesWithThisKioskID() == [])
        #expect(try await service.kioskIDClashOffPool() == nil)

        var clone: PostgresStore? = try PostgresStore(url: url, kioskID: "desk", machineID: "dddd4444")
        #expect(try mine.otherMachinesWithThisKioskID() == ["dddd4444"])
        #expect(try clone?.otherMachinesWithThisKioskID() == ["aaaa1111"])
        #expect(try another.otherMachinesWithThisKioskID() == [])
        #expect(try otherFleet.otherMachinesWithThisKioskID() == [])
        #expect(
            try await service.kioskIDClashOffPool()
                == "Another kiosk (machine dddd4444) uses the kiosk id desk: set INSPEKT_KIOSK_ID on one of them.")

        // Gone (its connections closed): no longer named.
        clone = nil
        #expect(try await eventually { try mine.otherMachinesWithThisKioskID().isEmpty })
        #expect(try await service.kioskIDClashOffPool() == nil)
    }
}
