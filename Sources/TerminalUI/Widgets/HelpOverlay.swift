import InspektCore

/// The `?` overlay: every key of the current screen, from the same table that dispatches them.
public enum HelpOverlay {
    public static func draw(title: String, hints: [KeyHint], into screen: inout Screen, options: RenderOptions) {
        let glyphs = options.glyphs
        let keyWidth = min(18, hints.map { TextWidth.width(of: $0.helpLabel) }.max() ?? 4)
        let labelWidth = hints.map { TextWidth.width(of: $0.label) + ($0.enabled ? 0 : 6) }.max() ?? 10
        let cellWidth = keyWidth + 1 + labelWidth + 2
        let maxRows = max(1, screen.size.height - 5)
        // Too many keys for one column: spread them over as many as the width allows.
        let columns = min(max(1, (screen.size.width - 2) / cellWidth), (hints.count + maxRows - 1) / maxRows)
        let rows = min(maxRows, (hints.count + columns - 1) / columns)
        let width = min(screen.size.width, max(30, columns * cellWidth + 2))
        let height = rows + 4
        guard width > 10, height > 4 else { return }
        let rect = Rect(x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Keys: " + title, glyphs: glyphs, style: .role(.focus, bold: true))
        for (i, hint) in hints.prefix(rows * columns).enumerated() {
            let x = rect.x + 2 + (i / rows) * cellWidth
            let y = rect.y + 1 + i % rows
            let style: CellStyle = hint.enabled ? .normal : .role(.muted)
            screen.put(TextWidth.fit(hint.helpLabel, to: keyWidth), x: x, y: y, maxWidth: keyWidth,
                       style: hint.enabled ? .role(.focus, bold: true) : .role(.muted))
            let label = hint.enabled ? hint.label : hint.label + " (n/a)"
            screen.put(label, x: x + keyWidth + 1, y: y, maxWidth: min(labelWidth, rect.maxX - x - keyWidth - 2), style: style)
        }
        screen.put("any key closes", x: rect.x + 2, y: rect.maxY - 2, maxWidth: width - 4, style: .role(.muted))
    }
}
