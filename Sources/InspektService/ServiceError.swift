import InspektCore

/// Why the service refused or could not finish a request, in words an operator understands.
public enum ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Operator input that cannot be sent: one message per problem (already escaped).
    case invalid([String])
    case notFound(id: String)
    /// The inspection is in a state where this action makes no sense.
    case wrongState(id: String, state: InspectionState, action: String)
    /// The upload did not go through; the inspection waits in failed-retryable with this reason.
    case uploadFailed(reason: String)
    /// Another inspekt process is uploading this inspection right now; `holder` says which, in words.
    case busy(id: String, holder: String?)
    /// The inspection was captured on another kiosk of the fleet, which holds its photos and uploads it.
    case otherKiosk(id: String, kiosk: String)
    /// An upload of this inspection may have been accepted, so its photos can no longer change.
    case mayHaveBeenAccepted(id: String)
    case storage(String)
    /// Inspektlabs accepted the upload, but the local database could not record it (disk full, read-only, locked).
    case acceptedButNotRecorded(session: String, detail: String)
    /// Inspektlabs accepted the upload, but this process's upload lock was lost (its database session ended)
    /// and another process holds it now: this one records nothing, and leaves the inspection to that one.
    case acceptedButLockLost(id: String, session: String, holder: String?)

    public var description: String {
        switch self {
        case .invalid(let problems): problems.joined(separator: "\n")
        case .notFound(let id): "No inspection \(SafeText.escape(id)) on this kiosk."
        case .wrongState(_, let state, let action):
            "Cannot \(action): the inspection is \(state.title.lowercased())."
        case .uploadFailed(let reason): reason
        case .busy(_, let holder):
            "\(holder.map { SafeText.escape($0).capitalizedFirst } ?? "Another inspekt process") is uploading this inspection right now; wait for it to finish."
        case .otherKiosk(let id, let kiosk):
            "Inspection \(SafeText.escape(id)) was captured on kiosk \(SafeText.escape(kiosk)), which holds its photos: only that kiosk uploads it. Left for \(SafeText.escape(kiosk))."
        case .mayHaveBeenAccepted:
            "This upload may already have reached Inspektlabs; it can only be retried, not changed."
        case .acceptedButNotRecorded(let session, let detail):
            "Inspektlabs accepted the upload (inspection id \(SafeText.escape(session))), but this kiosk could not record it: the local database could not be written (\(SafeText.escape(String(detail.prefix(200))))). The disk may be full, or the database read-only or locked; Inspektlabs is not the problem. Free disk space or fix the data directory's permissions, then start inspekt again: it records the acceptance without sending a second inspection."
        case .acceptedButLockLost(let id, let session, let holder):
            "Inspektlabs accepted the upload (inspection id \(SafeText.escape(session))), but this process lost the upload lock of \(SafeText.escape(id)) with its database session, and \(holder.map(SafeText.escape) ?? "another inspekt process") holds it now: nothing was recorded here. That process records the acceptance; if it does not, `inspekt resume \(SafeText.escape(id))` records it without sending a second inspection."
        case .storage(let detail):
            "The local database could not be written (\(SafeText.escape(detail))): check free disk space and the data directory's permissions."
        }
    }
}

extension String {
    /// The text with its first letter in upper case ("the board …" → "The board …").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
