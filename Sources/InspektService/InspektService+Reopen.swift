import Foundation
import InspektCore

extension InspektService {
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
}
