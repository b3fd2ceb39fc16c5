import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// Kiosks cloned from one image share the host name: the default kiosk id adds a part of the machine id, and
/// what a kiosk recorded under the bare host name (the earlier default) stays its own.
@Suite struct KioskIdentityTests {
    @Test func theDefaultIDCarriesThePartOfTheMachineID() throws {
        let folder = try PhotoFixtures.temporaryDirectory()
        let machineID = folder + "/machine-id"
        try "0123abcd89ef4567aaaabbbbccccdddd\n".write(toFile: machineID, atomically: true, encoding: .utf8)
        let missing = folder + "/no-such-file"
        let host = KioskIdentity.hostName

        let cloned = try ServiceConfiguration.fromEnvironment(
            ["HOME": "/tmp"], requireAPIKey: false, machineIDFiles: [missing, machineID])
        #expect(cloned.kioskID == KioskIdentity.defaultID(hostName: host, machineIDFiles: []) + "-0123abcd")
        #expect(cloned.kioskID.count <= 64)
        #expect(cloned.formerKioskID == host)
        // A machine id that cannot be read leaves the host name alone, as before: nothing to relabel.
        let bare = try ServiceConfiguration.fromEnvironment(
            ["HOME": "/tmp"], requireAPIKey: false, machineIDFiles: [missing])
        #expect(bare.kioskID == KioskIdentity.defaultID(hostName: host, machineIDFiles: []))
        // A named kiosk is that name only.
        let named = try ServiceConfiguration.fromEnvironment(
            ["HOME": "/tmp", "INSPEKT_KIOSK_ID": "desk-2"], requireAPIKey: false, machineIDFiles: [machineID])
        #expect(named.kioskID == "desk-2")
        #expect(named.formerKioskID == nil)
        // Within INSPEKT_KIOSK_ID's rules, whatever the host is called.
        let odd = KioskIdentity.defaultID(hostName: String(repeating: "désk ", count: 20), machineIDFiles: [machineID])
        #expect(odd.count <= 64 && odd.hasSuffix("-0123abcd"))
        #expect(odd.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
    }

    /// An inspection left ready under the bare host name by the earlier version is resumed and uploaded by the
    /// same kiosk under its new id (SQLite relabels it; PostgreSQL keeps it under the old id, still this kiosk's).
    @Test func anInspectionUnderTheBareHostNameIsStillThisKiosks() async throws {
        let before = try await ServiceFixture.start(kioskID: "desk")
        try await stopAfter(before) {
            let inspection = try before.draft("CASE-CLONE", photos: try before.photos(2))
            try before.service.markReady(id: inspection.id)

            // Named another way (INSPEKT_KIOSK_ID), the kiosk leaves it alone: it could be another kiosk's.
            let named = try ServiceFixture.make(
                simulator: before.simulator, directory: before.directory, kioskID: "desk-0123abcd")
            let refused = await named.service.resumeAll()
            #expect(refused.count == 1)
            #expect(throws: ServiceError.self) { try refused.first?.outcome.get() }

            let after = try ServiceFixture.make(
                simulator: before.simulator, directory: before.directory, kioskID: "desk-0123abcd",
                formerKioskID: "desk")
            let expectedLabel = StoreEngine.forServiceTests == .sqlite ? "desk-0123abcd" : "desk"
            #expect(try after.store.inspection(id: inspection.id)?.kiosk == expectedLabel)
            // This kiosk's board (fleet mode) lists it.
            #expect(try after.store.boardCount(matching: "", archived: false, kiosk: "desk-0123abcd") == 1)
            let outcomes = await after.service.resumeAll()
            #expect(outcomes.count == 1)
            let session = try #require(try outcomes.first?.outcome.get())
            #expect(await before.ledger(caseID: "CASE-CLONE").map(\.session) == [session])
            #expect(try after.store.inspection(id: inspection.id)?.state == .processing)
        }
    }
}
