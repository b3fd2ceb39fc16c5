import Foundation
import InspektCore

/// Review: the case, the slots and anything missing, before submitting.
public enum ReviewScreen {
    public enum Action: Sendable, Hashable {
        case submit, back, editCase, help, scroll(ReviewScroll)
    }

    /// How a scrolling key moves the review.
    public enum ReviewScroll: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom
    }

    /// The review screen's one key table.
    public static let keymap = Keymap<Action>("Review", [
        KeyBinding([.enter, .function(2)], "Enter", "submit", .submit, when: { !$0.review.submitting }),
        KeyBinding([.up, .character("k")], "k/Up", "scroll up", .scroll(.up), footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "scroll down", .scroll(.down), footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .scroll(.pageUp), footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .scroll(.pageDown), footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "top", .scroll(.top), footer: false),
        KeyBinding([.end, .character("G")], "G/End", "bottom", .scroll(.bottom), footer: false),
        KeyBinding([.escape, .character("q")], "Esc/q", "photos", .back),
        KeyBinding([.character("c")], "c", "edit case", .editCase),
        KeyBinding([.character("?"), .function(1)], "?", "help", .help),
    ])

    /// Keys while the reason for missing photos is typed.
    public static let reasonKeymap = Keymap<Action>("Reason for missing photos", [
        KeyBinding([.enter], "Enter", "submit with this reason", .submit),
        KeyBinding([.escape], "Esc", "cancel", .back),
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
                    state.review.error = "Type why the photos are missing; the reason is stored with the inspection."
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
        case .help:
            state.overlay = .help
        case .scroll(let how):
            let page = max(1, visibleRows(state, height: state.size.height - 3) - 1)
            let limit = maxScroll(state)
            let now = min(state.review.scroll, limit)
            switch how {
            case .up: state.review.scroll = max(0, now - 1)
            case .down: state.review.scroll = min(limit, now + 1)
            case .pageUp: state.review.scroll = max(0, now - page)
            case .pageDown: state.review.scroll = min(limit, now + page)
            case .top: state.review.scroll = 0
            case .bottom: state.review.scroll = limit
            }
        }
        return []
    }

    /// Shows the review and asks for the local checks of its photos.
    static func enter(_ state: inout AppState) -> [Command] {
        state.review = ReviewState()
        state.route = .review
        guard let draft = state.draft, !draft.photos.isEmpty else { return [] }
        state.review.quality = .checking
        return [.checkQuality(id: draft.id, photos: draft.photos)]
    }

    /// The way to submit, gate by gate: photos at all, the checks' verdict (a sure rejection refuses,
    /// a doubt asks), a case id accepted before (asks), then the reason for missing slots.
    static func requestSubmit(_ state: inout AppState) -> [Command] {
        guard let draft = state.draft else { return [] }
        if draft.photos.isEmpty {
            state.review.error = "No photos chosen: go back (Esc) and pick at least one."
            return []
        }
        switch state.review.quality {
        case .checking:
            // Submitted as soon as the checks answer, unless they find something.
            state.review.submitWhenChecked = true
            state.notice = Notice("Checking the photos first" + state.options.glyphs.ellipsis)
            return []
        case .notChecked:
            state.review.submitWhenChecked = true
            state.review.quality = .checking
            return [.checkQuality(id: draft.id, photos: draft.photos)]
        case .checked(let findings):
            let blocking = findings.filter(\.blocksSubmit)
            if let first = blocking.first {
                let more = blocking.count > 1 ? " (and \(blocking.count - 1) more)" : ""
                state.review.error = "\(first.refusal)\(more). Replace it: Esc goes back to the photos."
                return []
            }
            let doubtful = findings.filter { !$0.blocksSubmit }
            if !doubtful.isEmpty, !state.review.confirmedDoubtful {
                state.overlay = .confirm(.submitDoubtfulPhotos(doubtful))
                return []
            }
        }
        if !state.review.confirmedRepeat, let earlier = acceptedBefore(draft, in: state) {
            state.overlay = .confirm(.submitCaseAgain(caseID: draft.facts.caseID, earlier: earlier, now: state.now))
            return []
        }
        if !draft.missingSlots.isEmpty {
            state.review.askingReason = true
            state.review.reason = TextField(draft.missingReason ?? "")
            return []
        }
        return submit(reason: nil, &state)
    }

    /// Another inspection of the same case id that Inspektlabs accepted, newest first.
    static func acceptedBefore(_ draft: Inspection, in state: AppState) -> Inspection? {
        let caseID = draft.facts.caseID.lowercased()
        return state.inspections.first { $0.id != draft.id && $0.state.wasAccepted && $0.facts.caseID.lowercased() == caseID }
    }

    static func submit(reason: String?, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        draft.missingReason = reason
        draft.updatedAt = state.now
        state.review.askingReason = false
        state.review.submitting = true
        state.review.error = nil
        state.uploads[draft.id] = UploadTracking()
        state.route = .upload(id: draft.id)
        // The service saves and marks it ready; its `inspectionChanged` moves the row, not this screen.
        return [.submit(draft, missingReason: reason)]
    }
}
