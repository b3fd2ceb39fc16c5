import Foundation
import InspektCore

/// What the photos screen does with a key or a scan: entering, listing, filtering, assigning and suggesting.
extension PhotosScreen {
    /// Shows the photos screen, listing the inbox when it was not yet.
    static func enter(_ state: inout AppState) -> [Command] {
        state.route = .photos
        if state.photos.hideSent { refilter(&state) }
        // Inspections sent since the screen was last shown may hold these very files: ask about each again.
        state.photos.sentAsked = [:]
        // A draft opened again: its photos are asked about (answers already known come from the service's cache).
        let qScore = qScoreCommands(&state)
        if state.photos.items.isEmpty, !state.photos.scanning {
            state.photos.scanning = true
            return [.screen(.photos(.scanInbox(path: state.photos.folder)))] + qScore
        }
        return sentPhotosCommand(&state) + factsCommand(&state) + qScore
    }

    static func scanned(path: String, items: [InboxItem], _ state: inout AppState) -> [Command] {
        guard path == state.photos.folder else { return [] }
        var sorted = items.sorted { a, b in
            if a.isDirectory != b.isDirectory { return a.isDirectory }
            if a.shownTime != b.shownTime { return a.shownTime > b.shownTime }
            return a.name < b.name
        }
        if path != state.inboxRoot {
            let parent = (path as NSString).deletingLastPathComponent
            sorted.insert(InboxItem(name: "..", path: parent, isDirectory: true, modified: .distantPast), at: 0)
        }
        // A re-sorted list keeps the operator's place; one who has not moved yet stays at the top.
        let keepSelection = state.photos.list.selected > 0 ? state.photos.highlighted?.path : nil
        state.photos.items = sorted
        state.photos.scanning = false
        state.photos.scanError = nil
        refilter(&state)
        if let keepSelection, let at = sorted.firstIndex(where: { $0.path == keepSelection }),
            let row = (0..<state.photos.list.count).first(where: { state.photos.list.sourceIndex($0) == at })
        {
            state.photos.list.selected = row
        }
        return state.route == .photos ? sentPhotosCommand(&state) + factsCommand(&state) : []
    }

    static func refilter(_ state: inout AppState) {
        let items = state.photos.items
        let sent = state.photos.sentWith
        let used = Set(state.draft?.photos.map(\.path) ?? [])
        let hide = state.photos.hideSent && !sent.isEmpty
        state.photos.list.refilter(
            count: items.count, shown: hide ? { sent[items[$0].path] == nil || used.contains(items[$0].path) } : nil
        ) { index, needle in
            items[index].name.lowercased().contains(needle)
        }
    }

    /// Asks which listed files hold the bytes of a photo that went out with another inspection (ready or
    /// further): those are marked with its case id, asked about before they are put on a slot, never
    /// suggested, and hidden by `s`. Only files not asked about yet at their present size.
    static func sentPhotosCommand(_ state: inout AppState) -> [Command] {
        var files: [String: Int64] = [:]
        for item in state.photos.items
        where !item.isDirectory && item.size > 0 && state.photos.sentAsked[item.path] != item.size {
            files[item.path] = item.size
        }
        guard !files.isEmpty else { return [] }
        state.photos.sentAsked.merge(files) { _, new in new }
        return [.screen(.photos(.findSentPhotos(files: files, excluding: state.draft?.id)))]
    }

    /// The answer to `sentPhotosCommand`: the files' marks, for those still as they were asked about.
    static func sentPhotosFound(
        files: [String: Int64], sentWith: [String: String], _ state: inout AppState
    ) -> [Command] {
        var changed = false
        for (path, size) in files where state.photos.sentAsked[path] == size {
            let caseID = sentWith[path]
            if state.photos.sentWith[path] != caseID {
                state.photos.sentWith[path] = caseID
                changed = true
            }
        }
        guard changed, state.photos.hideSent else { return [] }
        refilter(&state)
        return state.route == .photos ? factsCommand(&state) : []
    }

    /// Asks for the facts of the highlighted file once.
    static func factsCommand(_ state: inout AppState) -> [Command] {
        guard let item = state.photos.highlighted, !item.isDirectory, item.problem == nil,
            state.photos.facts[item.path] == nil
        else { return [] }
        state.photos.facts[item.path] = .loading
        return [.screen(.photos(.loadPhotoFacts(path: item.path)))]
    }

    static func listHeight(_ state: AppState) -> Int { max(1, Layout(size: state.size).list.height) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if state.photos.list.filtering {
            switch FilterLine.handle(key, &state.photos.list) {
            case .changed:
                refilter(&state)
                return factsCommand(&state)
            case .unchanged: return []
            case .passOn: break
            }
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        let page = listHeight(state)
        let slots = CoverageSlot.allCases.count
        switch action {
        case .move(let move):
            let step = ListKeys.step(move, page: page, count: max(slots, state.photos.list.count))
            if state.photos.focus == .inbox {
                state.photos.list.move(by: step, page: page)
                return factsCommand(&state)
            }
            state.photos.slotIndex = max(0, min(slots - 1, state.photos.slotIndex + step))
        case .switchPane:
            state.photos.focus = state.photos.focus == .inbox ? .checklist : .inbox
        case .leftPane:
            state.photos.focus = .inbox
        case .rightPane:
            state.photos.focus = .checklist
        case .enter:
            guard let item = state.photos.highlighted else { return [] }
            if item.isDirectory { return openFolder(item.path, &state) }
            return assignAndAdvance(item, to: state.photos.slot, &state)
        case .assignDigit(let digit):
            guard let item = state.photos.highlighted, !item.isDirectory else { return [] }
            return assignAndAdvance(item, to: CoverageSlot.walkAround[digit - 1], &state)
        case .assignExtra(let slot):
            guard let item = state.photos.highlighted, !item.isDirectory else { return [] }
            return assignAndAdvance(item, to: slot, &state)
        case .suggest:
            return suggest(&state)
        case .remove:
            return removeInFocusedPane(&state)
        case .parent:
            return openFolder((state.photos.folder as NSString).deletingLastPathComponent, &state)
        case .filter:
            state.photos.focus = .inbox
            state.photos.list.filtering = true
        case .rescan:
            state.photos.scanning = true
            return [.screen(.photos(.scanInbox(path: state.photos.folder)))]
        case .review:
            return ReviewScreen.enter(&state)
        case .back:
            state.route = .caseEntry
        case .toggleSent:
            state.photos.hideSent.toggle()
            refilter(&state)
            let count = state.photos.sentWith.count
            state.notice = Notice(
                state.photos.hideSent
                    ? state.options.words("notice.sent.hidden", ["count": state.options.words.number(count)])
                    : state.options.words("notice.sent.shown"))
            return [.screen(.photos(.rememberHideSent(state.photos.hideSent)))] + factsCommand(&state)
        }
        return []
    }

    static func openFolder(_ path: String, _ state: inout AppState) -> [Command] {
        // Never leave the inbox: ".." at the root stays at the root.
        let root = state.inboxRoot
        let target = path.hasPrefix(root) ? path : root
        state.photos.folder = target
        state.photos.items = []
        state.photos.list = ListView()
        state.photos.previewed = nil
        state.photos.scanning = true
        return [.screen(.photos(.scanInbox(path: target)))]
    }

    /// Puts a file on a slot; returns the save command, or nothing (with a notice saying why) when refused.
    static func assign(_ item: InboxItem, to slot: CoverageSlot, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        if isArriving(item, state) {
            state.notice = Notice(
                state.options.words("notice.still-arriving", ["file": SafeText.escape(item.name)]), role: .error)
            return []
        }
        if let problem = item.problem {
            state.notice = Notice(
                state.options.words(
                    "notice.cannot-send", ["file": SafeText.escape(item.name), "problem": SafeText.escape(problem)]),
                role: .error)
            return []
        }
        if let used = draft.photos.first(where: { $0.path == item.path }) {
            if used.slot == slot { return [] }
            state.notice = Notice(FileProblem.alreadyUsed(name: item.name, slot: used.slot).description, role: .error)
            return []
        }
        if item.isVideo || draft.isVideoWalkAround { return assignVideo(item, &state) }
        if !slot.allowsMany { draft.photos.removeAll { $0.slot == slot } }
        guard draft.photos.count < InspectionLimits.maxPhotos else {
            state.notice = Notice(
                state.options.words(
                    "notice.at-most", ["count": state.options.words.number(InspectionLimits.maxPhotos)]), role: .error)
            return []
        }
        draft.photos.append(PhotoSelection(slot: slot, path: item.path, size: item.size, captureTime: item.captureTime))
        draft.photos.sort { slotOrder($0.slot) < slotOrder($1.slot) }
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        state.notice = Notice(
            "\(SafeText.escape(item.name)) \(state.options.glyphs.dash) \(state.options.words.slot(slot))", role: .ok)
        return [.saveDraft(draft)] + qScoreCommands(&state)
    }

    static func slotOrder(_ slot: CoverageSlot) -> Int { CoverageSlot.allCases.firstIndex(of: slot) ?? 0 }

    /// Fills unassigned walk-around slots with unused files in capture-time order.
    static func suggest(_ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        if draft.isVideoWalkAround {
            state.notice = Notice(state.options.words("notice.video.needs-none"))
            return []
        }
        let covered = Set(draft.photos.map(\.slot))
        let used = Set(draft.photos.map(\.path))
        let open = CoverageSlot.walkAround.filter { !covered.contains($0) }
        let candidates = state.photos.items
            .filter {
                // A video is never suggested for a photo's slot: it is a walk-around of its own.
                !$0.isDirectory && $0.problem == nil && !used.contains($0.path) && !$0.isVideo
                    && !state.photos.arriving.contains($0.path)
                    && state.photos.sentWith[$0.path] == nil
            }
            .sorted { ($0.shownTime, $0.name) < ($1.shownTime, $1.name) }
        guard !open.isEmpty, !candidates.isEmpty else {
            state.notice = Notice(
                state.options.words(open.isEmpty ? "notice.suggest.all-full" : "notice.suggest.none-left"))
            return []
        }
        let count = min(open.count, candidates.count)
        for (slot, item) in zip(open, candidates) {
            draft.photos.append(
                PhotoSelection(slot: slot, path: item.path, size: item.size, captureTime: item.captureTime))
        }
        draft.photos.sort { slotOrder($0.slot) < slotOrder($1.slot) }
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        state.notice = Notice(
            state.options.words("notice.suggested", count: count), role: .ok)
        return [.saveDraft(draft)] + qScoreCommands(&state)
    }
}
