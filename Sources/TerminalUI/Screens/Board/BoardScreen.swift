import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// The board (home): every inspection on this kiosk and where it stands.
public enum BoardScreen {
    public enum Action: Sendable, Hashable {
        case move(ListMove), open, new, retry, filter, quit, archive, showArchived, history, compare, wholeFleet
    }

    static func selected(_ state: AppState) -> Inspection? {
        state.board.list.selectedSource.flatMap { state.boardRow($0) }
    }

    /// The board's one key table.
    public static let keymap = Keymap<Action>(
        "title.board",
        ListKeys.bindings { Action.move($0) } + [
            KeyBinding([.character("n")], "n", "key.new-case", .new, rank: .goOn, changesData: true),
            KeyBinding([.enter], "Enter", "key.open", .open, rank: .main, when: { selected($0) != nil }),
            // Not in the footer: the failed row itself says "press r", and a hint that came and went with the
            // highlight would repaint the footer on a one-row move (issue 12: at most 30 bytes per move).
            KeyBinding(
                [.character("r")], "r", "key.retry-upload", .retry, footer: false, changesData: true,
                when: {
                    [.failedRetryable, .mayHaveBeenAccepted].contains(selected($0)?.state ?? .draft)
                        || selected($0)?.isInterruptedUpload == true
                }),
            KeyBinding([.character("/")], "/", "key.filter", .filter),
            KeyBinding(
                [.character("v")], "v", "key.vehicle-history", .history, footer: false,
                when: { HistoryUpdate.hasVehicle(selected($0)) }),
            KeyBinding(
                [.character("c")], "c", "key.compare-with-earlier", .compare, footer: false, changesData: true,
                when: { HistoryUpdate.canCompare(selected($0)) }),
            KeyBinding(
                [.character("a")], "a", "key.archive", .archive, footer: false, changesData: true,
                when: { selected($0).map { $0.archivedAt == nil && !$0.state.isUnfinishedUpload } ?? false }),
            KeyBinding(
                [.character("a")], "a", "key.restore-from-archive", .archive, footer: false, changesData: true,
                when: { selected($0)?.archivedAt != nil }),
            KeyBinding(
                [.character("A")], "A", "key.show-archived", .showArchived, footer: false,
                when: { !$0.board.showArchived }),
            KeyBinding(
                [.character("A")], "A", "key.hide-archived", .showArchived, footer: false,
                when: { $0.board.showArchived }),
            // Fleet mode only (a shared database); one line in help either way.
            KeyBinding(
                [.character("K")], "K", "key.whole-fleet-this-kiosk", .wholeFleet, footer: false,
                when: { $0.boardIsFleet }),
            KeyBinding([.character("q")], "q", "key.quit", .quit, rank: .goOn),
        ])

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if state.board.list.filtering {
            if let commands = handleFilterKey(key, &state) { return commands }
        }
        guard let action = keymap.action(for: key, in: state) else { return [] }
        let page = pageHeight(state.size)
        switch action {
        case .move(let move): ListKeys.move(&state.board.list, move, page: page)
        case .filter: state.board.list.filtering = true
        case .quit: return AppUpdate.requestQuit(&state)
        case .new: return AppUpdate.startNewCase(&state)
        case .retry:
            guard let inspection = selected(state) else { return [] }
            state.notice = Notice(
                state.options.words("notice.retrying-case", ["case": SafeText.escape(inspection.facts.caseID)]),
                role: .ok)
            return [.retry(id: inspection.id)]
        case .open:
            guard let inspection = selected(state) else { return [] }
            return AppUpdate.open(inspection, &state)
        case .history:
            guard let inspection = selected(state) else { return [] }
            return HistoryUpdate.openHistory(of: inspection, &state)
        case .compare:
            guard let inspection = selected(state) else { return [] }
            return ComparePickScreen.open(after: inspection, from: .board, &state)
        case .archive:
            guard let inspection = selected(state) else { return [] }
            let archive = inspection.archivedAt == nil
            let now = state.now
            state.modifyInspection(id: inspection.id) { $0.archivedAt = archive ? now : nil }
            let caseID = SafeText.escape(inspection.facts.caseID)
            state.notice = Notice(
                state.options.words(archive ? "notice.archived" : "notice.restored", ["case": caseID]),
                role: .ok)
            return [.setArchived(id: inspection.id, archived: archive)]
        case .showArchived:
            state.board.showArchived.toggle()
            state.refilterBoard()
            let count = state.archivedCount
            state.notice = Notice(
                state.board.showArchived
                    ? state.options.words("notice.archived.showing", count: count)
                    : state.options.words("notice.archived.hidden"))
        case .wholeFleet:
            state.toggleWholeFleet()
            state.notice = Notice(
                state.board.wholeFleet
                    ? state.options.words("notice.fleet.whole")
                    : state.options.words("notice.fleet.kiosk"))
        }
        return []
    }

    /// Keys while the filter line is typed; nil lets the key reach the table (moving, opening).
    static func handleFilterKey(_ key: Key, _ state: inout AppState) -> [Command]? {
        switch FilterLine.handle(key, &state.board.list) {
        case .changed: state.refilterBoard()
        case .unchanged: break
        case .passOn: return nil
        }
        return []
    }

    static func pageHeight(_ size: Size) -> Int { max(1, size.height - 4) }

    // MARK: view

    /// The state of an inspection in words, with a glyph and a role, so it reads without colour. A read-only
    /// board names no key that would change it ("press r").
    public static func stateText(
        _ inspection: Inspection, tracking: UploadTracking?, now: Date, glyphs: Glyphs, readOnly: Bool = false,
        words: Localizer = Languages.english
    )
        -> (glyph: String, text: String, role: StyleRole)
    {
        let ascii = glyphs == .ascii
        let dash = " " + glyphs.dash + " "
        if let retryAt = tracking?.retryAt, retryAt > now,
            [.ready, .uploading, .failedRetryable].contains(inspection.state)
        {
            let reason = tracking?.retryReason.map { ": " + SafeText.escape($0) } ?? ""
            let wait = words.duration(retryAt.timeIntervalSince(now))
            return ("!", words("state.failed") + dash + words("state.failed.retry-in", ["wait": wait]) + reason, .warn)
        }
        switch inspection.state {
        case .draft:
            return (glyphs.bullet, words("state.draft"), .muted)
        case .ready:
            return (ascii ? "o" : "○", words("state.ready"), .warn)
        case .uploading where inspection.isInterruptedUpload:
            // Its process is gone (killed, Ctrl-C): nothing moves until someone continues it.
            return (
                "!", words("state.interrupted") + (readOnly ? "" : dash + words("state.interrupted.continue")), .warn
            )
        case .uploading:
            let fraction = tracking?.progress?.fraction ?? inspection.uploadFraction ?? 0
            return (glyphs.arrowUp, words("state.uploading", ["percent": words.percent(fraction)]), .warn)
        case .processing:
            return (glyphs.ellipsis, words("state.processing"), .focus)
        case .available:
            let parts = inspection.result?.damagedPartCount ?? 0
            // A comparison's result lists only the damage that is new since the earlier inspection.
            let found =
                parts == 0
                ? words(inspection.compared == nil ? "state.available.clean" : "state.available.no-new-damage")
                : words(
                    inspection.compared == nil ? "state.available.parts" : "state.available.new-parts", count: parts)
            // Green only for a clean car: damage found is something to look at, not good news.
            return (glyphs.check, words("state.available") + dash + found, parts == 0 ? .ok : .warn)
        case .rejected:
            let reason = inspection.result?.message ?? inspection.failureReason ?? words("state.rejected.no-reason")
            return (glyphs.cross, words("state.rejected") + dash + SafeText.escape(reason), .error)
        case .failedRetryable:
            let reason = inspection.failureReason.map { ": " + SafeText.escape($0) } ?? ""
            return (
                "!", words("state.failed") + (readOnly ? reason : dash + words("state.failed.press-r") + reason), .error
            )
        case .mayHaveBeenAccepted:
            let next = readOnly ? "" : words("state.may-have-been-accepted.ask-again")
            return (
                "?", words("state.may-have-been-accepted") + dash + words("state.may-have-been-accepted.check") + next,
                .warn
            )
        }
    }

    struct Columns {
        var caseID: Int, vehicle: Int, photos = 6, state: Int, age = 4
        init(width: Int) {
            caseID = min(28, max(12, width / 5))
            vehicle = min(22, max(9, width * 3 / 20))
            state = max(8, width - 2 - caseID - 1 - vehicle - 1 - photos - 1 - 1 - age)
        }
    }

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        let columns = Columns(width: rect.width)
        func row(
            _ screen: inout Screen, y: Int, marker: String, caseID: String, vehicle: String, photos: String,
            stateText: String, age: String, style: CellStyle, stateStyle: CellStyle
        ) {
            var x = rect.x
            x += screen.put(marker, x: x, y: y, maxWidth: 2, style: marker.isEmpty ? style : CellStyle(bold: true))
            x = rect.x + 2
            screen.put(
                TextWidth.truncate(caseID, to: columns.caseID, ellipsis: glyphs.ellipsis), x: x, y: y, style: style)
            x += columns.caseID + 1
            screen.put(
                TextWidth.truncate(vehicle, to: columns.vehicle, ellipsis: glyphs.ellipsis), x: x, y: y, style: style)
            x += columns.vehicle + 1
            screen.put(TextWidth.rightAligned(photos, to: columns.photos), x: x, y: y, style: style)
            x += columns.photos + 1
            screen.put(
                TextWidth.truncateAtWord(stateText, to: columns.state, ellipsis: glyphs.ellipsis), x: x, y: y,
                style: stateStyle)
            x += columns.state + 1
            screen.put(TextWidth.rightAligned(age, to: columns.age), x: x, y: y, style: style)
        }
        let header = CellStyle(role: .muted, bold: true, underline: true)
        screen.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: header)
        row(
            &screen, y: rect.y, marker: "", caseID: words("board.column.case"), vehicle: words("board.column.vehicle"),
            photos: words("board.column.photos"), stateText: words("board.column.state"),
            age: words("board.column.age"),
            style: header, stateStyle: header)
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        if state.boardTotal == 0 {
            var text =
                state.loaded ? words("board.empty") : words("board.loading") + glyphs.ellipsis
            // Never read (a board started while the fleet database is down): nothing says there are none.
            if state.outage != nil, state.window?.stale == true {
                text = words("board.empty.database-away")
            }
            screen.put(text, x: rect.x + 2, y: listRect.y + 1, maxWidth: rect.width - 4, style: .role(.muted))
            return
        }
        if state.board.list.count == 0, state.board.list.filter.text.isEmpty {
            screen.put(
                words("board.empty.all-archived"),
                x: rect.x + 2, y: listRect.y + 1, maxWidth: rect.width - 4, style: .role(.muted))
            return
        }
        if state.board.list.count == 0 {
            screen.put(
                words("board.empty.no-match", ["filter": SafeText.escape(state.board.list.filter.text)]),
                x: rect.x + 2, y: listRect.y + 1, maxWidth: rect.width - 4, style: .role(.muted))
            return
        }
        // The highlight is the bold pointer alone: it marks the row without colour, and a one-row move
        // rewrites one cell on each of two lines (over a slow link, bytes per key are latency).
        state.board.list.draw(into: &screen, rect: listRect, glyphs: glyphs, highlightWidth: 0) {
            screen, index, line, isSelected in
            guard let inspection = state.boardRow(index) else { return }
            let shown = stateText(
                inspection, tracking: state.uploads[inspection.id], now: state.now, glyphs: glyphs,
                readOnly: state.readOnly, words: words)
            var caseID =
                inspection.facts.caseID.isEmpty ? words("board.row.no-case") : SafeText.escape(inspection.facts.caseID)
            // The whole fleet: each row led by the kiosk that captured it.
            if state.board.wholeFleet {
                caseID = SafeText.escape(inspection.kiosk ?? "?") + " " + glyphs.separator + " " + caseID
            }
            row(
                &screen, y: line.y, marker: isSelected ? glyphs.pointer : "", caseID: caseID,
                vehicle: SafeText.escape(inspection.facts.vehicle),
                photos: inspection.compared == nil ? "\(inspection.coveredRequired)/8" : "-",
                stateText: shown.glyph + " " + (inspection.compared == nil ? "" : words("board.row.compare"))
                    + (inspection.archivedAt == nil ? "" : words("board.row.archived")) + shown.text,
                age: words.age(from: inspection.createdAt, to: state.now),
                style: .normal, stateStyle: .role(shown.role, bold: shown.role == .error))
        }
    }

    /// The right side of the title bar: counts.
    static func summary(_ state: AppState) -> String {
        let words = state.options.words
        let total = state.boardTotal
        if !state.loaded && total > 0 {
            return words("board.summary.loading", count: total) + state.options.glyphs.ellipsis
        }
        var text = words(state.board.wholeFleet ? "board.summary.fleet" : "board.summary.kiosk", count: total)
        let list = state.board.list
        if !list.filter.text.isEmpty {
            text = words("board.summary.matching", ["matching": words.number(list.count), "total": text])
        }
        if state.archivedCount > 0, !state.board.showArchived {
            text += words("board.summary.archived", count: state.archivedCount)
        }
        return text
    }
}
