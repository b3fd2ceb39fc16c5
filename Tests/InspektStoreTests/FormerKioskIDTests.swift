import Foundation
import GRDB
import InspektStorage
import Testing

@testable import InspektStore

/// Each process asks, as it opens the store, whether rows are left under the kiosk's former id: the answer comes
/// from the kiosk index, so that a start does not read the whole table, and rows left there are still relabelled.
@Suite("InspektStore: the former kiosk id")
struct FormerKioskIDTests {
    @Test("the question at open is answered by the kiosk index, never a scan of the table")
    func answeredByTheIndex() throws {
        let store = try InspektStore(directory: try makeTemporaryDirectory(), kioskID: "desk-0123abcd")
        let plan = try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + InspektStore.formerKioskRows, arguments: ["desk"])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX inspections_kiosk") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN inspections") }, "\(plan)")
    }

    @Test("a database from before the kiosk index gets it, and its rows under the former id are relabelled")
    func olderDatabaseIsBroughtForward() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory + "/" + InspektStore.fileName
        do {
            let before = try InspektStore(path: path, kioskID: "desk")
            var inspection = sampleInspection(caseID: "CASE-OLD")
            inspection.kiosk = "desk"
            try before.insert(inspection)
        }
        try undoMigration("v7-kiosk-index", at: path, undo: "DROP INDEX inspections_kiosk")

        let after = try InspektStore(path: path, kioskID: "desk-0123abcd", formerKioskID: "desk")
        let indexes = try after.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inspections'")
        }
        #expect(indexes.contains("inspections_kiosk"))
        #expect(try after.inspections().map(\.kiosk) == ["desk-0123abcd"])
        // Opened again: nothing is left under the former id, and the rows stay relabelled.
        let again = try InspektStore(path: path, kioskID: "desk-0123abcd", formerKioskID: "desk")
        #expect(
            try again.pool.read { try Bool.fetchOne($0, sql: InspektStore.formerKioskRows, arguments: ["desk"]) }
                == false)
        #expect(try again.inspections().map(\.kiosk) == ["desk-0123abcd"])
    }
}
