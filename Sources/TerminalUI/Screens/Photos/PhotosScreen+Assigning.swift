import InspektCore

extension PhotosScreen {
    /// Puts a file on a slot, then moves on as an operator walks round the car: the highlight to the
    /// next photo in capture order, the checklist to the next empty slot.
    static func assignAndAdvance(
        _ item: InboxItem, to slot: CoverageSlot, confirmedSent: Bool = false,
        _ state: inout AppState
    ) -> [Command] {
        // A photo sent with another case could make a second inspection of the wrong car: ask first.
        if !confirmedSent, let caseID = state.photos.sentWith[item.path],
            !(state.draft?.photos.contains { $0.path == item.path } ?? false),
            !isArriving(item, state), item.problem == nil
        {
            state.overlay = .confirm(
                .assignSentPhoto(
                    name: item.name, caseID: caseID, path: item.path, slot: slot, words: state.options.words))
            return []
        }
        let commands = assign(item, to: slot, &state)
        guard !commands.isEmpty else { return commands }
        highlightNextInCaptureOrder(after: item, &state)
        advanceSlot(after: slot, &state)
        return commands + factsCommand(&state)
    }

    /// Highlights the first unused file taken after `item`; the oldest unused one when none was taken later.
    static func highlightNextInCaptureOrder(after item: InboxItem, _ state: inout AppState) {
        let used = Set(state.draft?.photos.map(\.path) ?? [])
        let items = state.photos.items
        let candidates = items.indices
            .filter {
                !items[$0].isDirectory && items[$0].problem == nil && !used.contains(items[$0].path)
                    && !isArriving(items[$0], state)
                    && state.photos.sentWith[items[$0].path] == nil
            }
            .sorted { (items[$0].shownTime, items[$0].name) < (items[$1].shownTime, items[$1].name) }
        let later = candidates.first { (items[$0].shownTime, items[$0].name) > (item.shownTime, item.name) }
        guard let target = later ?? candidates.first,
            let row = (0..<state.photos.list.count).first(where: { state.photos.list.sourceIndex($0) == target })
        else { return }
        state.photos.list.selected = row
        state.photos.list.scrollToSelection(page: listHeight(state))
    }

    /// Moves the checklist to the next required slot without a photo, after `slot`.
    static func advanceSlot(after slot: CoverageSlot, _ state: inout AppState) {
        guard let draft = state.draft else { return }
        let covered = Set(draft.photos.map(\.slot))
        let order = CoverageSlot.allCases
        let start = slotOrder(slot)
        for step in 1...order.count {
            let candidate = order[(start + step) % order.count]
            if candidate.isRequired, !covered.contains(candidate) {
                state.photos.slotIndex = slotOrder(candidate)
                return
            }
        }
    }

    /// `x`: takes the highlighted file off its slot (inbox pane) or the highlighted slot's photo (checklist pane).
    static func removeInFocusedPane(_ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        let at: Int?
        if state.photos.focus == .inbox {
            let path = state.photos.highlighted?.path
            at = draft.photos.firstIndex { $0.path == path }
        } else {
            let slot = state.photos.slot
            // A video walk-around has no slots to pick from: x takes the video off.
            at = draft.isVideoWalkAround ? draft.photos.indices.first : draft.photos.lastIndex { $0.slot == slot }
        }
        guard let at else { return [] }
        let removed = draft.photos.remove(at: at)
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        state.notice = Notice(
            state.options.words(
                "notice.removed",
                ["file": SafeText.escape(removed.fileName), "slot": state.options.words.slot(removed.slot)]))
        return [.saveDraft(draft)]
    }
}
