import Foundation
import InspektAPI
import InspektCore

/// The one way an inspection whose upload may have been accepted gets a second session: the operator's word.
extension InspektService {
    /// What the operator confirms before `uploadAgainAsNewInspection`, in words.
    public static let newInspectionWarning =
        "Only do this when the Inspektlabs portal does not have this case. The earlier upload may have been accepted: sending again as a new inspection may bill a second inspection."

    /// On the operator's word that Inspektlabs does not have it ("not in the portal"), uploads a failed or
    /// may-have-been-accepted inspection again with a new session; returns the accepted session. May bill twice.
    @discardableResult
    public func uploadAgainAsNewInspection(id: String) async throws -> String {
        try await startNewInspection(id: id)
        return try await submit(id: id)
    }

    /// Like `uploadAgainAsNewInspection`, in the background; follow it through `events()`.
    public func enqueueAsNewInspection(id: String) async throws {
        try await startNewInspection(id: id)
        try enqueue(id: id)
    }

    private func startNewInspection(id: String) async throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        guard inspection.state == .failedRetryable || inspection.state == .mayHaveBeenAccepted else {
            throw ServiceError.wrongState(
                id: id, state: inspection.state, action: "upload it again as a new inspection")
        }
        let problems = problems(in: inspection)
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        let earlier = inspection.session ?? "none"
        let fresh: String
        do { fresh = try await broker.freshSessionOnOperatorsWord(for: id).session } catch let error as APIError {
            throw ServiceError.uploadFailed(reason: "Could not start a new session: \(error.operatorMessage)")
        }
        try? store.appendEvent(
            inspectionID: id, kind: "new-inspection",
            detail:
                "The operator said Inspektlabs does not have session \(earlier); uploading again as a new inspection with session \(fresh) (may bill twice)"
        )
        logger.notice(
            "upload again as a new inspection",
            metadata: ["inspection": "\(id)", "earlier": "\(earlier)", "session": "\(fresh)"])
    }
}
