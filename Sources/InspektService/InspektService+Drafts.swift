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
        try? store.appendEvent(
            inspectionID: inspection.id, kind: "created", detail: "Draft for case \(facts.caseID) created")
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

    /// Stores a draft's edits through the `DraftOutbox`. An edit that lands after the inspection moved on
    /// (ready, uploading…) is dropped, so a stale save can never pull a submitted inspection back; returns
    /// whether it was stored now. While the fleet database is away the edit waits in the outbox (false) and is
    /// stored once it answers: never an error.
    @discardableResult
    public func saveDraft(_ inspection: Inspection) throws -> Bool {
        try outbox.hand(held(inspection, submitted: false, missingReason: nil), editedAt: inspection.updatedAt)
            == .stored(submitted: false)
    }

    /// Throws a draft away with everything stored for it; false when it was never stored or moved on.
    @discardableResult
    public func discardDraft(id: String) throws -> Bool {
        outbox.discard(id: id)  // thrown away: nothing of it comes back, whatever the database says
        return try store.deleteDraft(id: id)
    }

    /// Saves the draft as the operator left it and starts its upload, in that order, in one call: progress and
    /// the outcome arrive as events, a refusal is thrown. While the fleet database is away the submit waits in
    /// the `DraftOutbox` (kept in the data folder, so the next board sends it should this one end) and goes on
    /// once it answers; no session is asked for before it can be written down.
    public func submit(_ inspection: Inspection, missingReason: String?) throws {
        _ = try outbox.hand(
            held(inspection, submitted: true, missingReason: missingReason), editedAt: inspection.updatedAt)
    }

    /// The copy the outbox sends: a draft, stamped now.
    private func held(_ inspection: Inspection, submitted: Bool, missingReason: String?) -> HeldDraft {
        var draft = inspection
        draft.state = .draft
        draft.updatedAt = dependencies.now()
        return HeldDraft(draft: draft, submitted: submitted, missingReason: missingReason)
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
