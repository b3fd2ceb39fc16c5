import InspektCore
import InspektLanguage

/// The `?` overlay: every key of the current screen, from the same table that dispatches them. When they do
/// not all fit, it shows them a page at a time (PgDn/PgUp), so that even at the smallest size none is left out.
public enum HelpOverlay {
    /// Keys that turn the pages while help shows; any other key closes it.
    static let nextPage: [Key] = [.pageDown, .character(" "), .down, .character("j")]
    static let previousPage: [Key] = [.pageUp, .up, .character("k")]

    struct Layout {
        var columns: Int
        var rows: Int
        var pages: Int
        /// Key and description width of each column, at its widest over the pages.
        var keyWidths: [Int]
        var labelWidths: [Int]
        var perPage: Int { columns * rows }
        /// The columns' width side by side (two spaces after each).
        var width: Int { zip(keyWidths, labelWidths).reduce(0) { $0 + $1.0 + 1 + $1.1 + 2 } }
    }

    static func labelText(_ hint: KeyHint, _ words: Localizer) -> String {
        hint.enabled ? hint.label : words("help.unavailable", ["label": hint.label])
    }

    /// The fewest pages, then the fewest columns, that fit: each column as wide as its own keys and descriptions.
    static func layout(_ hints: [KeyHint], size: Size, words: Localizer) -> Layout {
        // Box, the closing line and the page line take five rows; the title bar and footer stay visible.
        let maxRows = max(1, size.height - 7)
        let room = size.width - 4
        var best: Layout?
        for columns in 1...max(1, min(4, hints.count)) {
            let rows = min(maxRows, max(1, (hints.count + columns - 1) / columns))
            let pages = max(1, (hints.count + columns * rows - 1) / (columns * rows))
            var keyWidths = Array(repeating: 0, count: columns)
            var labelWidths = Array(repeating: 0, count: columns)
            for (i, hint) in hints.enumerated() {
                let column = (i % (columns * rows)) / rows
                keyWidths[column] = max(keyWidths[column], min(18, TextWidth.width(of: hint.helpLabel)))
                labelWidths[column] = max(labelWidths[column], TextWidth.width(of: labelText(hint, words)))
            }
            let layout = Layout(
                columns: columns, rows: rows, pages: pages, keyWidths: keyWidths, labelWidths: labelWidths)
            guard layout.width <= room || columns == 1 else { continue }
            if best.map({ pages < $0.pages }) ?? true { best = layout }
        }
        return best ?? Layout(columns: 1, rows: maxRows, pages: 1, keyWidths: [4], labelWidths: [10])
    }

    /// How many pages the keys take at this size.
    static func pages(_ hints: [KeyHint], size: Size, words: Localizer) -> Int {
        layout(hints, size: size, words: words).pages
    }

    public static func draw(
        title: String, hints: [KeyHint], page: Int = 0, into screen: inout Screen, options: RenderOptions
    ) {
        let glyphs = options.glyphs
        let words = options.words
        let layout = layout(hints, size: screen.size, words: words)
        let page = max(0, min(page, layout.pages - 1))
        let closingWidth = layout.pages > 1 ? TextWidth.width(of: words("help.more")) + 4 : 30
        let width = min(screen.size.width, max(closingWidth, layout.width + 2))
        let height = layout.rows + 4
        guard width > 10, height > 4 else { return }
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        let pageNote = layout.pages > 1 ? " (\(page + 1)/\(layout.pages))" : ""
        screen.box(
            rect, title: words("help.title", ["screen": title]) + pageNote, glyphs: glyphs,
            style: .role(.focus, bold: true))
        let shown = hints.dropFirst(page * layout.perPage).prefix(layout.perPage)
        for (i, hint) in shown.enumerated() {
            let column = i / layout.rows
            let keyWidth = layout.keyWidths[column]
            let x = rect.x + 2 + (0..<column).reduce(0) { $0 + layout.keyWidths[$1] + 1 + layout.labelWidths[$1] + 2 }
            let y = rect.y + 1 + i % layout.rows
            screen.put(
                TextWidth.fit(hint.helpLabel, to: keyWidth), x: x, y: y, maxWidth: keyWidth,
                style: hint.enabled ? .role(.focus, bold: true) : .role(.muted))
            let room = min(layout.labelWidths[column], rect.maxX - x - keyWidth - 2)
            screen.put(
                TextWidth.truncateAtWord(labelText(hint, words), to: room, ellipsis: glyphs.ellipsis),
                x: x + keyWidth + 1,
                y: y,
                maxWidth: room, style: hint.enabled ? .normal : .role(.muted))
        }
        var closing = words("help.close")
        if layout.pages > 1 { closing = page + 1 < layout.pages ? words("help.more") : words("help.back") }
        screen.put(
            TextWidth.truncateAtWord(closing, to: width - 4, ellipsis: glyphs.ellipsis), x: rect.x + 2,
            y: rect.maxY - 2,
            maxWidth: width - 4, style: .role(.muted))
    }
}
