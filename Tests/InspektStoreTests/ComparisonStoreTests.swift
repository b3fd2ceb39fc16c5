import Foundation
import GRDB
import InspektCore
import InspektStorage
import InspektStore
import InspektTestSupport
import Testing

@Suite("Store: comparisons")
struct ComparisonStoreTests {
    @Test(
        "a comparison keeps its kind and pair across saves, is found by its token, and is never an upload to resume",
        arguments: StoreEngine.allCases)
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
        #expect(throws: StoreError.self) {
            try store.insertComparison(comparison, comparing: pair, callbackToken: "00fe")
        }
    }

    @Test(
        "two requests for one pair and case, even at the same moment, make one comparison",
        arguments: StoreEngine.allCases)
    func onePairOneComparison(engine: StoreEngine) async throws {
        let store = try engine.makeStore()
        let pair = ComparedInspections(before: "in1111120260101000000", after: "in2222220260102000000")
        let first = Inspection(facts: CaseFacts(caseID: "CMP-1"), state: .ready)
        #expect(try store.insertComparison(first, comparing: pair, callbackToken: "00a1") == first.id)
        let again = Inspection(facts: CaseFacts(caseID: "CMP-1"), state: .ready)
        #expect(try store.insertComparison(again, comparing: pair, callbackToken: "00a2") == first.id)
        #expect(try store.inspection(id: again.id) == nil)
        // Another case id is another comparison.
        let other = Inspection(facts: CaseFacts(caseID: "CMP-2"), state: .ready)
        #expect(try store.insertComparison(other, comparing: pair, callbackToken: "00a3") == other.id)

        // Eight at once for a new pair: one row, and every caller is told its id.
        let racing = ComparedInspections(before: "in3333320260101000000", after: "in4444420260102000000")
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let candidate = Inspection(facts: CaseFacts(caseID: "CMP-9"), state: .ready)
                    return try store.insertComparison(candidate, comparing: racing, callbackToken: "0b\(index)")
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let stored = try store.comparisons(of: racing, caseID: "CMP-9")
        #expect(stored.count == 1)
        #expect(ids == Set(stored.map(\.id)))
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
