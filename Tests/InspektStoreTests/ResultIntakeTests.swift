import Foundation
import InspektCore
import InspektStorage
import InspektTestSupport
import Testing

@testable import InspektPostgres
@testable import InspektStore

/// Result intake (`ResultIntakeRules`), written once: each case on both engines, and its statement count per
/// dialect (one round trip on PostgreSQL).
@Suite("Store conformance: result intake")
struct ResultIntakeTests {
    static let document = Data(#"{"inspectionId":"S-1","status":"Available"}"#.utf8)

    static func session(_ id: String, for inspectionID: String) -> StoredSession {
        StoredSession(
            inspectionID: inspectionID, session: id, accessToken: "a", refreshToken: "r", issuedAt: Date(),
            expiresAt: Date().addingTimeInterval(600))
    }

    @Test(
        "a result while the upload waits for its answer proves acceptance: its session spent (no other), the inspection moved, failure and progress cleared",
        arguments: StoreEngine.allCases)
    func resultBeforeAcceptance(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var waiting = sampleInspection(caseID: "CASE-WAIT")
        waiting.state = .mayHaveBeenAccepted
        waiting.failureReason = "the upload's answer was lost"
        waiting.uploadFraction = 0.7
        let other = sampleInspection(caseID: "CASE-OTHER")
        try store.insert(waiting)
        try store.insert(other)
        try store.saveSession(Self.session("S-1", for: waiting.id))
        try store.saveSession(Self.session("S-2", for: other.id))

        #expect(
            try store.storeResult(
                session: "S-1", document: Self.document, summary: sampleSummary(.available, session: "S-1"),
                history: nil)
                == .stored(inspectionID: waiting.id))
        let back = try #require(try store.inspection(id: waiting.id))
        #expect(back.state == .available)
        #expect(back.failureReason == nil && back.uploadFraction == nil)
        #expect(back.session == "S-1")
        #expect(back.result?.verdict == .available)
        #expect(try store.storedSession("S-1")?.spent == true)
        #expect(try store.storedSession("S-2")?.spent == false)
        // No history line was asked for: none is written.
        #expect(try store.events(inspectionID: waiting.id).isEmpty)
        #expect(try store.inspection(id: other.id) == other)
    }

    @Test(
        "a result of an earlier session finds its inspection, spends that session and keeps the current one",
        arguments: StoreEngine.allCases)
    func earlierSession(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection()
        inspection.state = .processing
        inspection.session = "S-NEW"
        try store.insert(inspection)
        try store.saveSession(Self.session("S-OLD", for: inspection.id))
        try store.saveSession(Self.session("S-NEW", for: inspection.id))
        let rejected = sampleSummary(.rejected, session: "S-OLD", message: "blurred")
        #expect(
            try store.storeResult(session: "S-OLD", document: Self.document, summary: rejected, history: "Rejected")
                == .stored(inspectionID: inspection.id))
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .rejected && back.result?.message == "blurred")
        #expect(back.session == "S-NEW")
        #expect(try store.storedSession("S-OLD")?.spent == true)
        #expect(try store.storedSession("S-NEW")?.spent == false)
        #expect(try store.events(inspectionID: inspection.id).map(\.detail) == ["Rejected"])
    }

    @Test(
        "another kiosk's archived inspection takes its result from the receiver and stays archived and its kiosk's",
        arguments: StoreEngine.allCases)
    func archivedOtherKiosk(engine: StoreEngine) throws {
        let stores = try engine.makeSharedStores(kioskIDs: ["kiosk-a", "receiver"])
        var inspection = sampleInspection()
        inspection.state = .processing
        inspection.session = "S-4"
        try stores[0].insert(inspection)
        let archivedAt = Date(timeIntervalSinceReferenceDate: 800_000_000)
        try stores[0].setArchived(id: inspection.id, true, at: archivedAt)
        #expect(
            try stores[1].storeResult(
                session: "S-4", document: Self.document, summary: sampleSummary(.available, session: "S-4"),
                history: "Result available") == .stored(inspectionID: inspection.id))
        let back = try #require(try stores[0].inspection(id: inspection.id))
        #expect(back.state == .available)
        #expect(back.archivedAt == archivedAt)
        #expect(back.kiosk == "kiosk-a")
    }

    @Test(
        "a result no inspection holds writes nothing; by id, it is refused by name", arguments: StoreEngine.allCases)
    func unmatched(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection()
        inspection.state = .processing
        inspection.session = "S-5"
        try store.insert(inspection)
        let summary = sampleSummary(.available, session: "S-6")
        #expect(
            try store.storeResult(session: "S-6", document: Self.document, summary: summary, history: "never")
                == .noInspection)
        #expect(throws: StoreError.unknownInspection("gone")) {
            try store.storeResult(
                inspectionID: "gone", session: "S-6", document: Self.document, summary: summary, history: "never")
        }
        #expect(try store.inspection(id: inspection.id) == inspection)
        #expect(try store.resultDocument(inspectionID: inspection.id) == nil)
        #expect(try store.events(inspectionID: inspection.id).isEmpty)
        #expect(try store.events(inspectionID: "gone").isEmpty)
    }

    @Test("intake is one statement on PostgreSQL (one round trip) and runs step by step in SQLite's transaction")
    func statementsPerDialect() throws {
        var inspection = sampleInspection()
        inspection.state = .processing
        inspection.session = "S-7"
        let summary = sampleSummary(.available, session: "S-7")
        let delivery = ResultIntakeRules.Delivery(
            session: "S-7", document: Self.document, documentText: String(decoding: Self.document, as: UTF8.self),
            summary: summary, history: "Result available", at: Date())

        let postgres = try PostgresStore(url: try StoreEngine.freshDatabase(), kioskID: "kiosk-a", migrate: true)
        try postgres.insert(inspection)
        let (pgOutcome, pgStatements) = try postgres.writeStatement { transaction in
            let counting = CountingTransaction(base: transaction)
            return (try ResultIntakeRules.store(counting, .session("S-7"), delivery), counting.statements)
        }
        #expect(pgOutcome == .stored(inspectionID: inspection.id))
        #expect(pgStatements == 1)
        #expect(try postgres.inspection(id: inspection.id)?.state == .available)

        let sqlite = try InspektStore(directory: NSTemporaryDirectory() + "inspekt-store-" + UUID().uuidString)
        try sqlite.insert(inspection)
        let (sqliteOutcome, sqliteStatements) = try sqlite.pool.write { db in
            let counting = CountingTransaction(base: SQLiteTransaction(db: db))
            return (try ResultIntakeRules.store(counting, .session("S-7"), delivery), counting.statements)
        }
        #expect(sqliteOutcome == .stored(inspectionID: inspection.id))
        // Find, record, spend, move, history.
        #expect(sqliteStatements == 5)
        #expect(try sqlite.inspection(id: inspection.id)?.state == .available)
    }
}

/// A real transaction that counts the statements sent through it.
private final class CountingTransaction<Base: SQLTransaction>: SQLTransaction {
    let base: Base
    var statements = 0
    init(base: Base) { self.base = base }
    var dialect: SQLDialect { base.dialect }

    func execute(_ statement: SQLStatement) throws -> Int {
        statements += 1
        return try base.execute(statement)
    }

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        statements += 1
        return try base.query(statement)
    }
}
