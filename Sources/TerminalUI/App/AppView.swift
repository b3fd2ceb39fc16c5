import InspektCore

/// Draws the state into a grid of cells: pure, and only the visible rows are formatted.
public func view(_ state: AppState, size: Size) -> Screen {
    AppView.view(state, size: size)
}

/// The view function's parts: title bar, the current screen, the message line, the footer, overlays.
enum AppView {
    static func view(_ state: AppState, size: Size) -> Screen {
        var screen = Screen(size: size)
        guard size.width > 0, size.height > 0 else { return screen }
        if AppUpdate.isTooSmall(size) {
            drawTooSmall(into: &screen, options: state.options)
            return screen
        }
        let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
        drawTitle(state, into: &screen)
        switch state.route {
        case .board: BoardScreen.draw(state, into: &screen, rect: body)
        case .caseEntry: CaseEntryScreen.draw(state, into: &screen, rect: body)
        case .photos: PhotosScreen.draw(state, into: &screen, size: size)
        case .review: ReviewScreen.draw(state, into: &screen, rect: body)
        case .upload(let id): UploadScreen.draw(state, id: id, into: &screen, rect: body)
        case .detail(let id): DetailScreen.draw(state, id: id, into: &screen, rect: body)
        case .history: HistoryScreen.draw(state, into: &screen, rect: body)
        case .comparePick: ComparePickScreen.draw(state, into: &screen, rect: body)
        case .comparison(let id): ComparisonScreen.draw(state, id: id, into: &screen, rect: body)
        }
        drawMessageLine(state, into: &screen, y: size.height - 2)
        var footer = hints(state).hints
        if state.route == .board, state.overlay == nil, !state.board.list.filtering { footer = BoardScreen.footerOrder(footer) }
        Footer.draw(footer, into: &screen, y: size.height - 1)
        switch state.overlay {
        case .help:
            let current = hints(state)
            screen.cursor = nil
            HelpOverlay.draw(title: current.title, hints: current.hints, into: &screen, options: state.options)
        case .confirm(let dialog):
            screen.cursor = nil
            dialog.draw(into: &screen, options: state.options)
        case nil:
            break
        }
        return screen
    }

    /// The key table in force now: the screen's, or the filter line's, or the reason dialog's; then
    /// the keys every screen handles, so that help lists each key that does something.
    static func hints(_ state: AppState) -> (title: String, hints: [KeyHint]) {
        if case .confirm(let dialog) = state.overlay {
            return (dialog.title, dialog.choices.map { KeyHint(keyLabel: String($0.key), label: $0.label) })
        }
        let table = screenHints(state)
        return (table.title, table.hints + (table.editsText ? KeyHint.textEditing : []) + KeyHint.global)
    }

    static func screenHints(_ state: AppState) -> (title: String, hints: [KeyHint], editsText: Bool) {
        switch state.route {
        case .board:
            if state.board.list.filtering { return ("Filter", filterHints, true) }
            return (BoardScreen.keymap.title, BoardScreen.keymap.hints(in: state), false)
        case .caseEntry: return (CaseEntryScreen.keymap.title, CaseEntryScreen.keymap.hints(in: state), true)
        case .photos:
            if state.photos.list.filtering { return ("Filter", filterHints, true) }
            return (PhotosScreen.keymap.title, PhotosScreen.keymap.hints(in: state).reduce(into: []) { out, hint in
                // The eight digit bindings show as one line.
                if hint.keyLabel == "1-8" {
                    if out.contains(where: { $0.keyLabel == "1-8" }) { return }
                    var merged = hint
                    merged.helpLabel = "1-8"
                    out.append(merged)
                    return
                }
                out.append(hint)
            }, false)
        case .review:
            if state.review.askingReason {
                return (ReviewScreen.reasonKeymap.title, ReviewScreen.reasonKeymap.hints(in: state), true)
            }
            return (ReviewScreen.keymap.title, ReviewScreen.keymap.hints(in: state), false)
        case .upload: return (UploadScreen.keymap.title, UploadScreen.keymap.hints(in: state), false)
        case .detail: return (DetailScreen.keymap.title, DetailScreen.keymap.hints(in: state), false)
        case .history: return (HistoryScreen.keymap.title, HistoryScreen.keymap.hints(in: state), false)
        case .comparePick: return (ComparePickScreen.keymap.title, ComparePickScreen.keymap.hints(in: state), false)
        case .comparison: return (ComparisonScreen.keymap.title, ComparisonScreen.keymap.hints(in: state), false)
        }
    }

    static let filterHints = [
        KeyHint(keyLabel: "type", label: "to filter"),
        KeyHint(keyLabel: "Enter", label: "keep filter", keys: [.enter]),
        KeyHint(keyLabel: "Esc", label: "clear filter", keys: [.escape]),
        KeyHint(keyLabel: "Up/Down", label: "move", keys: [.up, .down, .pageUp, .pageDown]),
    ]

    static func drawTooSmall(into screen: inout Screen, options: RenderOptions) {
        let need = "(need \(minimumScreenSize.width)\(options.glyphs.times)\(minimumScreenSize.height))"
        let full = "terminal too small " + need
        let lines = TextWidth.width(of: full) <= screen.size.width ? [full] : TextWidth.wrap(full, to: screen.size.width)
        let top = max(0, (screen.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (screen.size.width - TextWidth.width(of: line)) / 2)
            screen.put(line, x: x, y: top + i, style: .role(.warn, bold: true))
        }
    }

    static func drawTitle(_ state: AppState, into screen: inout Screen) {
        let width = screen.size.width
        let style = CellStyle(role: .title, bold: true, reverse: true)
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: style)
        let glyphs = state.options.glyphs
        var title = " inspekt " + glyphs.separator + " "
        switch state.route {
        case .board: title += "Board"
        case .caseEntry: title += "New case"
        case .photos: title += "Photos"
        case .review: title += "Review"
        case .upload: title += "Upload"
        case .detail: title += "Detail"
        case .history: title += "Vehicle history"
        case .comparePick: title += "Compare with"
        case .comparison: title += "Comparison"
        }
        if let draft = state.draft, [.caseEntry, .photos, .review].contains(state.route), !draft.facts.caseID.isEmpty {
            title += " " + glyphs.separator + " " + SafeText.escape(draft.facts.caseID)
            if !draft.facts.vehicle.isEmpty { title += " (" + SafeText.escape(draft.facts.vehicle) + ")" }
        }
        let used = screen.put(title, x: 0, y: 0, style: style)
        var right = ""
        switch state.route {
        case .board: right = BoardScreen.summary(state)
        case .photos, .review:
            let covered = state.draft?.coveredRequired ?? 0
            right = "\(covered)/8 covered"
        default: break
        }
        if let banner = state.banner, state.route == .board {
            let bannerText = SafeText.escape(banner)
            let room = width - used - TextWidth.width(of: right) - 4
            if room > 6 {
                let shown = TextWidth.truncate(bannerText, to: room, ellipsis: glyphs.ellipsis)
                screen.put(shown, x: used + 2, y: 0, style: CellStyle(role: .warn, bold: true, reverse: true))
            }
        }
        if !right.isEmpty {
            screen.put(right + " ", x: width - TextWidth.width(of: right) - 1, y: 0, style: style)
        }
    }

    static func drawMessageLine(_ state: AppState, into screen: inout Screen, y: Int) {
        let glyphs = state.options.glyphs
        let list: ListView?
        switch state.route {
        case .board: list = state.board.list
        case .photos: list = state.photos.list
        default: list = nil
        }
        if let list, list.filtering || !list.filter.text.isEmpty {
            let label = "Filter: "
            var x = screen.put(label, x: 1, y: y, style: .role(.focus, bold: true)) + 1
            let width = min(30, screen.size.width - x - 20)
            let cursor = list.filter.draw(into: &screen, x: x, y: y, width: width, focused: list.filtering)
            if list.filtering, state.overlay == nil { screen.cursor = (cursor, y) }
            x += width + 2
            screen.put("\(list.count) match\(list.count == 1 ? "" : "es")", x: x, y: y, style: .role(.muted))
            return
        }
        if let notice = state.notice {
            let mark: String
            switch notice.role {
            case .error: mark = glyphs.cross + " "
            case .ok: mark = glyphs.check + " "
            default: mark = ""
            }
            screen.put(TextWidth.truncateAtWord(mark + notice.text, to: screen.size.width - 2, ellipsis: glyphs.ellipsis), x: 1, y: y,
                       style: .role(notice.role, bold: notice.role == .error))
        }
    }
}
