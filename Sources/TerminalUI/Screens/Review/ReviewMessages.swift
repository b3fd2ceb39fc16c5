import InspektCore

/// What the review screen asks the runtime for before a submit, as data (`Command.screen(.review(…))`).
public enum ReviewRequest: Sendable, Hashable {
    /// Run the local photo checks (size, sharpness, exposure, duplicates, incomplete files, photos already sent
    /// with another inspection); answer `.qualityChecked`.
    case checkQuality(id: String, photos: [PhotoSelection])
    /// Look in the store for an accepted inspection of the same case (letter case aside, `CaseIDRule.sameCase`)
    /// other than `id`; answer `.acceptedCaseFound`.
    case findAcceptedCase(id: String, caseID: String)
}

/// The runtime's answers to `ReviewRequest`s (`Message.screen(.review(…))`).
public enum ReviewAnswer: Sendable {
    /// What the checks found, for the photos they were asked about.
    case qualityChecked(id: String, photos: [PhotoSelection], [PhotoFinding])
    /// The accepted inspection of the same case, if any.
    case acceptedCaseFound(id: String, caseID: String, Inspection?)
}

extension ReviewScreen {
    /// Takes the answers to the review's own requests; a submit that waited for them goes on.
    static func receive(_ answer: ReviewAnswer, _ state: inout AppState) -> [Command] {
        switch answer {
        case .qualityChecked(let id, let photos, let findings):
            // Only for the draft under review, and only if its photos did not change meanwhile.
            guard state.draft?.id == id, state.draft?.photos == photos else { return [] }
            state.review.quality = .checked(findings)
            if state.review.submitWhenChecked, state.route == .review, state.overlay == nil {
                state.review.submitWhenChecked = false
                return requestSubmit(&state)
            }
        case .acceptedCaseFound(let id, let caseID, let earlier):
            // Only for the draft under review, and only if its case id did not change meanwhile.
            guard state.draft?.id == id, state.draft?.facts.caseID == caseID, state.review.earlierCase == .asking else {
                return []
            }
            state.review.earlierCase = .answered(earlier)
            if state.review.submitWhenChecked, state.route == .review, state.overlay == nil,
                case .checked = state.review.quality
            {
                state.review.submitWhenChecked = false
                return requestSubmit(&state)
            }
        }
        return []
    }
}
