import Foundation
import GRDB
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable local storage: inspections, photos, sessions, attempts, events and results in one SQLite file.
///
/// Every public write is one transaction. The file is private to the user (mode 0600), journaled in WAL
/// mode and synced on commit, so a kill -9 at any point leaves a database to continue from.
/// The API key is never stored here; tokens are stored (a resume needs them) but never logged.
public final class InspektStore: Sendable {
    /// The database file name inside the data directory.
    public static let fileName = "inspekt.sqlite"

    /// Absolute path of the database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when needed) `inspekt.sqlite` in `directory`, which is created with mode 0700 (an
    /// existing one is tightened to 0700). None of the data folder's files may be a symbolic link.
    public convenience init(directory: String) throws {
        do throws(PrivateFile.Problem) {
            try PrivateFile.prepareDirectory(directory)
            // The log is opened later, by the logger: its link is refused here, where the message reaches the operator.
            try PrivateFile.refuseLink((directory as NSString).appendingPathComponent("inspekt.log"))
        } catch {
            throw StoreError.unsafe(error)
        }
        try self.init(path: (directory as NSString).appendingPathComponent(InspektStore.fileName))
    }

    /// Opens (creating when needed) the database file at `path`.
    public init(path: String) throws {
        self.path = path
        // Create the file private before SQLite opens it, so it is never readable by others, not even briefly;
        // SQLite gives the -wal and -shm files the mode of the main file. SQLite follows links, so none of
        // the three may be one.
        do throws(PrivateFile.Problem) {
            for file in [path + "-wal", path + "-shm"] { try PrivateFile.refuseLink(file) }
            close(try PrivateFile.open(path, flags: O_RDWR))
        } catch {
            throw StoreError.unsafe(error)
        }
        // Two processes opening a new database at once (a `submit` and a `status`) race to migrate
        // it, and one fails ("table inspections already exists"). An advisory lock on the folder
        // makes the second wait for the first. (Not on the database file: closing
        // any descriptor of it would drop SQLite's own POSIX locks.)
        let parent = (path as NSString).deletingLastPathComponent
        let folder = open(parent.isEmpty ? "." : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { _ = flock(folder, LOCK_EX) }
        defer {
            if folder >= 0 {
                _ = flock(folder, LOCK_UN)
                close(folder)
            }
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Each commit reaches the disk: the data here must survive a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try StoreSchema.migrator.migrate(pool)
        for file in [path, path + "-wal", path + "-shm"] where (try? PrivateFile.refuseLink(file)) != nil {
            _ = chmod(file, 0o600)
        }
    }

    // MARK: Inspections

    /// Stores a new inspection with its photos; fails when the id is taken.
    public func insert(_ inspection: Inspection) throws {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM inspections WHERE id = ?", arguments: [inspection.id]) == true {
                throw StoreError.alreadyExists(inspection.id)
            }
            try Self.upsert(inspection, in: db)
        }
    }

    /// Stores many new or changed inspections in one transaction (imports, benchmarks).
    public func save(contentsOf inspections: [Inspection]) throws {
        try pool.write { db in
            for inspection in inspections { try Self.upsert(inspection, in: db) }
        }
    }

    /// Stores an inspection's facts, state, photos and reasons, replacing what was stored, in one transaction.
    ///
    /// A stored server session is kept when `inspection.session` is nil: a stale copy must not forget it.
    /// Nor may a stale copy move an inspection back: an accepted one stays accepted, a result stays stored.
    public func save(_ inspection: Inspection) throws {
        try pool.write { db in try Self.upsert(inspection, in: db) }
    }

    /// The inspection with this local id.
    public func inspection(id: String) throws -> Inspection? {
        try pool.read { db in try Self.fetch(db, where: "id = ?", arguments: [id]).first }
    }

    /// Every inspection, newest first; photos come in one query, so ten thousand rows load quickly.
    public func inspections() throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: nil, arguments: []) }
    }

    /// The newest `limit` inspections, newest first, with their photos.
    public func newestInspections(limit: Int) throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: nil, arguments: [], limit: max(0, limit)) }
    }

    /// The rows the status board shows: the same as `inspections()`.
    public func boardRows() throws -> [Inspection] { try inspections() }

    /// SQLite's `data_version` on the writing connection: it changes when any other connection
    /// (another process) commits, never for this store's own writes.
    public func changesByOtherConnections() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// How many inspections are stored.
    public func inspectionCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inspections") ?? 0 }
    }

    /// The inspections of one case, newest first.
    public func inspections(caseID: String) throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: "case_id = ?", arguments: [caseID]) }
    }

    /// Uploads still owed (ready or uploading), oldest first: what `resume` continues (never a comparison).
    public func unfinishedUploads() throws -> [Inspection] {
        let states = InspectionState.allCases.filter(\.isUnfinishedUpload).map(\.rawValue)
        let marks = states.map { _ in "?" }.joined(separator: ",")
        return try pool.read { db in
            try Self.fetch(
                db, where: "state IN (\(marks)) AND kind = 'inspection'", arguments: StatementArguments(states), order: "created_at ASC")
        }
    }

    /// Moves an inspection to `state`; `failureReason` replaces the stored one (nil clears it).
    public func setState(_ id: String, _ state: InspectionState, failureReason: String? = nil) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE inspections SET state = ?, failure_reason = ?, updated_at = ? WHERE id = ?",
                arguments: [state.rawValue, failureReason, Date().timeIntervalSinceReferenceDate, id])
            if db.changesCount == 0 { throw StoreError.unknownInspection(id) }
        }
    }

    /// Records the Inspektlabs session an inspection is known by on the server.
    public func setSession(inspectionID: String, session: String?) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE inspections SET session = ?, updated_at = ? WHERE id = ?",
                arguments: [session, Date().timeIntervalSinceReferenceDate, inspectionID])
            if db.changesCount == 0 { throw StoreError.unknownInspection(inspectionID) }
        }
    }

    /// Archives an inspection (hidden from the board, kept whole) or brings it back; the event log says when.
    public func setArchived(id: String, _ archived: Bool, at date: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE inspections SET archived_at = ? WHERE id = ?",
                arguments: [archived ? date.timeIntervalSinceReferenceDate : nil, id])
            if db.changesCount == 0 { throw StoreError.unknownInspection(id) }
        }
        try appendEvent(inspectionID: id, kind: archived ? "archived" : "restored from the archive", detail: "", at: date)
    }

    /// Removes an inspection with its photos, sessions, attempts, results and events.
    public func delete(id: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM events WHERE inspection_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM inspections WHERE id = ?", arguments: [id])
        }
    }

    // MARK: Callback tokens

    /// Sets the random token of the inspection's callback path (`/callbacks/<token>`).
    public func setCallbackToken(inspectionID: String, token: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE inspections SET callback_token = ? WHERE id = ?", arguments: [token, inspectionID])
            if db.changesCount == 0 { throw StoreError.unknownInspection(inspectionID) }
        }
    }

    /// The callback token of an inspection, if one was made.
    public func callbackToken(inspectionID: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT callback_token FROM inspections WHERE id = ?", arguments: [inspectionID])
        }
    }

    /// The inspection whose callback path carries this token.
    public func inspection(callbackToken: String) throws -> Inspection? {
        try pool.read { db in try Self.fetch(db, where: "callback_token = ?", arguments: [callbackToken]).first }
    }

    /// The inspection known on the server by this session (its own or any session fetched for it).
    public func inspection(session: String) throws -> Inspection? {
        try pool.read { db in
            try Self.fetch(
                db,
                where: "session = ? OR id IN (SELECT inspection_id FROM sessions WHERE session = ?)",
                arguments: [session, session]
            ).first
        }
    }

    // MARK: Sessions

    /// Stores (or replaces) a session before any request uses it.
    public func saveSession(_ session: StoredSession) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (session, inspection_id, access_token, refresh_token, issued_at, expires_at,
                                          spent, body_sent, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(session) DO UPDATE SET
                        inspection_id = excluded.inspection_id, access_token = excluded.access_token,
                        refresh_token = excluded.refresh_token, issued_at = excluded.issued_at,
                        expires_at = excluded.expires_at, spent = excluded.spent, body_sent = excluded.body_sent
                    """,
                arguments: [
                    session.session, session.inspectionID, session.accessToken, session.refreshToken,
                    session.issuedAt.timeIntervalSinceReferenceDate, session.expiresAt.timeIntervalSinceReferenceDate,
                    session.spent, session.bodySent, session.createdAt.timeIntervalSinceReferenceDate,
                ])
        }
    }

    /// The latest session fetched for an inspection.
    public func currentSession(inspectionID: String) throws -> StoredSession? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.sessionColumns) FROM sessions WHERE inspection_id = ? ORDER BY rowid DESC LIMIT 1",
                arguments: [inspectionID]
            ).map(Self.session(from:))
        }
    }

    /// Every session fetched for an inspection, oldest first.
    public func sessions(inspectionID: String) throws -> [StoredSession] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.sessionColumns) FROM sessions WHERE inspection_id = ? ORDER BY rowid ASC",
                arguments: [inspectionID]
            ).map(Self.session(from:))
        }
    }

    /// The stored session with this id.
    public func storedSession(_ session: String) throws -> StoredSession? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.sessionColumns) FROM sessions WHERE session = ?", arguments: [session]
            ).map(Self.session(from:))
        }
    }

    /// Marks a session spent (its upload was accepted) and makes it the inspection's session on the server.
    public func markSessionSpent(session: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sessions SET spent = 1 WHERE session = ?", arguments: [session])
            try db.execute(
                sql: "UPDATE inspections SET session = ? WHERE id IN (SELECT inspection_id FROM sessions WHERE session = ?)",
                arguments: [session, session])
        }
    }

    /// Marks that a whole request body went out with this session, so a lost reply may hide an acceptance.
    public func markBodySent(session: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sessions SET body_sent = 1 WHERE session = ?", arguments: [session])
        }
    }

    // MARK: Upload attempts

    /// Records the start of an upload attempt; returns its id for `finishAttempt`.
    @discardableResult
    public func recordAttempt(inspectionID: String, session: String?, startedAt: Date = Date()) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO upload_attempts (inspection_id, session, started_at) VALUES (?, ?, ?)",
                arguments: [inspectionID, session, startedAt.timeIntervalSinceReferenceDate])
            return db.lastInsertedRowID
        }
    }

    /// Records how an upload attempt ended.
    public func finishAttempt(id: Int64, outcome: String, detail: String?, finishedAt: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE upload_attempts SET outcome = ?, detail = ?, finished_at = ? WHERE id = ?",
                arguments: [outcome, detail, finishedAt.timeIntervalSinceReferenceDate, id])
        }
    }

    /// Every upload attempt of an inspection, oldest first.
    public func attempts(inspectionID: String) throws -> [UploadAttempt] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, inspection_id, session, started_at, finished_at, outcome, detail
                    FROM upload_attempts WHERE inspection_id = ? ORDER BY id ASC
                    """,
                arguments: [inspectionID]
            ).map { row in
                UploadAttempt(
                    id: row[0], inspectionID: row[1], session: row[2],
                    startedAt: Date(timeIntervalSinceReferenceDate: row[3]),
                    finishedAt: (row[4] as Double?).map(Date.init(timeIntervalSinceReferenceDate:)),
                    outcome: row[5], detail: row[6])
            }
        }
    }

    // MARK: Events

    /// Appends a line to an inspection's history.
    public func appendEvent(inspectionID: String, kind: String, detail: String, at: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO events (inspection_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                arguments: [inspectionID, at.timeIntervalSinceReferenceDate, kind, detail])
        }
    }

    /// An inspection's history, in the order it was written.
    public func events(inspectionID: String) throws -> [InspectionEvent] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, kind, detail FROM events WHERE inspection_id = ? ORDER BY id ASC",
                arguments: [inspectionID]
            ).map { row in
                InspectionEvent(at: Date(timeIntervalSinceReferenceDate: row[0]), kind: row[1], detail: row[2])
            }
        }
    }

    // MARK: Results

    /// Stores a received result document and moves the inspection to available or rejected, in one transaction.
    ///
    /// Returns false, changing nothing, when a result for this inspection and session is already stored:
    /// Inspektlabs delivers again when it is unsure, and a repeat must be harmless.
    @discardableResult
    public func storeResult(inspectionID: String, session: String, document: Data, summary: ResultSummary) throws -> Bool {
        let summaryJSON = try Self.encode(summary)
        return try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM inspections WHERE id = ?", arguments: [inspectionID]) == true
            else { throw StoreError.unknownInspection(inspectionID) }
            let now = Date().timeIntervalSinceReferenceDate
            try db.execute(
                sql: """
                    INSERT INTO results (inspection_id, session, document, received_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(inspection_id, session) DO NOTHING
                    """,
                arguments: [inspectionID, session, document, now])
            if db.changesCount == 0 { return false }
            // A result proves the upload was accepted, also one that waited as "may have been accepted".
            try db.execute(
                sql: "UPDATE sessions SET spent = 1 WHERE session = ? AND inspection_id = ?", arguments: [session, inspectionID])
            let state: InspectionState = summary.verdict == .available ? .available : .rejected
            try db.execute(
                sql: """
                    UPDATE inspections SET state = ?, result_summary = ?, failure_reason = NULL, upload_fraction = NULL,
                        session = COALESCE(session, ?), updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, summaryJSON, session, now, inspectionID])
            return true
        }
    }

    /// The whole result document last received for an inspection, unknown fields included.
    public func resultDocument(inspectionID: String) throws -> Data? {
        try pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT document FROM results WHERE inspection_id = ? ORDER BY rowid DESC LIMIT 1",
                arguments: [inspectionID])
        }
    }

    // MARK: Settings

    /// A remembered kiosk setting (e.g. the last agent id), or nil.
    public func setting(_ key: String) -> String? {
        try? pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    /// Remembers a kiosk setting; nil forgets it. Never used for secrets.
    public func setSetting(_ key: String, _ value: String?) {
        _ = try? pool.write { db in
            if let value {
                try db.execute(
                    sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
            }
        }
    }

    // MARK: Private

    private static let sessionColumns =
        "inspection_id, session, access_token, refresh_token, issued_at, expires_at, spent, body_sent, created_at"

    private static func session(from row: Row) -> StoredSession {
        StoredSession(
            inspectionID: row[0], session: row[1], accessToken: row[2], refreshToken: row[3],
            issuedAt: Date(timeIntervalSinceReferenceDate: row[4]),
            expiresAt: Date(timeIntervalSinceReferenceDate: row[5]), spent: row[6], bodySent: row[7],
            createdAt: Date(timeIntervalSinceReferenceDate: row[8]))
    }

    private static func encode(_ summary: ResultSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    static func upsert(_ inspection: Inspection, in db: Database) throws {
        let facts = inspection.facts
        try db.execute(
            sql: """
                INSERT INTO inspections (id, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state,
                    session, missing_reason, failure_reason, result_summary, upload_fraction, created_at, updated_at,
                    search_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    case_id = excluded.case_id, vehicle = excluded.vehicle, vehicle_type = excluded.vehicle_type,
                    agent_id = excluded.agent_id, agent_name = excluded.agent_name, email = excluded.email,
                    notes = excluded.notes,
                    state = CASE
                        WHEN inspections.state IN ('available', 'rejected') THEN inspections.state
                        WHEN inspections.state = 'processing' AND excluded.state NOT IN ('available', 'rejected')
                            THEN inspections.state
                        ELSE excluded.state END,
                    session = COALESCE(excluded.session, inspections.session),
                    missing_reason = excluded.missing_reason, failure_reason = excluded.failure_reason,
                    result_summary = COALESCE(excluded.result_summary, inspections.result_summary),
                    upload_fraction = excluded.upload_fraction,
                    created_at = excluded.created_at, updated_at = excluded.updated_at, search_key = excluded.search_key
                """,
            arguments: [
                inspection.id, facts.caseID, facts.vehicle, facts.vehicleType?.rawValue, facts.agentID,
                facts.agentName, facts.email, facts.notes, inspection.state.rawValue, inspection.session,
                inspection.missingReason, inspection.failureReason, try inspection.result.map(encode),
                inspection.uploadFraction, inspection.createdAt.timeIntervalSinceReferenceDate,
                inspection.updatedAt.timeIntervalSinceReferenceDate,
                BoardSearch.key(caseID: facts.caseID, vehicle: facts.vehicle, id: inspection.id),
            ])
        try db.execute(sql: "DELETE FROM photos WHERE inspection_id = ?", arguments: [inspection.id])
        let insertPhoto = try db.cachedStatement(
            sql: """
                INSERT INTO photos (inspection_id, position, slot, path, size, sha256, capture_time)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, photo) in inspection.photos.enumerated() {
            try insertPhoto.execute(arguments: [
                inspection.id, position, photo.slot.rawValue, photo.path, photo.size, photo.sha256,
                photo.captureTime?.timeIntervalSinceReferenceDate,
            ])
        }
    }

    static func fetch(
        _ db: Database, where condition: String?, arguments: StatementArguments, order: String = "created_at DESC, rowid DESC",
        limit: Int? = nil
    ) throws -> [Inspection] {
        var filter = condition.map { " WHERE \($0)" } ?? ""
        if let limit { filter += " ORDER BY \(order) LIMIT \(limit)" }
        let selected = condition == nil && limit == nil ? "" : "WHERE inspection_id IN (SELECT id FROM inspections\(filter))"
        // Photos of every selected inspection in one query (never one per inspection).
        var photosByID: [String: [PhotoSelection]] = [:]
        let photoRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT inspection_id, slot, path, size, sha256, capture_time FROM photos
                \(selected)
                ORDER BY inspection_id, position
                """,
            arguments: arguments)
        while let row = try photoRows.next() {
            let slotName: String = row[1]
            guard let slot = CoverageSlot(rawValue: slotName) else {
                throw StoreError.unreadableRow("photo slot \(slotName)")
            }
            let photo = PhotoSelection(
                slot: slot, path: row[2], size: row[3], sha256: row[4],
                captureTime: (row[5] as Double?).map(Date.init(timeIntervalSinceReferenceDate:)))
            photosByID[row[0], default: []].append(photo)
        }

        let decoder = JSONDecoder()
        var result: [Inspection] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state, session,
                    missing_reason, failure_reason, result_summary, upload_fraction, created_at, updated_at, archived_at,
                    kind, compared_before, compared_after
                FROM inspections\(limit == nil ? filter + " ORDER BY \(order)" : filter)
                """,
            arguments: arguments)
        while let row = try rows.next() {
            let id: String = row[0]
            let stateName: String = row[8]
            guard let state = InspectionState(rawValue: stateName) else {
                throw StoreError.unreadableRow("state \(stateName)")
            }
            var summary: ResultSummary?
            if let json = row[12] as String? {
                do { summary = try decoder.decode(ResultSummary.self, from: Data(json.utf8)) } catch {
                    throw StoreError.unreadableRow("result summary of \(id)")
                }
            }
            let facts = CaseFacts(
                caseID: row[1], vehicle: row[2], vehicleType: (row[3] as String?).flatMap(VehicleType.init(rawValue:)),
                agentID: row[4], agentName: row[5], email: row[6], notes: row[7])
            var inspection = Inspection(
                id: id, facts: facts, state: state, photos: photosByID[id] ?? [], session: row[9],
                missingReason: row[10], failureReason: row[11], result: summary, uploadFraction: row[13],
                createdAt: Date(timeIntervalSinceReferenceDate: row[14]),
                updatedAt: Date(timeIntervalSinceReferenceDate: row[15]))
            inspection.archivedAt = (row[16] as Double?).map(Date.init(timeIntervalSinceReferenceDate:))
            if row[17] as String? == "comparison", let before = row[18] as String?, let after = row[19] as String? {
                inspection.compared = ComparedInspections(before: before, after: after)
            }
            result.append(inspection)
        }
        return result
    }
}
