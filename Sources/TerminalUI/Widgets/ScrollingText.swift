import InspektCore

/// Styled lines in a rect that scrolls by whole lines, with "first–last of all" at the top right once they
/// do not fit; the scroll is kept in the owner's state and clamped here, so a resize never shows a blank page.
struct ScrollingText {
    var lines: [(text: String, style: CellStyle)]

    /// The largest useful scroll for `height` visible rows.
    func maxScroll(height: Int) -> Int { max(0, lines.count - height) }

    /// The scroll after `action`, from `scroll`, with `page` rows per page.
    func scrolled(_ scroll: Int, by action: ListMove, height: Int, page: Int) -> Int {
        ScrollKeys.scrolled(scroll, action, page: page, limit: maxScroll(height: height))
    }

    func draw(scroll: Int, into screen: inout Screen, rect: Rect, glyphs: Glyphs) {
        let first = min(scroll, maxScroll(height: rect.height))
        let end = min(lines.count, first + rect.height)
        guard first < end else { return }
        for index in first..<end {
            screen.put(
                lines[index].text, x: rect.x + 2, y: rect.y + index - first, maxWidth: rect.width - 4,
                style: lines[index].style)
        }
        guard lines.count > rect.height else { return }
        let position = "\(first + 1)\(glyphs.dash)\(end) of \(lines.count)"
        screen.put(position, x: rect.maxX - TextWidth.width(of: position) - 1, y: rect.y, style: .role(.muted))
    }
}
