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
    public func importResultReportingChange(
        _ data: Data, via source: String = "import"
    ) throws -> (summary: ResultSummary, changed: Bool) {
        if data.count > ResultIntake.maxBodyBytes { throw ResultIntake.Refusal.tooLarge }
        let summary: ResultSummary
        do { summary = try ResultDocument.summary(from: data) } catch {
            throw ResultIntake.Refusal.malformed(error.description)
        }
        guard let inspection = try store.inspection(session: summary.inspectionID) else {
            throw ResultIntake.Refusal.unknownInspection(summary.inspectionID)
        }
        let changed = try accept(document: data, summary: summary, for: inspection, via: source)
        return (summary, changed)
    }

    /// Stores a result for an inspection; false when the same result was already stored (nothing changed).
    func accept(document: Data, summary: ResultSummary, for inspection: Inspection, via source: String) throws -> Bool {
        let changed = try store.storeResult(
            inspectionID: inspection.id, session: summary.inspectionID, document: document, summary: summary,
            history: Self.historyLine(summary, via: source))
        announce(changed, inspectionID: inspection.id, summary: summary, via: source)
        return changed
    }

    /// The history line a stored result leaves, written in the result's own transaction.
    static func historyLine(_ summary: ResultSummary, via source: String) -> String {
        let verdict =
            summary.verdict == .available
            ? "Result available: \(summary.damagedPartCount) damaged part(s)"
            : "Rejected: \(summary.message ?? "no reason given")"
        return "\(verdict) (via \(source))"
    }

    /// Logs a result's fate and tells the screens of a new one.
    func announce(_ changed: Bool, inspectionID: String, summary: ResultSummary, via source: String) {
        guard changed else {
            logger.info("repeat result ignored", metadata: ["inspection": "\(inspectionID)", "via": "\(source)"])
            return
        }
        logger.info(
            "result stored",
            metadata: ["inspection": "\(inspectionID)", "verdict": "\(summary.verdict.rawValue)", "via": "\(source)"])
        hub.publish(.resultReceived(inspectionID: inspectionID, summary))
        if hub.hasSubscribers, let updated = try? store.inspection(id: inspectionID) {
            hub.publish(.inspectionChanged(updated))
        }
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
        do { summary = try ResultDocument.summary(from: data) } catch {
            throw ResultIntake.Refusal.malformed(error.description)
        }
        // Found and stored in one transaction: the receiver's answer waits for one round trip, not three.
        let stored = try store.storeResult(
            session: summary.inspectionID, document: data, summary: summary,
            history: Self.historyLine(summary, via: "webhook"))
        switch stored {
        case .stored(let inspectionID):
            announce(true, inspectionID: inspectionID, summary: summary, via: "webhook")
            return .stored
        case .unchanged(let inspectionID):
            announce(false, inspectionID: inspectionID, summary: summary, via: "webhook")
            return .unchanged
        case .noInspection:
            try expireUnmatchedResults()
            try store.keepPendingResult(session: summary.inspectionID, document: data, at: dependencies.now())
            logger.info("result kept until its inspection appears", metadata: ["session": "\(summary.inspectionID)"])
            return .kept
        }
    }

    /// Attaches results that arrived for this session before its inspection was stored.
    func adoptPendingResults(session: String) {
        do {
            if try store.pendingResults(session: session).isEmpty { return }
            try expireUnmatchedResults()
            for document in try store.pendingResults(session: session) {
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

    /// How long a result waits for its inspection: one whose inspection has not appeared in a week never
    /// will (the result of another account, or of an inspection lost with its kiosk), and is dropped.
    public static let unmatchedResultLifetime: TimeInterval = 7 * 24 * 3600

    /// Results waiting for their inspection, none older than `unmatchedResultLifetime`: `inspekt status` counts them.
    public func unmatchedResultsWaiting() throws -> Int {
        try store.pendingResultCount(
            receivedSince: dependencies.now().addingTimeInterval(-Self.unmatchedResultLifetime))
    }

    private func expireUnmatchedResults() throws {
        let dropped = try store.removePendingResults(
            receivedBefore: dependencies.now().addingTimeInterval(-Self.unmatchedResultLifetime))
        if dropped > 0 { logger.notice("unmatched results dropped after 7 days", metadata: ["count": "\(dropped)"]) }
    }

    /// Whether the database answers: the receiver's `/healthz`.
    public func databaseReachable() -> Bool { (try? store.checkReachable()) != nil }
}
