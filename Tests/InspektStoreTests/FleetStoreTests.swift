import Foundation
import InspektCore
import InspektStorage
import InspektTestSupport
import Testing

/// What fleet mode adds to the store contract, on both engines: the kiosk of each inspection, results
/// kept until their inspection appears, an upload lock that names its holder, and compare-and-set across
/// two writers of the same data.
@Suite("Store conformance: fleet")
struct FleetStoreTests {
    @Test(
        "each inspection keeps the kiosk that captured it; the board can show one kiosk or all",
        arguments: StoreEngine.allCases)
    func kioskOfEachInspection(engine: StoreEngine) throws {
        let stores = try engine.makeSharedStores(kioskIDs: ["kiosk-a", "kiosk-b"])
        var mine = sampleInspection(caseID: "CASE-A")
        mine.kiosk = nil
        try stores[0].insert(mine)
        var theirs = sampleInspection(caseID: "CASE-B", createdAt: Date().addingTimeInterval(5))
        theirs.kiosk = nil
        try stores[1].insert(theirs)
        #expect(try stores[1].inspection(id: mine.id)?.kiosk == "kiosk-a")
        #expect(try stores[0].inspection(id: theirs.id)?.kiosk == "kiosk-b")

        // A save from another kiosk (a stale copy without a kiosk) never changes who captured it.
        var copy = try #require(try stores[1].inspection(id: mine.id))
        copy.kiosk = nil
        copy.facts.notes = "seen on b"
        try stores[1].save(copy)
        #expect(try stores[0].inspection(id: mine.id)?.kiosk == "kiosk-a")

        #expect(try stores[0].boardCount(matching: "", archived: false, kiosk: "kiosk-a") == 1)
        #expect(try stores[0].boardCount(matching: "", archived: false, kiosk: nil) == 2)
        #expect(
            try stores[0].boardPage(matching: "", archived: false, kiosk: "kiosk-b", offset: 0, limit: 10).map(\.id)
                == [theirs.id])
        #expect(
            try stores[0].boardPage(matching: "case", archived: false, kiosk: nil, offset: 0, limit: 10).map(\.id) == [
                theirs.id, mine.id,
            ])
        #expect(try stores[0].boardPosition(of: mine.id, matching: "", archived: false, kiosk: "kiosk-a") == 0)
        #expect(try stores[0].boardPosition(of: mine.id, matching: "", archived: false, kiosk: "kiosk-b") == nil)
        if engine == .postgres {
            // The fleet's whole board: a kiosk's name finds its inspections (a single kiosk's file has one kiosk).
            #expect(
                try stores[0].boardPage(matching: "KIOSK-B", archived: false, kiosk: nil, offset: 0, limit: 10).map(
                    \.id) == [theirs.id])
        }
    }

    @Test(
        "a result for an inspection not stored yet is kept whole until it is attached", arguments: StoreEngine.allCases)
    func pendingResultsAreKept(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let first = Data(#"{"inspectionId":"S-1","status":"complete","n":1e300,"s":"\u0000"}"#.utf8)
        let second = Data(#"{"inspectionId":"S-1","status":"complete","again":true}"#.utf8)
        try store.keepPendingResult(session: "S-1", document: first, at: Date())
        try store.keepPendingResult(session: "S-1", document: second, at: Date())
        try store.keepPendingResult(session: "S-2", document: Data("{}".utf8), at: Date())
        #expect(try store.pendingResults(session: "S-1") == [first, second])
        try store.removePendingResults(session: "S-1")
        #expect(try store.pendingResults(session: "S-1").isEmpty)
        #expect(try store.pendingResults(session: "S-2").count == 1)
    }

    @Test("kept results are counted and dropped by when they came", arguments: StoreEngine.allCases)
    func pendingResultsExpire(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let now = Date()
        try store.keepPendingResult(session: "S-OLD", document: Data("{}".utf8), at: now.addingTimeInterval(-8 * 86400))
        try store.keepPendingResult(session: "S-NEW", document: Data("{}".utf8), at: now.addingTimeInterval(-86400))
        let weekAgo = now.addingTimeInterval(-7 * 86400)
        #expect(try store.pendingResultCount(receivedSince: weekAgo) == 1)
        #expect(try store.pendingResultCount(receivedSince: now.addingTimeInterval(-9 * 86400)) == 2)
        #expect(try store.removePendingResults(receivedBefore: weekAgo) == 1)
        #expect(try store.pendingResults(session: "S-OLD").isEmpty)
        #expect(try store.pendingResults(session: "S-NEW").count == 1)
    }

    @Test(
        "a webhook result finds its inspection by session and stores with its history line, once",
        arguments: StoreEngine.allCases)
    func resultMatchedBySession(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection()
        inspection.state = .processing
        try store.insert(inspection)
        try store.saveSession(
            StoredSession(
                inspectionID: inspection.id, session: "S-7", accessToken: "a.b.c", refreshToken: "d.e.f",
                issuedAt: Date(),
                expiresAt: Date().addingTimeInterval(900)))
        let document = Data(#"{"inspectionId":"S-7","status":"Available"}"#.utf8)
        let summary = sampleSummary(.available, session: "S-7")

        #expect(
            try store.storeResult(session: "S-8", document: document, summary: summary, history: "never")
                == .noInspection)
        #expect(
            try store.storeResult(session: "S-7", document: document, summary: summary, history: "Result available")
                == .stored(inspectionID: inspection.id))
        #expect(
            try store.storeResult(session: "S-7", document: document, summary: summary, history: "again")
                == .unchanged(inspectionID: inspection.id))
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .available)
        #expect(back.session == "S-7")
        #expect(try store.storedSession("S-7")?.spent == true)
        #expect(try store.resultDocument(inspectionID: inspection.id) == document)
        #expect(
            try store.events(inspectionID: inspection.id).filter { $0.kind == "result" }.map(\.detail) == [
                "Result available"
            ])
    }

    @Test(
        "a result document reads back byte for byte, also one nested far deeper than any parser allows",
        arguments: StoreEngine.allCases)
    func resultsAreStoredWhole(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let inspection = sampleInspection()
        try store.insert(inspection)
        let deep = Data(
            (#"{"inspectionId":"S-9","x":"# + String(repeating: "[", count: 100_000)
                + String(repeating: "]", count: 100_000) + "}").utf8)
        #expect(
            try store.storeResult(
                inspectionID: inspection.id, session: "S-9", document: deep,
                summary: sampleSummary(.available, session: "S-9")))
        #expect(try store.resultDocument(inspectionID: inspection.id) == deep)
        #expect(try store.inspection(id: inspection.id)?.state == .available)
    }

    @Test(
        "the upload lock goes to one holder at a time, and the loser learns who holds it",
        arguments: StoreEngine.allCases)
    func uploadLockIsExclusive(engine: StoreEngine) throws {
        let stores = try engine.makeSharedStores(kioskIDs: ["kiosk-a", "kiosk-b"])
        let inspection = sampleInspection()
        try stores[0].insert(inspection)
        let held = try stores[0].takeUploadLock(inspectionID: inspection.id, holder: "the board of mira on kiosk-a")
        #expect {
            _ = try stores[1].takeUploadLock(inspectionID: inspection.id, holder: "`inspekt resume` on kiosk-b")
        } throws: { error in
            guard case StoreError.locked(_, let holder) = error else { return false }
            return holder == "the board of mira on kiosk-a"
        }
        held.release()
        let again = try stores[1].takeUploadLock(inspectionID: inspection.id, holder: "`inspekt resume` on kiosk-b")
        again.release()
    }

    @Test(
        "a held upload lock reads as a live holder, from this kiosk and another; released, it no longer does",
        arguments: StoreEngine.allCases)
    func liveUploadHolders(engine: StoreEngine) throws {
        let stores = try engine.makeSharedStores(kioskIDs: ["kiosk-a", "kiosk-b"])
        let (uploading, idle) = (sampleInspection(caseID: "CASE-UP"), sampleInspection(caseID: "CASE-IDLE"))
        try stores[0].insert(uploading)
        try stores[0].insert(idle)
        #expect(try stores[1].liveUploadHolders(inspectionIDs: [uploading.id, idle.id]).isEmpty)
        let held = try stores[0].takeUploadLock(inspectionID: uploading.id, holder: "the board of mira on kiosk-a")
        #expect(try stores[0].liveUploadHolders(inspectionIDs: [uploading.id, idle.id]) == [uploading.id])
        #expect(try stores[1].liveUploadHolders(inspectionIDs: [uploading.id, idle.id]) == [uploading.id])
        held.release()
        #expect(try stores[1].liveUploadHolders(inspectionIDs: [uploading.id, idle.id]).isEmpty)
        #expect(try stores[0].liveUploadHolders(inspectionIDs: []).isEmpty)
    }

    @Test(
        "a writer that read an older state never moves an inspection back past a result",
        arguments: StoreEngine.allCases)
    func compareAndSetAcrossWriters(engine: StoreEngine) throws {
        let stores = try engine.makeSharedStores(kioskIDs: ["kiosk-a", "receiver"])
        var inspection = sampleInspection()
        inspection.state = .ready
        try stores[0].insert(inspection)
        let attempt = try #require(try stores[0].beginAttempt(inspectionID: inspection.id, session: "S-5"))
        let stale = try #require(try stores[0].inspection(id: inspection.id))
        #expect(
            try stores[1].storeResult(
                inspectionID: inspection.id, session: "S-5", document: Data("{}".utf8),
                summary: sampleSummary(.available, session: "S-5")))
        try stores[0].recordAcceptance(
            inspectionID: inspection.id, session: "S-5", attemptID: attempt, note: "accepted", digests: nil)
        #expect(try stores[0].moveState(inspection.id, from: [.uploading], to: .failedRetryable) == false)
        try stores[0].save(stale)
        let stored = try #require(try stores[1].inspection(id: inspection.id))
        #expect(stored.state == .available)
        #expect(stored.result?.verdict == .available)
        #expect(try stores[1].attempts(inspectionID: inspection.id).map(\.outcome) == [.accepted])
    }
}
