import Foundation
import InspektCore

/// Review: the case, the slots and anything missing, before submitting.
public enum ReviewScreen {
    public enum Action: Sendable, Hashable {
        case submit, back, editCase, scroll(ListMove)
    }

    /// The review screen's one key table.
    public static let keymap = Keymap<Action>(
        "title.review",
        [
            KeyBinding(
                [.enter, .function(2)], "Enter", "key.submit", .submit, rank: .goOn, changesData: true,
                when: { !$0.review.submitting })
        ] + ScrollKeys.bindings { Action.scroll($0) } + [
            KeyBinding([.escape, .character("q")], "Esc/q", "key.photos", .back, rank: .goOn),
            KeyBinding([.character("c")], "c", "key.edit-case", .editCase),
        ])

    /// Keys while the reason for missing photos is typed.
    public static let reasonKeymap = Keymap<Action>(
        "title.reason-for-missing-photos",
        [
            KeyBinding([.enter], "Enter", "key.submit-with-this-reason", .submit, rank: .goOn, changesData: true),
            KeyBinding([.escape], "Esc", "key.cancel", .back, rank: .goOn),
        ])

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if state.review.askingReason {
            if state.review.reason.handle(key) {
                state.review.error = nil
                return []
            }
            switch reasonKeymap.action(for: key, in: state) {
            case .submit:
                let reason = state.review.reason.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else {
                    state.review.error = state.options.words("review.reason.empty")
                    return []
                }
                return submit(reason: reason, &state)
            case .back:
                state.review.askingReason = false
                state.review.error = nil
                return []
            default:
                return []
            }
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .submit:
            state.review.confirmedDoubtful = false
            state.review.confirmedRepeat = false
            return requestSubmit(&state)
        case .back:
            state.review.error = nil
            return PhotosScreen.enter(&state)
        case .editCase:
            state.route = .caseEntry
        case .scroll(let how):
            let page = max(1, visibleRows(state, height: state.size.height - 3) - 1)
            state.review.scroll = ScrollKeys.scrolled(state.review.scroll, how, page: page, limit: maxScroll(state))
        }
        return []
    }

    /// Shows the review and asks for the local checks of its photos.
    static func enter(_ state: inout AppState) -> [Command] {
        state.review = ReviewState()
        state.route = .review
        guard let draft = state.draft else { return [] }
        // A board over the database holds only the rows it shows: the store says whether this case was accepted
        // before (the same question `inspekt submit` asks). Without it, or while it is out of reach, the rows do.
        var ask: [Command] = []
        if state.window != nil, state.outage == nil {
            state.review.earlierCase = .asking
            ask = [.screen(.review(.findAcceptedCase(id: draft.id, caseID: draft.facts.caseID)))]
        }
        guard !draft.photos.isEmpty else { return ask }
        state.review.quality = .checking
        return [.screen(.review(.checkQuality(id: draft.id, photos: draft.photos)))] + ask
    }

    /// The way to submit, gate by gate: photos at all, the checks' verdict (a sure rejection refuses,
    /// a doubt asks), a case id accepted before (asks), then the reason for missing slots.
    static func requestSubmit(_ state: inout AppState) -> [Command] {
        guard let draft = state.draft else { return [] }
        if draft.photos.isEmpty {
            state.review.error = state.options.words("review.no-photos")
            return []
        }
        switch state.review.quality {
        case .checking:
            // Submitted as soon as the checks answer, unless they find something.
            state.review.submitWhenChecked = true
            state.notice = Notice(state.options.words("review.checking-first") + state.options.glyphs.ellipsis)
            return []
        case .notChecked:
            state.review.submitWhenChecked = true
            state.review.quality = .checking
            return [.screen(.review(.checkQuality(id: draft.id, photos: draft.photos)))]
        case .checked(let findings):
            let blocking = findings.filter(\.blocksSubmit)
            if let first = blocking.first {
                let words = state.options.words
                let more = blocking.count > 1 ? words("review.refused.more", count: blocking.count - 1) : ""
                state.review.error = words("review.refused", ["refusal": words.refusal(first) + more])
                return []
            }
            let doubtful = findings.filter { !$0.blocksSubmit }
            let qScore = qScoreConcerns(state, draft)
            if !doubtful.isEmpty || !qScore.isEmpty, !state.review.confirmedDoubtful {
                state.overlay = .confirm(.submitDoubtfulPhotos(doubtful, qScore: qScore, words: state.options.words))
                return []
            }
        }
        if !state.review.confirmedRepeat, state.review.earlierCase == .asking, state.outage == nil {
            // Submitted as soon as the store answers whether this case was accepted before.
            state.review.submitWhenChecked = true
            return []
        }
        if !state.review.confirmedRepeat, let earlier = acceptedBefore(draft, in: state) {
            state.overlay = .confirm(
                .submitCaseAgain(
                    caseID: draft.facts.caseID, earlier: earlier, now: state.now, words: state.options.words))
            return []
        }
        if !draft.missingSlots.isEmpty {
            state.review.askingReason = true
            state.review.reason = TextField(draft.missingReason ?? "")
            return []
        }
        return submit(reason: nil, &state)
    }

    /// Another inspection of the same case id that Inspektlabs accepted: the store's answer, else the board's rows.
    static func acceptedBefore(_ draft: Inspection, in state: AppState) -> Inspection? {
        if case .answered(let earlier?) = state.review.earlierCase { return earlier }
        return
            state.inspections.first {
                $0.id != draft.id && $0.state.wasAccepted && CaseIDRule.sameCase($0.facts.caseID, draft.facts.caseID)
            }
    }

    static func submit(reason: String?, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        draft.missingReason = reason
        draft.updatedAt = state.now
        state.review.askingReason = false
        state.review.submitting = true
        state.review.error = nil
        state.uploads[draft.id] = UploadTracking()
        state.pendingSubmits.insert(draft.id)
        // Back on the board, the highlight is on the case just sent, whichever way the operator goes there.
        state.board.highlightOnReturn = draft.id
        state.route = .upload(id: draft.id)
        // The service saves and marks it ready; its `inspectionChanged` moves the row, not this screen.
        return [.submit(draft, missingReason: reason)]
    }
}
