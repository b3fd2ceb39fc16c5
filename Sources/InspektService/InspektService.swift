import Foundation
import InspektAPI
import InspektCore
import InspektStore
import Logging
import PhotoKit
import Synchronization

/// The service layer every front end drives: drafts, photo checks, uploads through the durable
/// queue, results from the receiver or a portal file, receipts; publishes `ServiceEvent`s.
public final class InspektService: Sendable {
    public let configuration: ServiceConfiguration
    public let store: InspektStore
    public let broker: SessionBroker
    public let queue: SubmissionQueue
    /// Sends comparisons (incremental damage), each exactly once.
    public let comparisonQueue: ComparisonQueue
    let client: InspektlabsClient
    let dependencies: ServiceDependencies
    let logger: Logger
    private let hub = EventHub()
    private let callbackBase: SharedValue<String>

    /// Wires the service; `dependencies` makes time, jitter and waiting injectable for tests.
    public init(
        configuration: ServiceConfiguration, store: InspektStore, client: InspektlabsClient, logger: Logger,
        dependencies: ServiceDependencies = .live
    ) {
        self.configuration = configuration
        self.store = store
        self.client = client
        self.dependencies = dependencies
        self.logger = logger
        let hub = hub
        broker = SessionBroker(
            store: store, client: client, apiKey: configuration.apiKey, clientID: configuration.clientID,
            safetyMargin: configuration.tokenSafetyMargin, now: dependencies.now, logger: logger,
            onFreshSession: { id, session, expiresAt in
                hub.publish(.sessionReady(inspectionID: id, session: session, expiresAt: expiresAt))
            })
        let callbackBase = SharedValue(configuration.effectiveCallbackBase)
        self.callbackBase = callbackBase
        queue = SubmissionQueue(
            store: store, client: client, broker: broker, configuration: configuration, dependencies: dependencies,
            hub: hub, logger: logger,
            callbackURL: { id in
                let base = callbackBase.value
                return try store.callbackToken(inspectionID: id).map { base + "/callbacks/" + $0 }
            })
        comparisonQueue = ComparisonQueue(
            store: store, client: client, configuration: configuration, dependencies: dependencies, hub: hub,
            logger: logger,
            callbackURL: { id in try store.callbackToken(inspectionID: id).map { callbackBase.value + "/callbacks/" + $0 } })
    }

    // MARK: Events

    /// A new stream of every event from now on; any number of subscribers may listen.
    public func events() -> AsyncStream<ServiceEvent> { hub.subscribe() }

    // MARK: Inspections

    /// Creates and stores a draft for a case; the case id and e-mail must be valid.
    public func createDraft(_ facts: CaseFacts) throws -> Inspection {
        let problems = Self.factProblems(facts)
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        let now = dependencies.now()
        let inspection = Inspection(facts: facts, createdAt: now, updatedAt: now)
        try store.insert(inspection)
        try? store.appendEvent(inspectionID: inspection.id, kind: "created", detail: "Draft for case \(facts.caseID) created")
        hub.publish(.inspectionChanged(inspection))
        return inspection
    }

    /// Stores an edited inspection (facts, photos, reasons).
    public func save(_ inspection: Inspection) throws {
        var inspection = inspection
        inspection.updatedAt = dependencies.now()
        try store.save(inspection)
        hub.publish(.inspectionChanged(inspection))
    }

    /// Every inspection on this kiosk, newest first.
    public func inspections() throws -> [Inspection] { try store.inspections() }

    /// The newest `limit` inspections, newest first.
    public func newestInspections(limit: Int) throws -> [Inspection] { try store.newestInspections(limit: limit) }

    /// One inspection by its local id.
    public func inspection(id: String) throws -> Inspection? { try store.inspection(id: id) }

    /// A number that changes whenever another process (a receiver, a `resume`, a second board)
    /// commits to the store; this process's own writes arrive as events instead.
    public func changeMarker() throws -> Int { try store.changesByOtherConnections() }

    /// An inspection's history, oldest first.
    public func history(id: String) throws -> [InspectionEvent] { try store.events(inspectionID: id) }

    // MARK: Validation

    /// File-level problems of a selection (missing, unreadable, empty, wrong type), checked on disk by PhotoKit.
    public func validatePhotos(_ photos: [PhotoSelection]) -> [FileProblem] {
        photos.compactMap { photo in
            if case .failure(let problem) = PhotoInspector.check(path: photo.path) { return problem }
            return nil
        }
    }

    /// Every reason an inspection cannot be sent yet, in words (facts, photos, limits, slots).
    public func problems(in inspection: Inspection) -> [String] {
        Self.factProblems(inspection.facts) + PhotoValidator.problems(in: inspection.photos)
    }

    static func factProblems(_ facts: CaseFacts) -> [String] {
        [CaseIDRule.problem(in: facts.caseID), EmailRule.problem(in: facts.email)].compactMap { $0?.message }
    }

    // MARK: Uploading

    /// Validates, hashes the selection, marks ready and uploads through the queue; returns the accepted
    /// session (the inspection id on the server) or throws with the reason.
    ///
    /// With `hashWhileSending` the selection is not hashed first: each photo is hashed on a thread of its own
    /// from the very bytes sent, and the digests are stored with the acceptance. A command-line submit, which
    /// waits for the whole upload anyway, so reads every file once and loses no time to hashing.
    @discardableResult
    public func submit(id: String, missingReason: String? = nil, hashWhileSending: Bool = false) async throws -> String {
        if try prepare(id: id, missingReason: missingReason), !hashWhileSending { await hashSelection(id: id) }
        return try await uploadPrepared(id: id)
    }

    /// Uploads an inspection marked ready. Its photos were hashed when it was prepared, so the request only
    /// sends; a photo without a digest (a row from before, or a file that changed) is hashed from the bytes
    /// sent, and the queue stores those digests with the acceptance. Digests still missing after an
    /// acceptance this process did not see (a lost reply confirmed later) are read from disk afterwards.
    private func uploadPrepared(id: String) async throws -> String {
        let session: String
        do { session = try await queue.run(inspectionID: id) } catch ServiceError.busy(let busyID, let holder) {
            // Said where the operator looks: another process (a second board, a submit) has it.
            hub.publish(.uploadBusy(inspectionID: id, holder: holder))
            throw ServiceError.busy(id: busyID, holder: holder)
        }
        await hashSelection(id: id)
        return session
    }

    /// Hashes, in parallel and off any UI loop, every photo of an inspection that has no SHA-256 yet, and
    /// stores the digests (and the sizes they were taken at) with the selection. A file that cannot be read
    /// is left without one: the upload's own checks then say why.
    func hashSelection(id: String) async {
        guard let inspection = try? store.inspection(id: id) else { return }
        let pending = inspection.photos.indices.filter { inspection.photos[$0].sha256 == nil }
        guard !pending.isEmpty else { return }
        let started = ContinuousClock.now
        let paths = pending.map { inspection.photos[$0].path }
        let results = await SelectionDigests.compute(paths: paths)
        var digests: [String: SelectionDigests.Digest] = [:]
        for (path, result) in zip(paths, results) {
            switch result {
            case .success(let digest): digests[path] = digest
            case .failure(let failure):
                logger.notice("photo not hashed", metadata: ["inspection": "\(id)", "reason": "\(failure.reason)"])
            }
        }
        guard !digests.isEmpty else { return }
        do {
            // Stored on the row as it is now: only digests still missing are filled in, nothing else changes.
            guard var current = try store.inspection(id: id) else { return }
            var filled = 0
            var bytes: Int64 = 0
            for index in current.photos.indices where current.photos[index].sha256 == nil {
                guard let digest = digests[current.photos[index].path] else { continue }
                current.photos[index].sha256 = digest.sha256
                current.photos[index].size = digest.size
                filled += 1
                bytes += digest.size
            }
            guard filled > 0 else { return }
            try store.save(current)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try? store.appendEvent(
                inspectionID: id, kind: "hashed",
                detail: "SHA-256 of \(filled) photo(s) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB) in \(String(format: "%.2f", seconds)) s")
            hub.publish(.inspectionChanged(current))
        } catch {
            logger.error("cannot store photo digests", metadata: ["inspection": "\(id)", "error": "\(error)"])
        }
    }

    /// Validates and marks ready, then uploads in the background; follow it through `events()`.
    public func enqueue(id: String, missingReason: String? = nil) throws {
        let hash = try prepare(id: id, missingReason: missingReason)
        Task {
            if hash { await self.hashSelection(id: id) }
            _ = try? await self.uploadPrepared(id: id)
        }
    }

    /// Sends a failed-retryable (or interrupted) inspection again, in the background; one that may have been
    /// accepted is asked about again with its own session, never sent as a new inspection.
    public func retry(id: String) throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        let retryable: Set<InspectionState> = [.failedRetryable, .mayHaveBeenAccepted, .ready, .uploading]
        guard retryable.contains(inspection.state) else {
            throw ServiceError.wrongState(id: id, state: inspection.state, action: "retry")
        }
        if try store.comparedInspections(inspectionID: id) != nil {
            Task { _ = try? await self.comparisonQueue.run(comparisonID: id) }  // a comparison has no photos to send
            return
        }
        try enqueue(id: id, missingReason: inspection.missingReason)
    }

    /// Sends a failed-retryable inspection again and waits for the outcome.
    @discardableResult
    public func retryNow(id: String) async throws -> String {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        if try store.comparedInspections(inspectionID: id) != nil { return try await comparisonQueue.run(comparisonID: id) }
        return try await submit(id: id, missingReason: inspection.missingReason)
    }

    /// Continues every unfinished upload (ready or uploading), one after another; returns each outcome.
    @discardableResult
    public func resumeAll() async -> [(inspection: Inspection, outcome: Result<String, any Error>)] {
        let pending: [Inspection]
        do { pending = try store.unfinishedUploads() } catch {
            logger.error("cannot list unfinished uploads", metadata: ["error": "\(error)"])
            return []
        }
        var outcomes: [(Inspection, Result<String, any Error>)] = []
        for inspection in pending {
            do {
                // Marked ready but not hashed yet (e.g. `markReady`, or stopped in between): hash first.
                if inspection.state == .ready { await hashSelection(id: inspection.id) }
                let session = try await uploadPrepared(id: inspection.id)
                outcomes.append((inspection, .success(session)))
            } catch {
                outcomes.append((inspection, .failure(error)))
            }
        }
        return outcomes
    }

    /// Checks and marks a draft or failed inspection ready, so that the next `resumeAll` sends it.
    public func markReady(id: String) throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        _ = try prepare(id: id, missingReason: inspection.missingReason)
    }

    /// Turns a failed-retryable inspection whose upload cannot have been accepted back into a draft, so the
    /// operator can change its photos (e.g. pick again one that vanished); facts, photos and sessions are kept.
    public func reopenForEditing(id: String) throws -> Inspection {
        guard var inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        guard inspection.state == .failedRetryable else {
            throw ServiceError.wrongState(id: id, state: inspection.state, action: "change its photos")
        }
        // A body that left (or an accepted attempt) may already be an inspection at Inspektlabs: changing the
        // photos then could make a second one of the same vehicle, so only a retry with the same session is safe.
        let maybeAccepted =
            try store.sessions(inspectionID: id).contains { $0.spent || $0.bodySent }
            || store.attempts(inspectionID: id).contains { $0.outcome == "accepted" }
        if maybeAccepted { throw ServiceError.mayHaveBeenAccepted(id: id) }
        inspection.state = .draft
        inspection.failureReason = nil  // the event log keeps it; the Photos screen checks the files again
        inspection.uploadFraction = nil
        inspection.updatedAt = dependencies.now()
        try store.save(inspection)
        try? store.appendEvent(inspectionID: id, kind: "reopened", detail: "Reopened for editing")
        hub.publish(.inspectionChanged(inspection))
        return inspection
    }

    /// Checks facts and files, makes the callback token and marks the inspection ready, its digests cleared
    /// so that the files are hashed as they are now (`hashSelection`, which the caller runs next, off any UI
    /// loop). Returns false for an interrupted upload, which continues with what is stored.
    private func prepare(id: String, missingReason: String?) throws -> Bool {
        guard var inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        switch inspection.state {
        case .draft, .ready, .failedRetryable, .mayHaveBeenAccepted: break
        case .uploading: return false  // interrupted: the queue continues with what is stored
        case .processing, .available, .rejected:
            throw ServiceError.wrongState(id: id, state: inspection.state, action: "upload it again")
        }
        let problems = problems(in: inspection)
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        for index in inspection.photos.indices {
            inspection.photos[index].size = PhotoValidator.size(path: inspection.photos[index].path) ?? 0
            inspection.photos[index].sha256 = nil
        }
        if try store.callbackToken(inspectionID: id) == nil {
            try store.setCallbackToken(inspectionID: id, token: Self.randomToken())
        }
        if let missingReason { inspection.missingReason = missingReason }
        inspection.state = .ready
        inspection.failureReason = nil
        inspection.updatedAt = dependencies.now()
        try store.save(inspection)
        try? store.appendEvent(
            inspectionID: id, kind: "ready", detail: "Ready to upload \(inspection.photos.count) photo(s)")
        for note in PhotoValidator.linkNotes(in: inspection.photos) {
            try? store.appendEvent(inspectionID: id, kind: "link followed", detail: note)
        }
        hub.publish(.inspectionChanged(inspection))
        return true
    }

    /// The full callback URL Inspektlabs will POST this inspection's result to.
    public func callbackURL(id: String) throws -> String? {
        let base = callbackBase.value
        return try store.callbackToken(inspectionID: id).map { base + "/callbacks/" + $0 }
    }

    /// Replaces the callback base for uploads from now on, e.g. once an in-process receiver
    /// bound its port (`http://127.0.0.1:<port>`); ignored when `INSPEKT_CALLBACK_BASE` was set.
    public func useCallbackBase(_ base: String) {
        guard configuration.callbackBase == nil else { return }
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        callbackBase.value = base
    }

    /// A random 128-bit value in hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    // MARK: Results

    /// Imports a result JSON downloaded from the portal; it is matched by `inspectionId` (the session).
    @discardableResult
    public func importResult(_ data: Data) throws -> ResultSummary {
        try importResultReportingChange(data).summary
    }

    /// Like `importResult`, also telling whether anything changed (false: the same result was already stored).
    /// The account-wide webhook arrives here too: like a portal file, it names its inspection by session.
    public func importResultReportingChange(_ data: Data, via source: String = "import") throws -> (summary: ResultSummary, changed: Bool) {
        if data.count > ResultIntake.maxBodyBytes { throw ResultIntake.Refusal.tooLarge }
        let summary: ResultSummary
        do { summary = try ResultDocument.summary(from: data) } catch { throw ResultIntake.Refusal.malformed(error.description) }
        guard let inspection = try store.inspection(session: summary.inspectionID) else {
            throw ResultIntake.Refusal.unknownInspection(summary.inspectionID)
        }
        let changed = try accept(document: data, summary: summary, for: inspection, via: source)
        return (summary, changed)
    }

    /// Stores a result for an inspection; false when the same result was already stored (nothing changed).
    func accept(document: Data, summary: ResultSummary, for inspection: Inspection, via source: String) throws -> Bool {
        let changed = try store.storeResult(
            inspectionID: inspection.id, session: summary.inspectionID, document: document, summary: summary)
        guard changed else {
            logger.info("repeat result ignored", metadata: ["inspection": "\(inspection.id)", "via": "\(source)"])
            return false
        }
        let verdict = summary.verdict == .available
            ? "Result available: \(summary.damagedPartCount) damaged part(s)"
            : "Rejected: \(summary.message ?? "no reason given")"
        try? store.appendEvent(inspectionID: inspection.id, kind: "result", detail: "\(verdict) (via \(source))")
        logger.info("result stored", metadata: ["inspection": "\(inspection.id)", "verdict": "\(summary.verdict.rawValue)", "via": "\(source)"])
        hub.publish(.resultReceived(inspectionID: inspection.id, summary))
        if let updated = try? store.inspection(id: inspection.id) { hub.publish(.inspectionChanged(updated)) }
        return true
    }

    // MARK: Receipt

    /// Writes a JSON receipt: case facts, files with slot and SHA-256, session, timestamps, result document.
    public func exportReceipt(id: String, to path: String) throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        let formatter = ISO8601DateFormatter()
        var receipt: [String: Any] = [
            "id": inspection.id,
            "state": inspection.state.rawValue,
            "case": [
                "case_id": inspection.facts.caseID, "vehicle": inspection.facts.vehicle,
                "vehicle_type": inspection.facts.vehicleType?.rawValue ?? NSNull(),
                "agent_id": inspection.facts.agentID, "agent_name": inspection.facts.agentName,
                "email": inspection.facts.email, "notes": inspection.facts.notes,
            ] as [String: Any],
            "files": inspection.photos.map { photo -> [String: Any] in
                [
                    "slot": photo.slot.rawValue, "path": photo.path, "upload_name": photo.uploadName,
                    "size": photo.size, "sha256": photo.sha256 ?? NSNull(),
                ]
            },
            "session": inspection.session ?? NSNull(),
            "created_at": formatter.string(from: inspection.createdAt),
            "updated_at": formatter.string(from: inspection.updatedAt),
        ]
        if let reason = inspection.missingReason { receipt["missing_reason"] = reason }
        if let reason = inspection.failureReason { receipt["failure_reason"] = reason }
        let events = (try? store.events(inspectionID: id)) ?? []
        if let accepted = events.last(where: { $0.kind == "accepted" }) {
            receipt["accepted_at"] = formatter.string(from: accepted.at)
        }
        if let received = events.last(where: { $0.kind == "result" }) {
            receipt["result_received_at"] = formatter.string(from: received.at)
        }
        if let document = try store.resultDocument(inspectionID: id) {
            // A document nested thousands deep is kept whole in the store; the receipt copies its first 256 levels.
            receipt["result"] = (try? JSONSerialization.jsonObject(with: JSONDepthLimit.flattened(document, maxDepth: 256))) ?? NSNull()
        }
        let data = try JSONSerialization.data(withJSONObject: receipt, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        // Private (0600) like the database it comes from, written whole, never through a link.
        try PrivateFile.write(data, to: path)
    }
}

/// A value shared between tasks behind a lock.
final class SharedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
