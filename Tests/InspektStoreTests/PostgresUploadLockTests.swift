import Foundation
import InspektStorage
import InspektTestSupport
import Logging
import Testing

@testable import InspektPostgres

/// The fleet's upload lock: a dead kiosk's session is ended by the server's keepalives, and a lock whose
/// session ended is confirmed (taken again, or said to be another's) before an acceptance is recorded.
@Suite("PostgreSQL upload lock", .serialized, .timeLimit(.minutes(2)))
struct PostgresUploadLockTests {
    @Test("the lock's session has TCP keepalives the server applies to its socket: a dead kiosk is dropped within 90 s")
    func keepalivesOnTheLocksSession() throws {
        let store = try PostgresStore(url: try StoreEngine.freshDatabase(), kioskID: "kiosk-a", migrate: true)
        let lease = try #require(
            try store.takeUploadLock(inspectionID: "I-1", holder: "kiosk kiosk-a") as? PostgresUploadLock)
        defer { lease.release() }
        // current_setting reads the socket's own option back: "0" where the server did not set it.
        #expect(try lease.keepalives() == ["30", "10", "6"])
    }

    @Test("a lock whose session ended and that another process took is not confirmed; that process is named")
    func lostLockTakenByAnotherIsNotConfirmed() throws {
        let stores = try StoreEngine.postgres.makeSharedStores(kioskIDs: ["kiosk-a", "kiosk-b"])
        let lease = try stores[0].takeUploadLock(inspectionID: "I-1", holder: "kiosk kiosk-a, process 1")
        try lease.confirm()
        try endLockSessions(of: stores[0])
        let theirs = try eventually {
            try stores[1].takeUploadLock(inspectionID: "I-1", holder: "kiosk kiosk-b, process 2")
        }
        defer { theirs.release() }
        #expect {
            try lease.confirm()
        } throws: { error in
            guard case StoreError.locked("I-1", let holder) = error else { return false }
            return holder == "kiosk kiosk-b, process 2"
        }
    }

    @Test("a lock whose session ended and that nobody took is taken again by its holder")
    func lostLockStillFreeIsTakenAgain() throws {
        let stores = try StoreEngine.postgres.makeSharedStores(kioskIDs: ["kiosk-a", "kiosk-b"])
        let lease = try stores[0].takeUploadLock(inspectionID: "I-1", holder: "kiosk kiosk-a, process 1")
        defer { lease.release() }
        try endLockSessions(of: stores[0])
        _ = try eventually { () throws -> Bool in
            guard try stores[0].liveUploadHolders(inspectionIDs: ["I-1"]).isEmpty else { throw StillHeld() }
            return true
        }
        try lease.confirm()
        #expect(try stores[0].liveUploadHolders(inspectionIDs: ["I-1"]) == ["I-1"])
        #expect {
            try stores[1].takeUploadLock(inspectionID: "I-1", holder: "kiosk kiosk-b, process 2")
        } throws: { error in
            guard case StoreError.locked(_, let holder) = error else { return false }
            return holder == "kiosk kiosk-a, process 1"
        }
    }

    private struct StillHeld: Error {}

    private func endLockSessions(of store: any InspectionStore) throws {
        #expect(try #require(store as? PostgresStore).endAdvisoryLockSessions() == 1)
    }

    /// Tries `body` until it succeeds, for up to 10 s: a session the server ends lets go of its lock a moment later.
    private func eventually<T>(_ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(10)
        while true {
            do { return try body() } catch  where Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        }
    }
}
