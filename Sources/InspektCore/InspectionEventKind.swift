/// What a line of an inspection's history records; stored as its raw value (the words the history shows).
public enum InspectionEventKind: OpenStringEnum {
    case created
    case ready
    /// The photos' digests were computed before sending.
    case hashed
    case session
    case tokens
    case upload
    case compare
    case retry
    case accepted
    case failed
    case mayHaveBeenAccepted
    case result
    case reopened
    /// A photo was a symbolic link; the file it points to was sent.
    case linkFollowed
    /// A new Inspektlabs inspection was started on the operator's word.
    case newInspection
    case archived
    case restored
    /// A kind this version does not write.
    case other(String)

    public static let known: [InspectionEventKind] = [
        .created, .ready, .hashed, .session, .tokens, .upload, .compare, .retry, .accepted, .failed,
        .mayHaveBeenAccepted, .result, .reopened, .linkFollowed, .newInspection, .archived, .restored,
    ]

    public var rawValue: String {
        switch self {
        case .created: "created"
        case .ready: "ready"
        case .hashed: "hashed"
        case .session: "session"
        case .tokens: "tokens"
        case .upload: "upload"
        case .compare: "compare"
        case .retry: "retry"
        case .accepted: "accepted"
        case .failed: "failed"
        case .mayHaveBeenAccepted: "may-have-been-accepted"
        case .result: "result"
        case .reopened: "reopened"
        case .linkFollowed: "link followed"
        case .newInspection: "new-inspection"
        case .archived: "archived"
        case .restored: "restored from the archive"
        case .other(let name): name
        }
    }
}
