import Foundation
import GRDB
import InspektCore
import InspektStorage
import InspektStore
import Synchronization
import InspektTestSupport
import Testing

/// A fresh, uniquely named folder for one test's database.
func makeTemporaryDirectory() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("inspekt-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Leaves the database at `path` as a version from before `migration` did: `undo` takes its change back and its
/// row leaves `grdb_migrations`, so that the next open runs it again.
func undoMigration(_ migration: String, at path: String, undo: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
        try db.execute(sql: undo)
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
    }
    try queue.close()
}

func posixMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

func sampleInspection(caseID: String = "CASE-12345", createdAt: Date = Date(), photos: Int = 3) -> Inspection {
    let slots = CoverageSlot.allCases
    var inspection = Inspection(
        facts: CaseFacts(
            caseID: caseID, vehicle: "AB-123-CD", vehicleType: .carSUV, agentID: "A7", agentName: "Zoë Ämmälä",
            email: "desk@example.com", notes: "scratch on the \"left\" door\nsecond line"),
        state: .draft,
        photos: (0..<photos).map { index in
            PhotoSelection(
                slot: slots[index % slots.count], path: "/inbox/IMG_\(index).jpg", size: Int64(1000 + index),
                sha256: String(repeating: "ab", count: 32),
                captureTime: Date(timeIntervalSince1970: 1_700_000_000.25 + Double(index)))
        },
        createdAt: createdAt, updatedAt: createdAt)
    // The kiosk every test store writes for (`StoreEngine.makeStore`): it reads back as it was stored.
    inspection.kiosk = "kiosk-a"
    return inspection
}

func sampleSummary(_ verdict: ResultSummary.Verdict, session: String, message: String? = nil) -> ResultSummary {
    ResultSummary(
        verdict: verdict, caseID: "CASE-12345", inspectionID: session, message: message,
        uploadStatus: "complete upload",
        vehicleType: "car_suv",
        damagedParts: verdict == .available
            ? [DamagedPart(part: "front bumper", damageType: "scratch", severity: 0.4, confidence: 0.9)] : [],
        readings: ["make": "Volvo"])
}

@Suite("InspektStore")
struct InspektStoreTests {
    @Test("an inspection reads back exactly as saved, photos in order", arguments: StoreEngine.allCases)
    func roundtrip(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection(photos: 5)
        try store.insert(inspection)
        #expect(try store.inspection(id: inspection.id) == inspection)

        inspection.state = .failedRetryable
        inspection.failureReason = "The connection to Inspektlabs was lost."
        inspection.missingReason = "rear blocked by a wall"
        inspection.photos.removeFirst()
        inspection.photos.append(PhotoSelection(slot: .damage, path: "/inbox/ä b.jpg", size: 7))
        inspection.facts.vehicleType = nil
        inspection.uploadFraction = 0.5
        inspection.updatedAt = Date()
        try store.save(inspection)
        #expect(try store.inspection(id: inspection.id) == inspection)
        #expect(try store.inspections() == [inspection])
        #expect(try store.inspection(id: "no-such-id") == nil)
    }

    @Test("inserting an id twice is refused and keeps the first", arguments: StoreEngine.allCases)
    func insertTwice(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let inspection = sampleInspection()
        try store.insert(inspection)
        var second = inspection
        second.facts.caseID = "OTHER"
        #expect(throws: StoreError.alreadyExists(inspection.id)) { try store.insert(second) }
        #expect(try store.inspection(id: inspection.id)?.facts.caseID == "CASE-12345")
    }

    @Test("the folder is 0700 and the database files 0600")
    func fileModes() throws {
        let parent = try makeTemporaryDirectory()
        let directory = parent + "/nested/data"
        let store = try InspektStore(directory: directory, kioskID: "kiosk-a")
        try store.insert(sampleInspection())
        #expect(try posixMode(directory) == 0o700)
        #expect(store.path == directory + "/inspekt.sqlite")
        #expect(try posixMode(store.path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            #expect(try posixMode(store.path + suffix) == 0o600, "mode of \(suffix)")
        }
    }

    @Test("the database is in WAL mode")
    func walMode() throws {
        let store = try InspektStore(directory: try makeTemporaryDirectory(), kioskID: "kiosk-a")
        try store.insert(sampleInspection())
        // Bytes 18 and 19 of the SQLite header (file format write/read versions) are 2 in WAL mode.
        let header = try #require(FileHandle(forReadingAtPath: store.path)).readData(ofLength: 20)
        #expect(header.count == 20)
        #expect(Array(header[18...19]) == [2, 2])
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
    }

    @Test("several openers of a new database at once all succeed (a submit beside a status)")
    func concurrentFirstOpens() throws {
        for _ in 0..<15 {
            let directory = try makeTemporaryDirectory()
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let store = try InspektStore(directory: directory, kioskID: "kiosk-a")
                    _ = try store.inspections()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
        }
    }

    @Test("everything written is there after reopening")
    func reopen() throws {
        let directory = try makeTemporaryDirectory()
        let inspection = sampleInspection()
        let issued = Date()
        do {
            let store = try InspektStore(directory: directory, kioskID: "kiosk-a")
            try store.insert(inspection)
            try store.setCallbackToken(inspectionID: inspection.id, token: "0123456789abcdef0123456789abcdef")
            try store.saveSession(
                StoredSession(
                    inspectionID: inspection.id, session: "in123420250909153012", accessToken: "acc.tok.en",
                    refreshToken: "ref.tok.en", issuedAt: issued, expiresAt: issued.addingTimeInterval(900)))
            try store.markBodySent(session: "in123420250909153012")
            let attempt = try store.recordAttempt(
                inspectionID: inspection.id, session: "in123420250909153012", startedAt: issued)
            try store.finishAttempt(id: attempt, outcome: "connection-lost", detail: "reset")
            try store.appendEvent(inspectionID: inspection.id, kind: "upload", detail: "started")
            try store.setState(inspection.id, .uploading)
            store.setSetting("agent_id", "A7")
        }
        let store = try InspektStore(directory: directory, kioskID: "kiosk-a")
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .uploading)
        #expect(back.photos == inspection.photos)
        #expect(try store.inspection(callbackToken: "0123456789abcdef0123456789abcdef")?.id == inspection.id)
        let session = try #require(try store.currentSession(inspectionID: inspection.id))
        #expect(session.session == "in123420250909153012")
        #expect(session.refreshToken == "ref.tok.en")
        #expect(session.issuedAt == issued)
        #expect(session.bodySent && !session.spent)
        let attempts = try store.attempts(inspectionID: inspection.id)
        #expect(attempts.map(\.outcome) == ["connection-lost"])
        #expect(attempts.first?.finishedAt != nil)
        #expect(try store.events(inspectionID: inspection.id).map(\.detail) == ["started"])
        #expect(store.setting("agent_id") == "A7")
        #expect(try store.unfinishedUploads().map(\.id) == [inspection.id])
    }

    @Test("a repeated result delivery returns false and changes nothing", arguments: StoreEngine.allCases)
    func repeatResult(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var inspection = sampleInspection()
        inspection.state = .processing
        inspection.session = "in1"
        try store.insert(inspection)
        let first = Data(#"{"status":"Available","inspectionId":"in1","extra":{"kept":true}}"#.utf8)
        let summary = sampleSummary(.available, session: "in1")
        #expect(try store.storeResult(inspectionID: inspection.id, session: "in1", document: first, summary: summary))
        let afterFirst = try #require(try store.inspection(id: inspection.id))
        #expect(afterFirst.state == .available)
        #expect(afterFirst.result == summary)
        #expect(afterFirst.result?.damagedPartCount == 1)

        let second = Data(#"{"status":"Rejected","inspectionId":"in1"}"#.utf8)
        let rejected = sampleSummary(.rejected, session: "in1", message: "too small")
        #expect(
            try store.storeResult(inspectionID: inspection.id, session: "in1", document: second, summary: rejected)
                == false)
        #expect(try store.inspection(id: inspection.id) == afterFirst)
        #expect(try store.resultDocument(inspectionID: inspection.id) == first)
    }

    @Test("a rejected result sets rejected with the reason", arguments: StoreEngine.allCases)
    func rejectedResult(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let inspection = sampleInspection()
        try store.insert(inspection)
        let summary = sampleSummary(.rejected, session: "in9", message: "every photo is smaller than 320x240")
        #expect(
            try store.storeResult(
                inspectionID: inspection.id, session: "in9", document: Data("{}".utf8), summary: summary))
        let back = try #require(try store.inspection(id: inspection.id))
        #expect(back.state == .rejected)
        #expect(back.result?.message == "every photo is smaller than 320x240")
        #expect(back.session == "in9")
        #expect(throws: StoreError.unknownInspection("nope")) {
            try store.storeResult(inspectionID: "nope", session: "in9", document: Data(), summary: summary)
        }
    }

    @Test("events come back in the order written, even with equal times", arguments: StoreEngine.allCases)
    func eventOrder(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let inspection = sampleInspection()
        try store.insert(inspection)
        let other = sampleInspection(caseID: "OTHER")
        try store.insert(other)
        let at = Date()
        for index in 0..<30 {
            try store.appendEvent(inspectionID: inspection.id, kind: "step", detail: "\(index)", at: at)
            try store.appendEvent(inspectionID: other.id, kind: "other", detail: "x\(index)")
        }
        let events = try store.events(inspectionID: inspection.id)
        #expect(events.map(\.detail) == (0..<30).map(String.init))
        #expect(events.allSatisfy { $0.at == at && $0.kind == "step" })
    }

    @Test(
        "sessions: latest is current; spent and body-sent flags stick; lookup by session",
        arguments: StoreEngine.allCases)
    func sessions(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let inspection = sampleInspection()
        try store.insert(inspection)
        let now = Date()
        for name in ["in1", "in2"] {
            try store.saveSession(
                StoredSession(
                    inspectionID: inspection.id, session: name, accessToken: "a-\(name)", refreshToken: "r-\(name)",
                    issuedAt: now, expiresAt: now.addingTimeInterval(900)))
        }
        #expect(try store.currentSession(inspectionID: inspection.id)?.session == "in2")
        #expect(try store.sessions(inspectionID: inspection.id).map(\.session) == ["in1", "in2"])
        try store.markSessionSpent(session: "in2")
        #expect(try store.currentSession(inspectionID: inspection.id)?.spent == true)
        #expect(try store.sessions(inspectionID: inspection.id).first?.spent == false)
        #expect(try store.inspection(session: "in2")?.id == inspection.id)
        #expect(try store.inspection(session: "in1")?.id == inspection.id)
        #expect(try store.inspection(session: "in3") == nil)
        // A stale copy without the session does not make the store forget it.
        try store.save(inspection)
        #expect(try store.inspection(id: inspection.id)?.session == "in2")
    }

    @Test("callback tokens are unique", arguments: StoreEngine.allCases)
    func callbackTokens(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let a = sampleInspection()
        let b = sampleInspection(caseID: "B")
        try store.insert(a)
        try store.insert(b)
        try store.setCallbackToken(inspectionID: a.id, token: "t1")
        #expect(throws: (any Error).self) { try store.setCallbackToken(inspectionID: b.id, token: "t1") }
        #expect(try store.inspection(callbackToken: "t1")?.id == a.id)
        #expect(try store.inspection(callbackToken: "t2") == nil)
        #expect(throws: StoreError.unknownInspection("x")) { try store.setState("x", .ready) }
    }

    @Test("many inspections list newest first, each with its own photos", arguments: StoreEngine.allCases)
    func manyInspections(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let all = (0..<1500).map { index in
            var inspection = sampleInspection(
                caseID: "CASE-\(index)", createdAt: start.addingTimeInterval(Double(index)), photos: index % 5)
            inspection.state = InspectionState.allCases[index % InspectionState.allCases.count]
            return inspection
        }
        try store.save(contentsOf: all)
        #expect(try store.inspectionCount() == 1500)
        let listed = try store.inspections()
        #expect(listed == all.reversed())
        #expect(try store.inspections().count == 1500)
        #expect(try store.newestInspections(limit: 200) == Array(all.reversed().prefix(200)))
        #expect(try store.newestInspections(limit: 0) == [])
        #expect(try store.inspections(caseID: "CASE-7").map(\.id) == [all[7].id])
        // Letter case aside, on both engines alike (`CaseIDRule.sameCase`); the exact lookup stays exact.
        #expect(try store.inspections(sameCaseAs: "case-7").map(\.id) == [all[7].id])
        #expect(try store.inspections(caseID: "case-7").isEmpty)
        #expect(try store.inspections(sameCaseAs: "CASE-07").isEmpty)
        let unfinished = try store.unfinishedUploads()
        #expect(unfinished.map(\.id) == all.filter { $0.state.isUnfinishedUpload }.map(\.id))
    }

    @Test("settings remember and forget", arguments: StoreEngine.allCases)
    func settings(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        #expect(store.setting("agent_name") == nil)
        store.setSetting("agent_name", "Zoë")
        store.setSetting("agent_name", "Ana")
        #expect(store.setting("agent_name") == "Ana")
        store.setSetting("agent_name", nil)
        #expect(store.setting("agent_name") == nil)
    }
}
