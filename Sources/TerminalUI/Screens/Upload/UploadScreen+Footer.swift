import InspektCore

extension UploadScreen {
    /// A submit made while the fleet database is out of reach: why nothing is sent, and what happens next.
    static let heldText =
        "Waiting for the database: no upload starts before it can be recorded. It goes out by itself "
        + "when the database is back; Esc for the board."

    /// The last lines of the upload screen: what happens next and which key does it. "The upload goes on"
    /// only while it does; an upload that stopped names the key that takes it up again.
    static func footerText(_ inspection: Inspection, tracking: UploadTracking, readOnly: Bool = false) -> String {
        if inspection.state.wasAccepted || tracking.accepted {
            return inspection.state == .available || inspection.state == .rejected
                ? "Upload accepted and processed: Enter shows the result."
                : "Upload accepted. The result arrives here and on the board when Inspektlabs has processed it."
        }
        switch inspection.state {
        case .failedRetryable where readOnly, .mayHaveBeenAccepted where readOnly:
            let reason = (tracking.failure ?? inspection.failureReason).map { " " + SafeText.escape($0) } ?? ""
            return "The upload stopped (read-only: nothing is retried here). Esc returns to the board." + reason
        case .failedRetryable:
            let reason = (tracking.failure ?? inspection.failureReason).map { " " + SafeText.escape($0) } ?? ""
            return "Upload stopped: press r to try again, Enter for details, Esc for the board." + reason
        case .mayHaveBeenAccepted:
            let reason = inspection.failureReason.map { " " + SafeText.escape($0) } ?? ""
            return "No answer came: Inspektlabs may have it. Press r to ask again with the same session, Enter for "
                + "details, Esc for the board." + reason
        case .ready, .uploading:
            return "Esc returns to the board while the upload goes on; it resumes if inspekt closes."
        case .draft, .processing, .available, .rejected:
            return "The upload is not running: Enter shows the details, Esc returns to the board."
        }
    }
}
