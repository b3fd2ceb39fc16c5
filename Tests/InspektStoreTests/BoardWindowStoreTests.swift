import Foundation
import InspektCore
import InspektStorage
import InspektStore
import InspektTestSupport
import Testing

/// The board's window queries: the same rows, in the same order, with the same `/` matches as the whole
/// list sorted and filtered in memory.
@Suite("InspektStore board window")
struct BoardWindowStoreTests {
    /// 240 inspections; every third shares its creation time with the one before (ties go by id),
    /// vehicles in mixed case and with non-ASCII letters.
    static func stored(_ engine: StoreEngine) throws -> (any InspectionStore, [Inspection]) {
        let store = try engine.makeStore()
        let vehicles = ["ÄB-12 CD", "xy-987", "Renault ÉLAN", "ab-12 cd"]
        let base = Date(timeIntervalSinceReferenceDate: 800_000_000)
        let all = (0..<240).map { index -> Inspection in
            let created = base.addingTimeInterval(Double(index - (index % 3 == 2 ? 1 : 0)) * 60)
            var inspection = sampleInspection(
                caseID: String(format: "CASE-%04d", index), createdAt: created, photos: index % 4)
            inspection.facts.vehicle = vehicles[index % vehicles.count]
            inspection.state = [.draft, .failedRetryable, .rejected, .processing, .available][index % 5]
            return inspection
        }
        try store.save(contentsOf: all.shuffled())
        return (store, all)
    }

    /// The board's order: newest first, then by id.
    static func boardOrder(_ list: [Inspection]) -> [Inspection] {
        list.sorted { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id }
    }

    static func matching(_ list: [Inspection], _ filter: String) -> [Inspection] {
        let needle = BoardSearch.needle(filter)
        return list.filter {
            needle.isEmpty
                || (BoardSearch.key(caseID: $0.facts.caseID, vehicle: $0.facts.vehicle, id: $0.id) + "\u{1}"
                    + BoardSearch.stateKey(session: $0.session, state: $0.state)).contains(needle)
        }
    }

    @Test(
        "pages read one after another give every inspection once, in the board's order, photos included",
        arguments: StoreEngine.allCases)
    func pagesInBoardOrder(engine: StoreEngine) throws {
        let (store, all) = try Self.stored(engine)
        let expected = Self.boardOrder(all)
        var read: [Inspection] = []
        var offset = 0
        while true {
            let page = try store.boardPage(matching: "", offset: offset, limit: 37)
            if page.isEmpty { break }
            read += page
            offset += page.count
        }
        #expect(read == expected)
        #expect(try store.boardCount(matching: "") == 240)
        #expect(
            try store.boardPage(matching: "", offset: 0, limit: 240).map(\.id)
                == store.inspections().sorted {
                    $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id
                }.map(\.id))
    }

    @Test(
        "the filter matches case id, vehicle, ids and state words, ignoring case, as the in-memory board does",
        arguments: [
            "case-00", "ÄB", "äb-12", "élan", "XY", "12 cd", "nothing-like-this", "draft", "Failed", "process",
            // Typed literally, never as LIKE wildcards.
            "_", "%", "case%00", "\\",
        ], StoreEngine.allCases)
    func filterMatchesLikeTheBoard(filter: String, engine: StoreEngine) throws {
        let (store, all) = try Self.stored(engine)
        let expected = Self.matching(Self.boardOrder(all), filter)
        #expect(try store.boardCount(matching: filter) == expected.count)
        #expect(try store.boardPage(matching: filter, offset: 0, limit: 1000).map(\.id) == expected.map(\.id))
        if expected.count > 10 {
            #expect(try store.boardPage(matching: filter, offset: 5, limit: 4).map(\.id) == expected[5..<9].map(\.id))
        }
    }

    @Test(
        "an inspection's position is its row among those matching, nil when it does not match",
        arguments: StoreEngine.allCases)
    func positions(engine: StoreEngine) throws {
        let (store, all) = try Self.stored(engine)
        let ordered = Self.boardOrder(all)
        for index in [0, 1, 2, 3, 100, 101, 239] {
            #expect(try store.boardPosition(of: ordered[index].id, matching: "") == index)
        }
        let filtered = Self.matching(ordered, "xy")
        #expect(try store.boardPosition(of: filtered[7].id, matching: "XY") == 7)
        let other = try #require(ordered.first { !Self.matching([$0], "xy").isEmpty == false })
        #expect(try store.boardPosition(of: other.id, matching: "xy") == nil)
        #expect(try store.boardPosition(of: "no-such-id", matching: "") == nil)
    }

    @Test("counts uploads still owed", arguments: StoreEngine.allCases)
    func unfinishedUploads(engine: StoreEngine) throws {
        let (store, all) = try Self.stored(engine)
        #expect(try store.unfinishedUploadCount() == 0)
        try store.setState(all[3].id, .ready)
        try store.setState(all[9].id, .uploading)
        try store.setState(all[10].id, .processing)
        #expect(try store.unfinishedUploadCount() == 2)
    }

    @Test(
        "archived inspections leave the board's count, pages and positions unless asked for",
        arguments: StoreEngine.allCases)
    func archivedAreHidden(engine: StoreEngine) throws {
        let (store, all) = try Self.stored(engine)
        let ordered = Self.boardOrder(all)
        try store.setArchived(id: ordered[3].id, true)
        #expect(try store.archivedCount() == 1)
        #expect(try store.boardCount(matching: "") == 239)
        #expect(try store.boardCount(matching: "", archived: true) == 240)
        #expect(
            try store.boardPage(matching: "", offset: 0, limit: 5).map(\.id) == [0, 1, 2, 4, 5].map { ordered[$0].id })
        #expect(try store.boardPosition(of: ordered[3].id, matching: "") == nil)
        #expect(try store.boardPosition(of: ordered[4].id, matching: "") == 3)
        #expect(try store.boardPosition(of: ordered[4].id, matching: "", archived: true) == 4)
    }
}
