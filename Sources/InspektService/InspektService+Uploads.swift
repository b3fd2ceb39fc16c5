import Foundation
import InspektCore

/// Uploads through the durable queue: submit, retry, resume; each marked ready (hashed, a callback
/// token made) before its session is asked for.
extension InspektService {

    /// Validates, hashes the selection, marks ready and uploads through the queue; returns the accepted
    /// session (the inspection id on the server) or throws with the reason.
    ///
    /// With `hashWhileSending` the selection is not hashed first: each photo is hashed on a thread of its own
    /// from the very bytes sent, and the digests are stored with the acceptance. A command-line submit, which
    /// waits for the whole upload anyway, so reads every file once and loses no time to hashing.
    @discardableResult
    public func submit(id: String, missingReason: String? = nil, hashWhileSending: Bool = false) async throws -> String
    {
        if try prepare(id: id, missingReason: missingReason), !hashWhileSending { await hashSelection(id: id) }
        return try await uploadPrepared(id: id)
    }

    /// Uploads an inspection marked ready. Its photos were hashed when it was prepared, so the request only
    /// sends; a photo without a digest (a row from before, or a file that changed) is hashed from the bytes
    /// sent, and the queue stores those digests with the acceptance. Digests still missing after an
    /// acceptance this process did not see (a lost reply confirmed later) are read from disk afterwards.
    func uploadPrepared(id: String) async throws -> String {
        let session: String
        do { session = try await queue.run(inspectionID: id) } catch ServiceError.busy(let busyID, let holder) {
            // Said where the operator looks: another process (a second board, a submit) has it.
            hub.publish(.uploadBusy(inspectionID: id, holder: holder))
            throw ServiceError.busy(id: busyID, holder: holder)
        }
        adoptPendingResults(session: session)
        await hashSelection(id: id)
        return session
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
        if try store.comparedInspections(inspectionID: id) != nil {
            return try await comparisonQueue.run(comparisonID: id)
        }
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
            // Another kiosk's: its photos are there, and so is the upload.
            if let owner = inspection.kiosk, !store.isOwn(kiosk: owner) {
                outcomes.append((inspection, .failure(ServiceError.otherKiosk(id: inspection.id, kiosk: owner))))
                continue
            }
            do {
                // Marked ready but not hashed yet (e.g. `markReady`, or stopped in between): hash first.
                if inspection.state == .ready { await hashSelection(id: inspection.id) }
                let session = try await uploadPrepared(id: inspection.id)
                outcomes.append((inspection, .success(session)))
            } catch {
                outcomes.append((inspection, .failure(error)))
            }
        }
        for comparison in unfinishedComparisons() {
            do {
                outcomes.append((comparison, .success(try await comparisonQueue.run(comparisonID: comparison.id))))
            } catch {
                outcomes.append((comparison, .failure(error)))
            }
        }
        return outcomes
    }

    /// This kiosk's comparisons that a crash or a lost link left ready or uploading: continued with their own session,
    /// as an upload is.
    private func unfinishedComparisons() -> [Inspection] {
        do {
            return try store.comparedInspections().keys.compactMap { try store.inspection(id: $0) }
                .filter { $0.state.isUnfinishedUpload && store.isOwn(kiosk: $0.kiosk) }
                .sorted { $0.createdAt < $1.createdAt }
        } catch {
            logger.error("cannot list unfinished comparisons", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Checks and marks a draft or failed inspection ready, so that the next `resumeAll` sends it.
    public func markReady(id: String) throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        _ = try prepare(id: id, missingReason: inspection.missingReason)
    }

    /// Checks facts and files, makes the callback token and marks the inspection ready, its digests cleared
    /// so that the files are hashed as they are now (`hashSelection`, which the caller runs next, off any UI
    /// loop). Returns false for an interrupted upload, which continues with what is stored.
    func prepare(id: String, missingReason: String?) throws -> Bool {
        guard var inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        if let owner = inspection.kiosk, !store.isOwn(kiosk: owner) {
            throw ServiceError.otherKiosk(id: id, kiosk: owner)
        }
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
            if inspection.photos[index].slot == .video {
                // Kept with the inspection: status and the board show it after the file is moved or deleted.
                inspection.photos[index].duration = videoDuration(path: inspection.photos[index].path)
            }
        }
        if try store.callbackToken(inspectionID: id) == nil {
            try store.setCallbackToken(inspectionID: id, token: CallbackAddresses.randomToken())
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
}
