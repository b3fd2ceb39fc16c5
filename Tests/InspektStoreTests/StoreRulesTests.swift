import Foundation
import InspektCore
import InspektStorage
import InspektTestSupport
import Testing

/// The rules written once for both engines (`StateTransitions`, `BoardQuery`), their SQL in each dialect, and
/// the store's clock.
@Suite("Store conformance: shared rules and clock")
struct StoreRulesTests {
    static let digests = ["a", "b", "c"].map { String(repeating: $0, count: 64) }

    @Test(
        "an acceptance spends the session, accepts the attempt, keeps one digest per photo, and moves to processing",
        arguments: StoreEngine.allCases)
    func acceptance(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection(photos: 3)
        inspection.state = .ready
        inspection.photos = inspection.photos.map {
            var photo = $0; photo.sha256 = nil; return photo
        }
        try store.insert(inspection)
        try store.saveSession(
            StoredSession(
                inspectionID: inspection.id, session: "S-1", accessToken: "a", refreshToken: "r",
                issuedAt: Date(), expiresAt: Date().addingTimeInterval(600)))
        let attempt = try #require(try store.beginAttempt(inspectionID: inspection.id, session: "S-1"))
        #expect(try store.inspection(id: inspection.id)?.state == .uploading)

        try store.recordAcceptance(
            inspectionID: inspection.id, session: "S-1", attemptID: attempt, note: "accepted", digests: Self.digests)
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .processing)
        #expect(back.session == "S-1")
        #expect(back.uploadFraction == 1)
        #expect(back.photos.map(\.sha256) == Self.digests)
        #expect(try store.storedSession("S-1")?.spent == true)
        #expect(try store.attempts(inspectionID: inspection.id).map(\.outcome) == [.accepted])
        // An accepted upload never begins again.
        #expect(try store.beginAttempt(inspectionID: inspection.id, session: "S-9") == nil)
        #expect(try store.inspection(id: inspection.id)?.session == "S-1")
    }

    @Test(
        "digests that do not match the photos one for one are not kept; a late acceptance never undoes a result",
        arguments: StoreEngine.allCases)
    func lateAcceptance(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection(photos: 3)
        inspection.state = .uploading
        try store.insert(inspection)
        #expect(
            try store.storeResult(
                inspectionID: inspection.id, session: "S-2", document: Data("{}".utf8),
                summary: sampleSummary(.available, session: "S-2")))
        try store.recordAcceptance(
            inspectionID: inspection.id, session: "S-2", attemptID: nil, note: "late",
            digests: Array(Self.digests.prefix(2)))
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .available)
        #expect(back.photos.map(\.sha256) == inspection.photos.map(\.sha256))
        #expect(throws: StoreError.unknownInspection("nope")) {
            try store.moveState("nope", from: [.ready], to: .uploading)
        }
    }

    @Test("a store stamps what it writes with its clock, not the machine's", arguments: StoreEngine.allCases)
    func clock(engine: StoreEngine) throws {
        let fixed = Date(timeIntervalSinceReferenceDate: 500_000_000)
        let store = try engine.makeStore(clock: .fixed(fixed))
        var inspection = sampleInspection()
        inspection.state = .ready
        try store.insert(inspection)
        #expect(try store.moveState(inspection.id, from: [.ready], to: .uploading))
        #expect(try store.inspection(id: inspection.id)?.updatedAt == fixed)
        let attempt = try store.recordAttempt(inspectionID: inspection.id, session: nil)
        try store.finishAttempt(id: attempt, outcome: .failed, detail: "lost")
        let recorded = try #require(try store.attempts(inspectionID: inspection.id).first)
        #expect(recorded.startedAt == fixed && recorded.finishedAt == fixed)
        try store.appendEvent(inspectionID: inspection.id, kind: .retry, detail: "again")
        try store.storeResult(
            inspectionID: inspection.id, session: "S-3", document: Data("{}".utf8),
            summary: sampleSummary(.available, session: "S-3"),
            history: "result")
        #expect(try store.events(inspectionID: inspection.id).map(\.at) == [fixed, fixed])
        #expect(try store.inspection(id: inspection.id)?.updatedAt == fixed)
    }

    @Test("one statement in both dialects: placeholders, a list, a substring")
    func dialects() {
        let needle = "50%_off"
        let caseID = "C-1"
        let statement: SQLStatement =
            "SELECT id FROM inspections WHERE case_id = \(caseID) AND "
            + SQLStatement.isIn("state", ["ready", "uploading"])
            + " AND " + SQLStatement.contains("search_key", needle)
        let sqlite = SQLDialect.sqlite.render(statement)
        #expect(
            sqlite.text
                == "SELECT id FROM inspections WHERE case_id = ? AND state IN (?, ?) AND search_key LIKE ? ESCAPE '\\'")
        #expect(sqlite.values == [.text("C-1"), .text("ready"), .text("uploading"), .text("%50\\%\\_off%")])
        let postgres = SQLDialect.postgres.render(statement)
        #expect(
            postgres.text
                == "SELECT id FROM inspections WHERE case_id = $1 AND state = ANY($2) AND strpos(search_key, $3) > 0")
        #expect(postgres.values == [.text("C-1"), .array([.text("ready"), .text("uploading")]), .text(needle)])
        // An empty list matches nothing, in both.
        #expect(SQLDialect.postgres.render(.isIn("state", [String]())).values.isEmpty)
    }
}
