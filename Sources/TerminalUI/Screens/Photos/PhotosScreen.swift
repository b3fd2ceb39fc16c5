import Foundation
import InspektCore

/// Photos: the inbox on the left, the coverage checklist, car diagram and preview on the right.
public enum PhotosScreen {
    public enum Action: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom, switchPane, leftPane, rightPane, enter, assignDigit(Int),
            assignExtra(CoverageSlot), suggest, remove, parent, filter, rescan, review, back, help, toggleSent
    }

    static func inbox(_ state: AppState) -> Bool { state.photos.focus == .inbox }
    static func fileHighlighted(_ state: AppState) -> Bool {
        guard let item = state.photos.highlighted else { return false }
        return !item.isDirectory
    }
    static func slotFilled(_ state: AppState) -> Bool {
        state.draft?.photos.contains { $0.slot == state.photos.slot } ?? false
    }
    /// `x` acts on the pane with the keys: the highlighted file in the inbox, the highlighted slot in the checklist.
    static func removable(_ state: AppState) -> Bool {
        guard inbox(state) else { return slotFilled(state) }
        guard let item = state.photos.highlighted else { return false }
        return state.draft?.photos.contains { $0.path == item.path } ?? false
    }

    /// The extras chosen from the inbox in one key.
    static let extraKeys: [(Character, CoverageSlot)] = [("o", .odometer), ("i", .interior), ("v", .vin), ("d", .damage)]

    /// The photos screen's one key table.
    public static let keymap = Keymap<Action>("Photos", [
        KeyBinding([.up, .character("k")], "k/Up", "up", .up, footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "down", .down, footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .pageUp, footer: false),
        KeyBinding([.pageDown], "PgDn", "page down", .pageDown, footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "first", .top, footer: false),
        KeyBinding([.end, .character("G")], "G/End", "last", .bottom, footer: false),
        KeyBinding([.tab, .backTab], "Tab", "inbox/checklist", .switchPane, footer: false),
        KeyBinding([.left, .character("h")], "h/Left", "inbox", .leftPane, footer: false),
        KeyBinding([.right, .character("l")], "l/Right", "checklist", .rightPane, footer: false),
        KeyBinding([.enter, .character(" ")], "Enter", "assign", .enter,
                   when: { fileHighlighted($0) || ($0.photos.highlighted?.isDirectory ?? false) }),
    ] + (1...8).map { digit in
        KeyBinding([.character(Character(String(digit)))], "1-8", "slot 1-8", .assignDigit(digit),
                   footer: digit == 1, when: fileHighlighted)
    } + extraKeys.map { (key: Character, slot: CoverageSlot) -> KeyBinding<Action> in
        KeyBinding([.character(key)], String(key), slot.title.lowercased(), .assignExtra(slot), footer: false, when: fileHighlighted)
    } + [
        KeyBinding([.character("a")], "a", "suggest", .suggest),
        KeyBinding([.character("x"), .delete], "x", "remove", .remove, when: removable),
        KeyBinding([.backspace, .character("u")], "Bksp", "parent folder", .parent, footer: false,
                   when: { $0.photos.folder != $0.inboxRoot }),
        KeyBinding([.character("/")], "/", "filter", .filter, footer: false),
        KeyBinding([.character("s")], "s", "hide sent photos", .toggleSent, footer: false, when: { !$0.photos.hideSent }),
        KeyBinding([.character("s")], "s", "show sent photos", .toggleSent, footer: false, when: { $0.photos.hideSent }),
        KeyBinding([.function(5), .character("R")], "F5", "rescan folder", .rescan, footer: false),
        KeyBinding([.function(2), .character("n"), .control("n")], "F2/n", "review", .review),
        KeyBinding([.escape, .character("q")], "Esc/q", "case", .back),
        KeyBinding([.character("?"), .function(1)], "?", "help", .help),
    ])

    /// Shows the photos screen, listing the inbox when it was not yet.
    static func enter(_ state: inout AppState) -> [Command] {
        state.route = .photos
        noteSentPhotos(&state)
        if state.photos.hideSent { refilter(&state) }
        if state.photos.items.isEmpty, !state.photos.scanning {
            state.photos.scanning = true
            return [.scanInbox(path: state.photos.folder)]
        }
        return factsCommand(&state)
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
        return state.route == .photos ? factsCommand(&state) : []
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

    /// Which photos went out with other inspections (ready or further), by path: marked, never suggested.
    static func noteSentPhotos(_ state: inout AppState) {
        let draftID = state.draft?.id
        var sent: [String: String] = [:]
        for inspection in state.inspections where inspection.id != draftID && inspection.state != .draft {
            for photo in inspection.photos where sent[photo.path] == nil { sent[photo.path] = inspection.facts.caseID }
        }
        state.photos.sentWith = sent
    }

    /// Asks for the facts of the highlighted file once.
    static func factsCommand(_ state: inout AppState) -> [Command] {
        guard let item = state.photos.highlighted, !item.isDirectory, item.problem == nil,
            state.photos.facts[item.path] == nil
        else { return [] }
        state.photos.facts[item.path] = .loading
        return [.loadPhotoFacts(path: item.path)]
    }

    static func listHeight(_ state: AppState) -> Int { max(1, Layout(size: state.size).list.height) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if state.photos.list.filtering {
            switch key {
            case .escape:
                state.photos.list.filter = TextField()
                state.photos.list.filtering = false
                refilter(&state)
                return factsCommand(&state)
            case .enter:
                state.photos.list.filtering = false
                return []
            case .up, .down, .pageUp, .pageDown:
                break
            default:
                if state.photos.list.filter.handle(key) {
                    state.photos.list.selected = 0
                    state.photos.list.offset = 0
                    refilter(&state)
                    return factsCommand(&state)
                }
                return []
            }
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        let page = listHeight(state)
        let slots = CoverageSlot.allCases.count
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            let step: Int
            switch action {
            case .up: step = -1
            case .down: step = 1
            case .pageUp: step = -page
            case .pageDown: step = page
            case .top: step = -max(slots, state.photos.list.count)
            default: step = max(slots, state.photos.list.count)
            }
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
            return [.scanInbox(path: state.photos.folder)]
        case .review:
            return ReviewScreen.enter(&state)
        case .back:
            state.route = .caseEntry
        case .help:
            state.overlay = .help
        case .toggleSent:
            state.photos.hideSent.toggle()
            refilter(&state)
            let count = state.photos.sentWith.count
            state.notice = Notice(state.photos.hideSent
                ? "Photos sent with other inspections are hidden (\(count) known); s shows them."
                : "Photos sent with other inspections are shown, marked with their case id.")
            return [.rememberHideSent(state.photos.hideSent)] + factsCommand(&state)
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
        state.photos.scanning = true
        return [.scanInbox(path: target)]
    }

    /// Puts a file on a slot; returns the save command, or nothing (with a notice saying why) when refused.
    static func assign(_ item: InboxItem, to slot: CoverageSlot, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        if isArriving(item, state) {
            state.notice = Notice("\(SafeText.escape(item.name)) is still arriving: pick it once it is complete.", role: .error)
            return []
        }
        if let problem = item.problem {
            state.notice = Notice("\(SafeText.escape(item.name)) cannot be sent: \(SafeText.escape(problem)).", role: .error)
            return []
        }
        if let used = draft.photos.first(where: { $0.path == item.path }) {
            if used.slot == slot { return [] }
            state.notice = Notice(FileProblem.alreadyUsed(name: item.name, slot: used.slot).description, role: .error)
            return []
        }
        if !slot.allowsMany { draft.photos.removeAll { $0.slot == slot } }
        guard draft.photos.count < InspectionLimits.maxPhotos else {
            state.notice = Notice("An inspection holds at most \(InspectionLimits.maxPhotos) photos.", role: .error)
            return []
        }
        draft.photos.append(PhotoSelection(slot: slot, path: item.path, size: item.size, captureTime: item.captureTime))
        draft.photos.sort { slotOrder($0.slot) < slotOrder($1.slot) }
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        state.notice = Notice("\(SafeText.escape(item.name)) \(state.options.glyphs.dash) \(slot.title)", role: .ok)
        return [.saveDraft(draft)]
    }

    static func slotOrder(_ slot: CoverageSlot) -> Int { CoverageSlot.allCases.firstIndex(of: slot) ?? 0 }

    /// Fills unassigned walk-around slots with unused files in capture-time order.
    static func suggest(_ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        let covered = Set(draft.photos.map(\.slot))
        let used = Set(draft.photos.map(\.path))
        let open = CoverageSlot.walkAround.filter { !covered.contains($0) }
        let candidates = state.photos.items
            .filter {
                !$0.isDirectory && $0.problem == nil && !used.contains($0.path) && !state.photos.arriving.contains($0.path)
                    && state.photos.sentWith[$0.path] == nil
            }
            .sorted { ($0.shownTime, $0.name) < ($1.shownTime, $1.name) }
        guard !open.isEmpty, !candidates.isEmpty else {
            state.notice = Notice(open.isEmpty ? "Every walk-around slot already has a photo." : "No unused photos in this folder.")
            return []
        }
        let count = min(open.count, candidates.count)
        for (slot, item) in zip(open, candidates) {
            draft.photos.append(PhotoSelection(slot: slot, path: item.path, size: item.size, captureTime: item.captureTime))
        }
        draft.photos.sort { slotOrder($0.slot) < slotOrder($1.slot) }
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        state.notice = Notice("Suggested \(count) photo\(count == 1 ? "" : "s") by capture time: check them; x removes one.", role: .ok)
        return [.saveDraft(draft)]
    }

    // MARK: view

    /// Where each part of the photos screen goes for a body size.
    struct Layout {
        var listBox: Rect
        var list: Rect
        var preview: Rect?
        var checklistBox: Rect
        var diagram: (x: Int, y: Int)?

        init(size: Size) {
            let body = Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
            let rightWidth = body.width < 80 ? 30 : max(34, min(44, body.width * 2 / 5))
            let (left, right) = body.splitColumns(body.width - rightWidth)
            let previewHeight = body.height >= 19 ? (body.height >= 30 ? 12 : 8) : 0
            let (top, bottom) = left.splitRows(left.height - previewHeight)
            listBox = top
            list = top.inset(1)
            preview = previewHeight > 0 ? bottom : nil
            let checklistHeight = min(right.height, CoverageSlot.allCases.count + 2)
            checklistBox = Rect(x: right.x, y: right.y, width: right.width, height: checklistHeight)
            let room = right.height - checklistHeight
            diagram = room >= CarDiagram.size.height
                ? (right.x + (right.width - CarDiagram.size.width) / 2, right.y + checklistHeight + min(1, room - CarDiagram.size.height))
                : nil
        }
    }

    static func draw(_ state: AppState, into screen: inout Screen, size: Size) {
        let options = state.options
        let glyphs = options.glyphs
        let layout = Layout(size: size)
        let photos = state.photos
        let draft = state.draft
        let relative = photos.folder.hasPrefix(state.inboxRoot) ? String(photos.folder.dropFirst(state.inboxRoot.count)) : photos.folder
        let boxTitle = "Inbox" + (relative.isEmpty ? "" : " " + SafeText.escape(relative))
        let position = photos.list.count > 0 ? " \(photos.list.selected + 1)/\(photos.list.count)" : ""
        let inboxFocused = photos.focus == .inbox
        screen.box(layout.listBox, title: boxTitle + position, glyphs: glyphs,
                   style: inboxFocused ? .role(.focus, bold: true) : .role(.muted))
        let list = layout.list
        if photos.scanning && photos.items.isEmpty {
            screen.put("Reading the folder" + glyphs.ellipsis, x: list.x + 1, y: list.y, maxWidth: list.width - 1, style: .role(.muted))
        } else if let error = photos.scanError {
            for (i, line) in TextWidth.wrap("Cannot list the folder: " + error, to: list.width - 1, lines: list.height,
                                             ellipsis: glyphs.ellipsis).enumerated() {
                screen.put(line, x: list.x + 1, y: list.y + i, style: .role(.error, bold: true))
            }
        } else if photos.items.isEmpty {
            let message = "The inbox is empty: copy photos into " + SafeText.escape(state.inboxRoot)
            for (i, line) in TextWidth.wrap(message, to: list.width - 1, lines: list.height, ellipsis: glyphs.ellipsis).enumerated() {
                screen.put(line, x: list.x + 1, y: list.y + i, style: .role(.muted))
            }
        } else if photos.list.count == 0 {
            screen.put("Nothing matches; Esc clears the filter.", x: list.x + 1, y: list.y, maxWidth: list.width - 1, style: .role(.muted))
        } else {
            let usedBy = Dictionary(draft?.photos.map { ($0.path, $0.slot) } ?? [], uniquingKeysWith: { a, _ in a })
            let timeWidth = 12
            // Narrow lists drop the size column before the name gets too short.
            let sizeWidth = list.width >= 40 ? 8 : 0
            // The pointer alone marks the row (no highlight bar), so a one-row move rewrites two cells, not two lines.
            photos.list.draw(into: &screen, rect: list, glyphs: glyphs, focused: inboxFocused, highlightWidth: 0) {
                screen, index, line, isSelected in
                let item = photos.items[index]
                let nameWidth = line.width - 3 - sizeWidth - timeWidth - 2
                // Column 0 points at the highlighted row (visible without colour), column 1 marks used or unusable files.
                if isSelected {
                    screen.put(glyphs.pointer, x: line.x, y: line.y, style: .role(.focus, bold: true))
                }
                let markX = line.x + 1
                var x = line.x + 3
                if item.isDirectory {
                    let name = item.name == ".." ? ".. (up)" : SafeText.escape(item.name) + "/"
                    screen.put(glyphs.folder, x: markX, y: line.y, style: .role(.focus, bold: true))
                    screen.put(TextWidth.truncate(name, to: line.width - 3 - timeWidth - 1, ellipsis: glyphs.ellipsis),
                               x: x, y: line.y, style: .role(.focus, bold: true))
                    if item.name != ".." {
                        screen.put(TextWidth.rightAligned("folder", to: timeWidth + sizeWidth + 1),
                                   x: line.maxX - timeWidth - sizeWidth - 1, y: line.y, style: .role(.muted))
                    }
                    return
                }
                let arriving = photos.arriving.contains(item.path)
                let sentWith = usedBy[item.path] == nil ? photos.sentWith[item.path] : nil
                let problem = arriving ? "arriving" : item.problem ?? usedBy[item.path].map(\.title)
                let usable = item.problem == nil && !arriving
                if usedBy[item.path] != nil {
                    screen.put(glyphs.check, x: markX, y: line.y, style: .role(.ok, bold: true))
                } else if !usable {
                    screen.put(glyphs.cross, x: markX, y: line.y, style: .role(.error, bold: true))
                }
                screen.put(TextWidth.truncate(SafeText.escape(item.name), to: max(1, nameWidth), ellipsis: glyphs.ellipsis),
                           x: x, y: line.y, style: usable ? .normal : .role(.muted))
                x = line.maxX - sizeWidth - timeWidth - 1
                if let sentWith, problem == nil {
                    // Sent before: the case id takes the size and time columns.
                    let text = TextWidth.truncate("sent " + SafeText.escape(sentWith), to: sizeWidth + 1 + timeWidth, ellipsis: glyphs.ellipsis)
                    screen.put(TextWidth.rightAligned(text, to: sizeWidth + 1 + timeWidth), x: x, y: line.y, style: .role(.muted))
                    return
                }
                if sizeWidth > 0 {
                    screen.put(TextWidth.rightAligned(Format.bytes(item.size), to: sizeWidth), x: x, y: line.y, style: .role(.muted))
                }
                x += sizeWidth + 1
                if let problem {
                    screen.put(TextWidth.truncate(problem, to: timeWidth, ellipsis: glyphs.ellipsis), x: x, y: line.y,
                               style: .role(arriving ? .warn : usable ? .ok : .error, bold: !usable))
                } else {
                    screen.put(Format.shortDateTime(item.shownTime, in: state.timeZone), x: x, y: line.y,
                               style: .role(item.captureTime == nil ? .muted : .normal))
                }
            }
        }
        if let preview = layout.preview { drawPreview(state, into: &screen, rect: preview) }

        // Right: checklist and car.
        let covered = Set(draft?.photos.map(\.slot) ?? [])
        let count = CoverageSlot.walkAround.filter(covered.contains).count
        screen.box(layout.checklistBox, title: "Coverage \(count)/8", glyphs: glyphs,
                   style: inboxFocused ? .role(.muted) : .role(.focus, bold: true))
        CoverageChecklist.draw(photos: draft?.photos ?? [], highlighted: photos.slotIndex, focused: !inboxFocused,
                               into: &screen, rect: layout.checklistBox.inset(1), options: options)
        if let at = layout.diagram {
            CarDiagram.draw(covered: covered, into: &screen, x: at.x, y: at.y, options: options)
        }
    }

    static func drawPreview(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        screen.box(rect, title: "Preview", glyphs: glyphs, style: .role(.muted))
        let inner = rect.inset(1)
        guard let item = state.photos.highlighted, !inner.isEmpty else { return }
        if item.isDirectory {
            screen.put("Folder: Enter opens it.", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: .role(.muted))
            return
        }
        var textX = inner.x + 1
        var lines: [(String, CellStyle)] = [(SafeText.escape(item.name), .role(.normal, bold: true))]
        if let problem = item.problem {
            lines.append(("Cannot be sent: " + problem, .role(.error, bold: true)))
        }
        switch state.photos.facts[item.path] {
        case .loaded(let facts):
            if state.options.color, let thumbnail = facts.thumbnail, inner.height >= 3 {
                let columns = min(inner.width / 3, inner.height * 2 * 4 / 3)
                let drawn = Thumbnails.draw(thumbnail, into: &screen, x: inner.x + 1, y: inner.y, columns: columns, rows: inner.height,
                                             ascii: state.options.ascii)
                textX = inner.x + 2 + drawn
            }
            var sizeLine = Format.bytes(facts.size)
            if let w = facts.pixelWidth, let h = facts.pixelHeight { sizeLine = "\(w)\(glyphs.times)\(h) px, " + sizeLine }
            lines.append((sizeLine, .normal))
            lines.append((facts.captureTime.map { "Taken " + Format.dateTime($0, in: state.timeZone) } ?? "No capture time", .normal))
            if let verdict = facts.sharpnessVerdict, let score = facts.blurScore {
                lines.append(("Sharpness: \(verdict) (\(Int(score)))", verdict == "sharp" ? .role(.ok) : .role(.warn, bold: true)))
            }
            if let verdict = facts.exposureVerdict, let value = facts.exposure {
                lines.append(("Exposure: \(verdict) (\(Int(value)))", verdict == "ok" ? .role(.ok) : .role(.warn, bold: true)))
            }
        case .failed(let reason):
            lines.append(("Cannot read: " + reason, .role(.error, bold: true)))
        case .loading:
            lines.append(("Reading" + glyphs.ellipsis, .role(.muted)))
        case nil:
            lines.append((Format.bytes(item.size), .normal))
        }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            screen.put(TextWidth.truncateAtWord(line.0, to: inner.maxX - textX, ellipsis: glyphs.ellipsis), x: textX, y: inner.y + i,
                       style: line.1)
        }
    }
}
