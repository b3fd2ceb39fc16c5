import InspektCore

/// The review screen: whether a reason for missing slots is being typed.
public struct ReviewState: Sendable, Hashable {
    public var askingReason = false
    public var reason = TextField()
    /// The submit command went out; waiting for the service.
    public var submitting = false
    public var error: String?
    public init() {}
}
