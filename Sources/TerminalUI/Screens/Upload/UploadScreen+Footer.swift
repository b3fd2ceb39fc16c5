import InspektCore
import InspektLanguage

extension UploadScreen {
    /// The last lines of the upload screen: what happens next and which key does it. "The upload goes on"
    /// only while it does; an upload that stopped names the key that takes it up again (none on a read-only board).
    /// `held`: a submit made while the fleet database is out of reach, which says why nothing is sent.
    static func footerText(
        _ inspection: Inspection, tracking: UploadTracking, held: Bool = false, readOnly: Bool = false,
        words: Localizer = Languages.english
    ) -> String {
        if held { return words("upload.footer.held") }
        if inspection.state.wasAccepted || tracking.accepted {
            return inspection.state == .available || inspection.state == .rejected
                ? words("upload.footer.processed") : words("upload.footer.accepted")
        }
        switch inspection.state {
        case .failedRetryable where readOnly, .mayHaveBeenAccepted where readOnly:
            let reason = (tracking.failure ?? inspection.failureReason).map { " " + SafeText.escape($0) } ?? ""
            return words("upload.footer.stopped-read-only") + reason
        case .failedRetryable:
            let reason = (tracking.failure ?? inspection.failureReason).map { " " + SafeText.escape($0) } ?? ""
            return words("upload.footer.stopped") + reason
        case .mayHaveBeenAccepted:
            let reason = inspection.failureReason.map { " " + SafeText.escape($0) } ?? ""
            return words("upload.footer.no-answer") + reason
        case .ready, .uploading:
            return words("upload.footer.running")
        case .draft, .processing, .available, .rejected:
            return words("upload.footer.not-running")
        }
    }
}
