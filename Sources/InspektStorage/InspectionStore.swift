import Foundation
import InspektCore

/// What the service needs of a store, whatever the engine: one kiosk's SQLite file (`InspektStore`) or the
/// PostgreSQL database a fleet of kiosks shares (`PostgresStore`). Both pass the same conformance suite.
///
/// Every write is one transaction; state changes are compare-and-set; a session is written before any
/// request uses it; result documents are kept whole. Calls are synchronous and short: each is one transaction.
public protocol InspectionStore: AnyObject, Sendable, PhotoQualityStore {
    /// The kiosk this store writes for: new inspections record it.
    var kioskID: String { get }
    /// An id this kiosk recorded before (`ServiceConfiguration.formerKioskID`) whose rows are still its own.
    var formerKioskID: String? { get }
    /// The machines of other live processes that use this kiosk id (fleet); a SQLite file has none.
    func otherMachinesWithThisKioskID() throws -> [String]
    /// Where the data lives, for messages: a file path, or the database's host and name (never a password).
    var location: String { get }
    /// Where the store reads the time: what it writes without a time given is stamped with this clock's.
    var clock: StoreClock { get }

    // Inspections
    func insert(_ inspection: Inspection) throws
    func save(contentsOf inspections: [Inspection]) throws
    func save(_ inspection: Inspection) throws
    func inspection(id: String) throws -> Inspection?
    func inspections() throws -> [Inspection]
    func newestInspections(limit: Int) throws -> [Inspection]
    func inspectionCount() throws -> Int
    func inspections(caseID: String) throws -> [Inspection]
    /// Inspections whose case id equals this one but for letter case (`CaseIDRule.sameCase`).
    func inspections(sameCaseAs caseID: String) throws -> [Inspection]
    func unfinishedUploads() throws -> [Inspection]
    func setState(_ id: String, _ state: InspectionState, failureReason: String?) throws
    func setSession(inspectionID: String, session: String?) throws
    func setArchived(id: String, _ archived: Bool, at date: Date) throws
    func delete(id: String) throws
    func inspection(session: String) throws -> Inspection?
    /// A number that changes when another process commits (it may also change for this one's writes).
    func changesByOtherConnections() throws -> Int
    func movePhoto(inspectionID: String, from oldPath: String, to newPath: String) throws
    /// The photos of every inspection past draft (any kiosk's) whose size is one of `sizes`, oldest inspection first.
    func sentPhotos(sizes: [Int64]) throws -> [SentPhoto]

    // Drafts and state changes (compare-and-set)
    func saveDraft(_ inspection: Inspection) throws -> Bool
    func deleteDraft(id: String) throws -> Bool
    @discardableResult
    func moveState(
        _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String?, at: Date
    ) throws
        -> Bool
    func beginAttempt(inspectionID id: String, session: String, at: Date) throws -> Int64?
    func recordAcceptance(
        inspectionID id: String, session: String, attemptID: Int64?, note: String, digests: [String]?, at: Date)
        throws

    // Board window (`kiosk` nil: every kiosk's inspections; on a fleet's database the filter then also
    // matches a kiosk's name)
    func boardCount(matching filter: String, archived: Bool, kiosk: String?) throws -> Int
    func archivedCount(kiosk: String?) throws -> Int
    func boardPage(
        matching filter: String, archived: Bool, kiosk: String?, offset: Int, limit: Int
    ) throws -> [Inspection]
    func boardPosition(of id: String, matching filter: String, archived: Bool, kiosk: String?) throws -> Int?
    func inspectionCount(in states: [InspectionState]) throws -> Int

    // Sessions, attempts, events
    func saveSession(_ session: StoredSession) throws
    func currentSession(inspectionID: String) throws -> StoredSession?
    func sessions(inspectionID: String) throws -> [StoredSession]
    func storedSession(_ session: String) throws -> StoredSession?
    func markSessionSpent(session: String) throws
    func markBodySent(session: String) throws
    @discardableResult
    func recordAttempt(inspectionID: String, session: String?, startedAt: Date) throws -> Int64
    func finishAttempt(id: Int64, outcome: AttemptOutcome, detail: String?, finishedAt: Date) throws
    func attempts(inspectionID: String) throws -> [UploadAttempt]
    func appendEvent(inspectionID: String, kind: InspectionEventKind, detail: String, at: Date) throws
    func events(inspectionID: String) throws -> [InspectionEvent]

    // Results
    /// Stores a result, moves its inspection to available or rejected and writes `history` (when given) as a
    /// history line, in one transaction; false, changing nothing, when this result was already stored.
    @discardableResult
    func storeResult(
        inspectionID: String, session: String, document: Data, summary: ResultSummary, history: String?
    ) throws -> Bool
    /// The same for the inspection that holds `session` (the account webhook's match), found in that transaction.
    func storeResult(session: String, document: Data, summary: ResultSummary, history: String?) throws -> StoredResult
    func resultDocument(inspectionID: String) throws -> Data?
    /// Keeps a result whose inspection is not stored yet (it can arrive before the kiosk's commit).
    func keepPendingResult(session: String, document: Data, at: Date) throws
    /// The kept results for this session, oldest first.
    func pendingResults(session: String) throws -> [Data]
    func removePendingResults(session: String) throws
    /// Drops the kept results received before `date` (their inspection never came); returns how many.
    @discardableResult
    func removePendingResults(receivedBefore date: Date) throws -> Int
    /// How many kept results were received since `date`, of every session.
    func pendingResultCount(receivedSince date: Date) throws -> Int
    func setCallbackToken(inspectionID: String, token: String) throws
    func callbackToken(inspectionID: String) throws -> String?
    func inspection(callbackToken: String) throws -> Inspection?

    // Comparisons and history
    /// Stores `inspection` as the comparison of `pair` under its case id, unless one is stored already: returns the
    /// id of the one that holds it. Checked and written in one transaction, so two requests make one comparison.
    @discardableResult
    func insertComparison(
        _ inspection: Inspection, comparing pair: ComparedInspections, callbackToken: String
    ) throws -> String
    func comparedInspections(inspectionID: String) throws -> ComparedInspections?
    func comparedInspections() throws -> [String: ComparedInspections]
    func comparisons(of pair: ComparedInspections, caseID: String) throws -> [Inspection]
    func ordinaryInspections() throws -> [Inspection]
    func vehicleHistory(vehicleKey: String) throws -> [Inspection]
    func acceptedInspections(before date: Date, limit: Int) throws -> [Inspection]

    // Kiosk settings (per kiosk), upload locks, health
    func setting(_ key: String) -> String?
    func setSetting(_ key: String, _ value: String?)
    /// Takes the upload lock of an inspection for this process, or throws `StoreError.locked` naming the holder.
    func takeUploadLock(inspectionID: String, holder: String) throws -> any UploadLease
    /// Of these inspections, those whose upload lock a live process holds (on this host: the holder's process
    /// id and start time; in a fleet: the database session that holds the advisory lock).
    func liveUploadHolders(inspectionIDs: [String]) throws -> Set<String>
    /// Throws when the database cannot be reached.
    func checkReachable() throws
}

/// A held upload lock; released explicitly, and by the engine when the process dies.
public protocol UploadLease: Sendable {
    /// Makes sure the lock is still this process's right before an acceptance is recorded: one whose
    /// connection ended (a restart, a session the server dropped) is taken again if it is free, and
    /// `StoreError.locked` says who holds it otherwise.
    func confirm() throws
    func release()
}

extension UploadLease {
    /// A lock on this host's file lives as long as the process that holds its descriptor: nothing to check.
    public func confirm() throws {}
}

extension InspectionStore {
    /// The SQLite file relabels its rows at open: nothing is left under a former id.
    public var formerKioskID: String? { nil }
    public func otherMachinesWithThisKioskID() throws -> [String] { [] }

    /// Whether an inspection recorded under `kiosk` is this kiosk's to upload and resume (nil: from before fleet mode).
    public func isOwn(kiosk: String?) -> Bool { kiosk == nil || kiosk == kioskID || kiosk == formerKioskID }
}

/// The arguments most callers leave at their usual values; the time is the store's clock's.
extension InspectionStore {
    public func setState(_ id: String, _ state: InspectionState) throws { try setState(id, state, failureReason: nil) }
    public func setArchived(id: String, _ archived: Bool) throws { try setArchived(id: id, archived, at: clock.now()) }
    @discardableResult
    public func moveState(
        _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String? = nil
    )
        throws -> Bool
    {
        try moveState(id, from: from, to: state, failureReason: failureReason, at: clock.now())
    }
    public func beginAttempt(inspectionID id: String, session: String) throws -> Int64? {
        try beginAttempt(inspectionID: id, session: session, at: clock.now())
    }
    public func recordAcceptance(
        inspectionID id: String, session: String, attemptID: Int64?, note: String, digests: [String]?
    )
        throws
    {
        try recordAcceptance(
            inspectionID: id, session: session, attemptID: attemptID, note: note, digests: digests, at: clock.now())
    }
    public func boardCount(matching filter: String, archived: Bool = false) throws -> Int {
        try boardCount(matching: filter, archived: archived, kiosk: nil)
    }
    public func archivedCount() throws -> Int { try archivedCount(kiosk: nil) }
    public func boardPage(
        matching filter: String, archived: Bool = false, offset: Int, limit: Int
    ) throws -> [Inspection] {
        try boardPage(matching: filter, archived: archived, kiosk: nil, offset: offset, limit: limit)
    }
    public func boardPosition(of id: String, matching filter: String, archived: Bool = false) throws -> Int? {
        try boardPosition(of: id, matching: filter, archived: archived, kiosk: nil)
    }
    public func unfinishedUploadCount() throws -> Int {
        try inspectionCount(in: InspectionState.allCases.filter(\.isUnfinishedUpload))
    }
    @discardableResult
    public func recordAttempt(inspectionID: String, session: String?) throws -> Int64 {
        try recordAttempt(inspectionID: inspectionID, session: session, startedAt: clock.now())
    }
    public func finishAttempt(id: Int64, outcome: AttemptOutcome, detail: String?) throws {
        try finishAttempt(id: id, outcome: outcome, detail: detail, finishedAt: clock.now())
    }
    public func appendEvent(inspectionID: String, kind: InspectionEventKind, detail: String) throws {
        try appendEvent(inspectionID: inspectionID, kind: kind, detail: detail, at: clock.now())
    }
    @discardableResult
    public func storeResult(
        inspectionID: String, session: String, document: Data, summary: ResultSummary
    ) throws -> Bool {
        try storeResult(
            inspectionID: inspectionID, session: session, document: document, summary: summary, history: nil)
    }
}

/// What storing a result matched by its session did.
public enum StoredResult: Sendable, Equatable {
    case stored(inspectionID: String)
    /// This result was already stored: nothing changed.
    case unchanged(inspectionID: String)
    /// No inspection holds the session (yet): nothing was written.
    case noInspection
}
