import Foundation
import GRDB
import InspektCore
import InspektStore
import InspektTestSupport
import Testing

@Suite("Store: comparisons")
struct ComparisonStoreTests {
    @Test("a comparison keeps its kind and pair across saves, is found by its token, and is never an upload to resume", arguments: StoreEngine.allCases)
    func comparisonRow(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let pair = ComparedInspections(before: "in1111120260101000000", after: "in2222220260102000000")
        var comparison = Inspection(facts: CaseFacts(caseID: "CMP-1", vehicle: "KA01AB1234"), state: .ready)
        try store.insertComparison(comparison, comparing: pair, callbackToken: "00ff")
        let ordinary = sampleInspection(caseID: "PICKUP")
        try store.insert(ordinary)
        try store.setState(ordinary.id, .ready)

        comparison.state = .uploading
        try store.save(comparison)
        #expect(try store.comparedInspections(inspectionID: comparison.id) == pair)
        #expect(try store.comparedInspections(inspectionID: ordinary.id) == nil)
        #expect(try store.comparedInspections() == [comparison.id: pair])
        #expect(try store.comparisons(of: pair, caseID: "CMP-1").map(\.id) == [comparison.id])
        #expect(try store.comparisons(of: pair, caseID: "CMP-2").isEmpty)
        #expect(try store.inspection(callbackToken: "00ff")?.id == comparison.id)
        #expect(try store.unfinishedUploads().map(\.id) == [ordinary.id])
        #expect(try store.ordinaryInspections().map(\.id) == [ordinary.id])
        #expect(throws: StoreError.self) { try store.insertComparison(comparison, comparing: pair, callbackToken: "00fe") }
    }

    @Test("a database of the first schema is brought forward: its inspections become ordinary ones")
    func migratesV1() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory + "/" + InspektStore.fileName
        let inspection = sampleInspection(caseID: "OLD-1")
        do {
            let store = try InspektStore(path: path, kioskID: "kiosk-a")
            try store.insert(inspection)
        }
        // Back to the first schema, as a database written before comparisons existed.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP INDEX inspections_kind")
            try db.execute(sql: "ALTER TABLE inspections DROP COLUMN compared_after")
            try db.execute(sql: "ALTER TABLE inspections DROP COLUMN compared_before")
            try db.execute(sql: "ALTER TABLE inspections DROP COLUMN kind")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-comparisons'")
        }
        try queue.close()
        let reopened = try InspektStore(path: path, kioskID: "kiosk-a")
        #expect(try reopened.ordinaryInspections().map(\.id) == [inspection.id])
        #expect(try reopened.comparedInspections().isEmpty)
    }
}
