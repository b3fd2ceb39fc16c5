import Foundation
import InspektCore
import InspektStorage

/// What the case and photo screens do to a draft, each one conditional transaction in the store.
extension InspektService {
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

    /// Stores a draft's edits. An edit that lands after the inspection moved on (ready, uploading…) is
    /// dropped, so a stale save can never pull a submitted inspection back; returns whether it was stored.
    @discardableResult
    public func saveDraft(_ inspection: Inspection) throws -> Bool {
        var draft = inspection
        draft.state = .draft
        draft.updatedAt = dependencies.now()
        let saved: Bool
        do { saved = try store.saveDraft(draft) } catch StoreError.unreachable(let location, let reason) {
            holdDraft(draft)
            throw StoreError.unreachable(location: location, reason: reason)
        }
        releaseHeldDraft(id: draft.id)
        guard saved else { return false }
        hub.publish(.inspectionChanged(draft))
        return true
    }

    /// Throws a draft away with everything stored for it; false when it was never stored or moved on.
    @discardableResult
    public func discardDraft(id: String) throws -> Bool {
        releaseHeldDraft(id: id)  // thrown away: nothing of it comes back, whatever the database says
        return try store.deleteDraft(id: id)
    }

    /// Saves the draft as the operator left it and starts its upload, in that order, in one call:
    /// progress and the outcome arrive as events, a refusal is thrown.
    public func submit(_ inspection: Inspection, missingReason: String?) throws {
        do {
            try saveDraft(inspection)
            try enqueue(id: inspection.id, missingReason: missingReason)
        } catch StoreError.unreachable(let location, let reason) {
            // Kept as submitted: should the board end before the database answers, the next one sends it.
            var draft = inspection
            draft.state = .draft
            draft.updatedAt = dependencies.now()
            holdDraft(draft, submitted: true, missingReason: missingReason)
            throw StoreError.unreachable(location: location, reason: reason)
        }
    }

    /// Hides an inspection from the board (kept whole) or brings it back.
    public func setArchived(id: String, _ archived: Bool) throws {
        try store.setArchived(id: id, archived, at: dependencies.now())
    }

    /// Every inspection of a case id on this kiosk, newest first.
    public func inspections(caseID: String) throws -> [Inspection] {
        try store.inspections(caseID: caseID)
    }

    /// Every inspection of this case, letter case aside (`CaseIDRule.sameCase`): what asks before a case is
    /// submitted again, on the board and on the command line alike.
    public func inspections(sameCaseAs caseID: String) throws -> [Inspection] {
        try store.inspections(sameCaseAs: caseID)
    }

    /// The case ids a lookup of `reference` misses only by letter case, to name them ("did you mean RETURN-7?").
    public func caseIDsDifferingInLetterCase(from reference: String) throws -> [String] {
        CaseIDRule.letterCaseMisses(of: reference, in: try store.inspections(sameCaseAs: reference).map(\.facts.caseID))
    }

    /// The error for a reference that names nothing: it names the case it missed only by letter case, if any.
    func unknown(_ reference: String) -> ComparisonError {
        let near = (try? caseIDsDifferingInLetterCase(from: reference)) ?? []
        return near.isEmpty ? .unknownReference(reference) : .letterCase(reference, caseIDs: near)
    }

    /// Inspections marked ready or uploading: what `resumeAll` continues.
    public func unfinishedUploads() throws -> [Inspection] {
        try store.unfinishedUploads()
    }

    /// Whether an upload of this process is still running.
    public func uploadsInFlight() async -> Bool {
        !(await queue.inFlight).isEmpty
    }
}
