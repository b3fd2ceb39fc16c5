import InspektCore

/// The `?` overlay: every key of the current screen, from the same table that dispatches them. When they do
/// not all fit, it shows them a page at a time (PgDn/PgUp), so that even at the smallest size none is left out.
public enum HelpOverlay {
    /// Keys that turn the pages while help shows; any other key closes it.
    static let nextPage: [Key] = [.pageDown, .character(" "), .down, .character("j")]
    static let previousPage: [Key] = [.pageUp, .up, .character("k")]

    struct Layout {
        var keyWidth: Int
        var labelWidth: Int
        var cellWidth: Int
        var columns: Int
        var rows: Int
        var pages: Int
        var perPage: Int { columns * rows }
    }

    static func layout(_ hints: [KeyHint], size: Size) -> Layout {
        let keyWidth = min(18, hints.map { TextWidth.width(of: $0.helpLabel) }.max() ?? 4)
        let labelWidth = min(max(10, size.width - keyWidth - 6),
                             hints.map { TextWidth.width(of: $0.label) + ($0.enabled ? 0 : 6) }.max() ?? 10)
        let cellWidth = keyWidth + 1 + labelWidth + 2
        // Box, the closing line and the page line take five rows; the title bar and footer stay visible.
        let maxRows = max(1, size.height - 7)
        // Too many keys for one column: spread them over as many as the width allows.
        let fitting = max(1, (size.width - 2) / cellWidth)
        let columns = min(fitting, max(1, (hints.count + maxRows - 1) / maxRows))
        let rows = min(maxRows, max(1, (hints.count + columns - 1) / columns))
        let pages = max(1, (hints.count + columns * rows - 1) / (columns * rows))
        return Layout(keyWidth: keyWidth, labelWidth: labelWidth, cellWidth: cellWidth, columns: columns, rows: rows, pages: pages)
    }

    /// How many pages the keys take at this size.
    static func pages(_ hints: [KeyHint], size: Size) -> Int { layout(hints, size: size).pages }

    public static func draw(title: String, hints: [KeyHint], page: Int = 0, into screen: inout Screen, options: RenderOptions) {
        let glyphs = options.glyphs
        let layout = layout(hints, size: screen.size)
        let page = max(0, min(page, layout.pages - 1))
        let closingWidth = layout.pages > 1 ? TextWidth.width(of: "PgDn more keys, any other key closes") + 4 : 30
        let width = min(screen.size.width, max(closingWidth, layout.columns * layout.cellWidth + 2))
        let height = layout.rows + 4
        guard width > 10, height > 4 else { return }
        let rect = Rect(x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width, height: height)
        screen.fill(rect)
        let pageNote = layout.pages > 1 ? " (\(page + 1)/\(layout.pages))" : ""
        screen.box(rect, title: "Keys: " + title + pageNote, glyphs: glyphs, style: .role(.focus, bold: true))
        let shown = hints.dropFirst(page * layout.perPage).prefix(layout.perPage)
        for (i, hint) in shown.enumerated() {
            let x = rect.x + 2 + (i / layout.rows) * layout.cellWidth
            let y = rect.y + 1 + i % layout.rows
            let style: CellStyle = hint.enabled ? .normal : .role(.muted)
            screen.put(TextWidth.fit(hint.helpLabel, to: layout.keyWidth), x: x, y: y, maxWidth: layout.keyWidth,
                       style: hint.enabled ? .role(.focus, bold: true) : .role(.muted))
            let label = hint.enabled ? hint.label : hint.label + " (n/a)"
            let room = min(layout.labelWidth, rect.maxX - x - layout.keyWidth - 2)
            screen.put(TextWidth.truncateAtWord(label, to: room, ellipsis: glyphs.ellipsis), x: x + layout.keyWidth + 1, y: y,
                       maxWidth: room, style: style)
        }
        var closing = "any key closes"
        if layout.pages > 1 {
            closing = page + 1 < layout.pages ? "PgDn more keys, any other key closes" : "PgUp back, any other key closes"
        }
        screen.put(TextWidth.truncateAtWord(closing, to: width - 4, ellipsis: glyphs.ellipsis), x: rect.x + 2, y: rect.maxY - 2,
                   maxWidth: width - 4, style: .role(.muted))
    }
}
