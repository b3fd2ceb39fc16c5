import Foundation
import InspektCore
import InspektStorage
import InspektStore
import Testing

/// Archiving hides an inspection on the board and keeps every byte of it.
@Suite struct ArchiveTests {
    @Test func archivingKeepsTheInspectionWholeAndSurvivesReopening() throws {
        let directory = try makeTemporaryDirectory()
        let when = Date(timeIntervalSinceReferenceDate: 780_000_000.5)
        var inspection = sampleInspection(caseID: "CASE-ARCH")
        do {
            let store = try InspektStore(directory: directory, kioskID: "kiosk-a")
            try store.insert(inspection)
            try store.setArchived(id: inspection.id, true, at: when)
            // A later save (a state change, a draft edit) never clears the archive mark.
            inspection.facts.notes = "changed"
            try store.save(inspection)
        }
        let reopened = try InspektStore(directory: directory, kioskID: "kiosk-a")
        let stored = try #require(try reopened.inspection(id: inspection.id))
        #expect(stored.archivedAt == when)
        #expect(stored.photos == inspection.photos)
        #expect(try reopened.inspections().map(\.id) == [inspection.id])
        #expect(try reopened.events(inspectionID: inspection.id).map(\.kind).contains("archived"))
        try reopened.setArchived(id: inspection.id, false)
        #expect(try reopened.inspection(id: inspection.id)?.archivedAt == nil)
        #expect(throws: StoreError.unknownInspection("nope")) { try reopened.setArchived(id: "nope", true) }
    }
}
