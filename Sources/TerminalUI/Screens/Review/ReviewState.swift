import InspektCore

/// The review screen: whether a reason for missing slots is being typed.
public struct ReviewState: Sendable, Hashable {
    public var askingReason = false
    public var reason = TextField()
    /// The submit command went out; waiting for the service.
    public var submitting = false
    public var error: String?
    /// The local checks of the photos under review.
    public var quality: QualityReport = .notChecked
    /// Enter came while the checks ran: go on as soon as they answer.
    public var submitWhenChecked = false
    /// The operator said to send the photos the checks doubt.
    public var confirmedDoubtful = false
    /// The operator said to submit a case id that was accepted before on this kiosk.
    public var confirmedRepeat = false
    /// Whether the store was asked for an accepted inspection of the same case, and its answer.
    public var earlierCase: EarlierCaseCheck = .answered(nil)
    /// First line shown when the review is taller than the screen.
    public var scroll = 0
    public init() {}
}

/// Where the local photo checks stand.
public enum QualityReport: Sendable, Hashable {
    case notChecked
    case checking
    case checked([PhotoFinding])

    /// Findings, once checked.
    public var findings: [PhotoFinding] {
        if case .checked(let findings) = self { return findings }
        return []
    }
}

/// The store's answer to "was this case accepted before?" (letter case aside).
public enum EarlierCaseCheck: Sendable, Hashable {
    case asking
    case answered(Inspection?)
}
