import Foundation
import InspektCore

/// Results from the receiver (per-inspection callback or the account webhook) or a portal file.
extension InspektService {

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
        if hub.hasSubscribers, let updated = try? store.inspection(id: inspection.id) { hub.publish(.inspectionChanged(updated)) }
        return true
    }
}

/// The account-wide webhook of a fleet: results of every kiosk, some before their inspection is stored.
extension InspektService {
    /// What happened to a result delivered to the account webhook.
    public enum WebhookOutcome: String, Sendable {
        case stored, unchanged
        /// Its inspection is not in the database yet: kept, and attached when the inspection appears.
        case kept
    }

    /// Stores a webhook result by its `inspectionId`; one for an inspection not stored yet is kept whole.
    public func receiveWebhookResult(_ data: Data) throws -> WebhookOutcome {
        if data.count > ResultIntake.maxBodyBytes { throw ResultIntake.Refusal.tooLarge }
        let summary: ResultSummary
        do { summary = try ResultDocument.summary(from: data) } catch { throw ResultIntake.Refusal.malformed(error.description) }
        guard let inspection = try store.inspection(session: summary.inspectionID) else {
            try store.keepPendingResult(session: summary.inspectionID, document: data, at: dependencies.now())
            logger.info("result kept until its inspection appears", metadata: ["session": "\(summary.inspectionID)"])
            return .kept
        }
        return try accept(document: data, summary: summary, for: inspection, via: "webhook") ? .stored : .unchanged
    }

    /// Attaches results that arrived for this session before its inspection was stored.
    func adoptPendingResults(session: String) {
        do {
            let documents = try store.pendingResults(session: session)
            if documents.isEmpty { return }
            for document in documents {
                let summary = try ResultDocument.summary(from: document)
                if let inspection = try store.inspection(session: summary.inspectionID) {
                    _ = try accept(document: document, summary: summary, for: inspection, via: "webhook, kept")
                }
            }
            try store.removePendingResults(session: session)
        } catch {
            logger.error("cannot attach a kept result", metadata: ["session": "\(session)", "error": "\(error)"])
        }
    }

    /// Whether the database answers: the receiver's `/healthz`.
    public func databaseReachable() -> Bool { (try? store.checkReachable()) != nil }
}
