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
        let entry = ScreenRegistry.entry(for: state.route)
        drawTitle(state, entry, into: &screen)
        entry.draw(state, &screen, body, size)
        drawMessageLine(state, entry, into: &screen, y: size.height - 2)
        Footer.draw(hints(state).hints, into: &screen, y: size.height - 1)
        switch state.overlay {
        case .help, .dialogHelp:
            let current = hints(state)
            screen.cursor = nil
            HelpOverlay.draw(
                title: current.title, hints: current.hints, page: state.helpPage, into: &screen, options: state.options)
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
    /// Their words in the operator's language.
    static func hints(_ state: AppState) -> (title: String, hints: [KeyHint]) {
        let words = state.options.words
        let (title, hints) = tableHints(state)
        return (words(title), hints.map { $0.inLanguage(words) })
    }

    static func tableHints(_ state: AppState) -> (title: String, hints: [KeyHint]) {
        switch state.overlay {
        case .confirm(let dialog):
            return (dialog.title, dialog.keymap.hints(in: state))
        case .dialogHelp(let dialog):
            return (dialog.title, dialog.keymap.hints(in: state) + KeyHint.global)
        case .help, nil:
            break
        }
        let table = ScreenRegistry.entry(for: state.route).keys(state)
        return (table.title, table.hints + (table.editsText ? KeyHint.textEditing : []) + KeyHint.global)
    }

    static func drawTooSmall(into screen: inout Screen, options: RenderOptions) {
        let need = "\(minimumScreenSize.width)\(options.glyphs.times)\(minimumScreenSize.height)"
        let full = options.words("screen.too-small", ["size": need])
        let lines =
            TextWidth.width(of: full) <= screen.size.width ? [full] : TextWidth.wrap(full, to: screen.size.width)
        let top = max(0, (screen.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (screen.size.width - TextWidth.width(of: line)) / 2)
            screen.put(line, x: x, y: top + i, style: .role(.warn, bold: true))
        }
    }

    static func drawTitle(_ state: AppState, _ entry: ScreenEntry, into screen: inout Screen) {
        let width = screen.size.width
        let style = CellStyle(role: .title, bold: true, reverse: true)
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: style)
        let glyphs = state.options.glyphs
        var title = " inspekt " + glyphs.separator + " " + state.options.words(entry.title)
        if let outage = state.outage {
            drawOutage(outage, title: title, into: &screen, style: style, options: state.options)
            return
        }
        if let draft = state.draft, [.caseEntry, .photos, .review].contains(state.route), !draft.facts.caseID.isEmpty {
            title += " " + glyphs.separator + " " + SafeText.escape(draft.facts.caseID)
            if !draft.facts.vehicle.isEmpty { title += " (" + SafeText.escape(draft.facts.vehicle) + ")" }
        }
        let right = entry.summary(state)
        // The counter on the right keeps its room: a long case id or vehicle is shortened, never written over.
        let titleRoom = width - (right.isEmpty ? 1 : TextWidth.width(of: right) + 3)
        let used = screen.put(
            TextWidth.truncate(title, to: titleRoom, ellipsis: glyphs.ellipsis), x: 0, y: 0, style: style)
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

    /// The database out of reach takes the title bar: its words whole, after the screen's name where that fits.
    static func drawOutage(
        _ outage: DatabaseReach, title: String, into screen: inout Screen, style: CellStyle, options: RenderOptions
    ) {
        let glyphs = options.glyphs
        let words = options.words("title.database-away", ["reason": outage.away ?? "", "dash": glyphs.dash])
        let width = screen.size.width
        let leads = [title + " " + glyphs.separator + " ", " inspekt " + glyphs.separator + " "]
        let lead = leads.first { TextWidth.width(of: $0) + TextWidth.width(of: words) < width } ?? " "
        let x = screen.put(lead, x: 0, y: 0, style: style)
        screen.put(
            TextWidth.truncate(words, to: width - x - 1, ellipsis: glyphs.ellipsis), x: x, y: 0,
            style: CellStyle(role: .warn, bold: true, reverse: true))
    }

    static func drawMessageLine(_ state: AppState, _ entry: ScreenEntry, into screen: inout Screen, y: Int) {
        let glyphs = state.options.glyphs
        if let list = entry.list(state), list.filtering || !list.filter.text.isEmpty {
            let label = state.options.words("filter.label") + " "
            var x = screen.put(label, x: 1, y: y, style: .role(.focus, bold: true)) + 1
            let width = min(30, screen.size.width - x - 20)
            let cursor = list.filter.draw(into: &screen, x: x, y: y, width: width, focused: list.filtering)
            if list.filtering, state.overlay == nil { screen.cursor = (cursor, y) }
            x += width + 2
            screen.put(state.options.words("filter.matches", count: list.count), x: x, y: y, style: .role(.muted))
            return
        }
        if let notice = state.notice {
            let mark: String
            switch notice.role {
            case .error: mark = glyphs.cross + " "
            case .ok: mark = glyphs.check + " "
            default: mark = ""
            }
            screen.put(
                TextWidth.truncateAtWord(mark + notice.text, to: screen.size.width - 2, ellipsis: glyphs.ellipsis),
                x: 1, y: y,
                style: .role(notice.role, bold: notice.role == .error))
        }
    }
}
