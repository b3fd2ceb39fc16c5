import InspektCore

/// The coverage checklist: each slot in walk-around order, then the extras, with its file or "missing".
public enum CoverageChecklist {
    /// Draws one row per slot from `rect.y`; the pointer of `highlighted` is reversed when `focused`.
    public static func draw(photos: [PhotoSelection], highlighted: Int?, focused: Bool, into screen: inout Screen,
                            rect: Rect, options: RenderOptions) {
        let glyphs = options.glyphs
        let bySlot = Dictionary(grouping: photos, by: \.slot)
        let titleWidth = rect.width < 32 ? 11 : 12
        for (index, slot) in CoverageSlot.allCases.enumerated() where index < rect.height {
            let y = rect.y + index
            let digit = slot.shortcutDigit.map(String.init) ?? " "
            let files = bySlot[slot] ?? []
            var x = rect.x
            let pointer = index == highlighted ? glyphs.pointer : " "
            x += screen.put(pointer, x: x, y: y, maxWidth: 1, style: .role(.focus, bold: true))
            x += screen.put(digit + " ", x: x, y: y, maxWidth: rect.maxX - x, style: .role(.muted))
            let mark: String
            let markStyle: CellStyle
            if !files.isEmpty {
                mark = glyphs.check
                markStyle = .role(.ok, bold: true)
            } else if slot.isRequired {
                mark = glyphs.cross
                markStyle = .role(.error, bold: true)
            } else {
                mark = glyphs.bullet
                markStyle = .role(.muted)
            }
            x += screen.put(mark + " ", x: x, y: y, maxWidth: rect.maxX - x, style: markStyle)
            x += screen.put(TextWidth.fit(slot.title, to: titleWidth, ellipsis: glyphs.ellipsis), x: x, y: y,
                            maxWidth: rect.maxX - x, style: files.isEmpty ? .normal : .role(.normal, bold: true))
            x += 1
            let room = rect.maxX - x
            if let first = files.first {
                let more = files.count > 1 ? " +\(files.count - 1)" : ""
                let name = TextWidth.truncate(SafeText.escape(first.fileName), to: room - TextWidth.width(of: more),
                                              ellipsis: glyphs.ellipsis)
                screen.put(name + more, x: x, y: y, maxWidth: room)
            } else {
                screen.put(slot.isRequired ? "missing" : "optional", x: x, y: y, maxWidth: room,
                           style: .role(slot.isRequired ? .warn : .muted))
            }
            if focused, index == highlighted {
                // The pointer cell alone: a one-row move then rewrites two cells, not two whole lines.
                screen.restyle(Rect(x: rect.x, y: y, width: 1, height: 1)) {
                    $0.reverse = true
                    $0.role = .selected
                }
            }
        }
    }
}
