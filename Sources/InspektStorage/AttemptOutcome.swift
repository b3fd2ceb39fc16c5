import InspektCore

/// How an upload attempt ended; stored as its raw value in `upload_attempts.outcome`.
public enum AttemptOutcome: OpenStringEnum {
    case accepted
    case failed
    /// Stopped (quit, cancelled) before a reply came.
    case interrupted
    /// The server refused the token; the same session goes on with renewed tokens.
    case tokenInvalid
    case refused
    /// An outcome this version does not write.
    case other(String)

    public static let known: [AttemptOutcome] = [.accepted, .failed, .interrupted, .tokenInvalid, .refused]

    public var rawValue: String {
        switch self {
        case .accepted: "accepted"
        case .failed: "failed"
        case .interrupted: "interrupted"
        case .tokenInvalid: "token-invalid"
        case .refused: "refused"
        case .other(let name): name
        }
    }
}
