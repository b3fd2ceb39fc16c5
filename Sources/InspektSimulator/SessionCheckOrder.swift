/// Which of two upload refusals wins when both apply: the session was already spent, and the Bearer is a token
/// of another session. API.md does not say which Inspektlabs checks first, and the answer decides whether a kiosk
/// that renewed its tokens can ever confirm a lost reply; the simulator lets a test run under either.
public enum SessionCheckOrder: String, Sendable, CaseIterable, CustomStringConvertible {
    /// "Inspection Id already exists" before "token invalid": a retry with fresh tokens learns it was accepted.
    case spentFirst = "spent-first"
    /// "token invalid" before "Inspection Id already exists": a spent session is only confirmed with its own tokens.
    case tokenFirst = "token-first"

    public var description: String { rawValue }
}
