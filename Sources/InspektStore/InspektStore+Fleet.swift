import Foundation
import GRDB
import InspektStorage

/// What fleet mode asks of every engine, on one kiosk's SQLite file: results kept until their inspection
/// is stored, the upload lock as a file lock beside the database, and a reachability check.
extension InspektStore: InspectionStore {
    public func keepPendingResult(session: String, document: Data, at: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO pending_results (session, document, received_at) VALUES (?, ?, ?)",
                arguments: [session, document, at.timeIntervalSinceReferenceDate])
        }
    }

    public func pendingResults(session: String) throws -> [Data] {
        try pool.read { db in
            try Data.fetchAll(
                db, sql: "SELECT document FROM pending_results WHERE session = ? ORDER BY id", arguments: [session])
        }
    }

    public func removePendingResults(session: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM pending_results WHERE session = ?", arguments: [session])
        }
    }

    @discardableResult
    public func removePendingResults(receivedBefore date: Date) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM pending_results WHERE received_at < ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    public func pendingResultCount(receivedSince date: Date) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM pending_results WHERE received_at >= ?",
                arguments: [date.timeIntervalSinceReferenceDate]) ?? 0
        }
    }

    public func takeUploadLock(inspectionID: String, holder: String) throws -> any UploadLease {
        try FileUploadLock(
            directory: (path as NSString).deletingLastPathComponent, inspectionID: inspectionID, holder: holder)
    }

    public func liveUploadHolders(inspectionIDs: [String]) throws -> Set<String> {
        let directory = (path as NSString).deletingLastPathComponent
        return Set(inspectionIDs.filter { FileUploadLock.isHeld(directory: directory, inspectionID: $0) })
    }

    public func checkReachable() throws {
        _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
