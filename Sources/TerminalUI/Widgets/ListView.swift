import InspektCore

/// A scrolling list's selection and its `/` filter; the filtered positions are cached here.
public struct ListView: Sendable, Hashable {
    /// Position in the visible (filtered) rows.
    public var selected: Int = 0
    /// First visible row.
    public var offset: Int = 0
    public var filter = TextField()
    /// The filter line is being typed.
    public var filtering = false
    /// Indices into the source of the rows that match the filter; nil means every row.
    public private(set) var matches: [Int]?
    /// Count of source rows, for the unfiltered case.
    public private(set) var sourceCount: Int = 0

    public init() {}

    /// How many rows are visible.
    public var count: Int { matches?.count ?? sourceCount }

    /// Source index of a visible row.
    public func sourceIndex(_ row: Int) -> Int { matches.map { $0[row] } ?? row }

    /// Source index of the selected row, or nil when nothing is shown.
    public var selectedSource: Int? { count == 0 ? nil : sourceIndex(min(selected, count - 1)) }

    /// Recomputes the cached matches; call when the source or the filter changes, never per frame.
    /// `shown`, when given, hides rows whatever the filter (archived inspections).
    public mutating func refilter(count: Int, shown: ((Int) -> Bool)? = nil, matches predicate: (Int, String) -> Bool) {
        sourceCount = count
        let needle = BoardSearch.needle(filter.text)
        if needle.isEmpty, shown == nil {
            matches = nil
        } else {
            var result: [Int] = []
            for index in 0..<count where (shown?(index) ?? true) && (needle.isEmpty || predicate(index, needle)) {
                result.append(index)
            }
            matches = result
        }
        clamp()
    }

    /// Sets the number of rows when they are filtered elsewhere (the board's window over the store).
    public mutating func setCount(_ count: Int) {
        sourceCount = count
        matches = nil
        clamp()
    }

    /// Keeps the selection inside the rows.
    public mutating func clamp() {
        selected = max(0, min(selected, count - 1))
        offset = max(0, min(offset, selected))
    }

    public mutating func move(by delta: Int, page: Int) {
        guard count > 0 else { return }
        selected = max(0, min(count - 1, selected + delta))
        scrollToSelection(page: page)
    }

    public mutating func scrollToSelection(page: Int) {
        let page = max(1, page)
        if selected < offset { offset = selected }
        if selected >= offset + page { offset = selected - page + 1 }
        offset = max(0, offset)
    }

    /// The first row to draw in `height` rows, so that the selection shows.
    public func firstRow(height: Int) -> Int {
        let height = max(1, height)
        var first = min(offset, max(0, count - 1))
        if selected < first { first = selected }
        if selected >= first + height { first = selected - height + 1 }
        return max(0, first)
    }

    /// Draws the visible rows; `row` draws one source row into a one-line rect.
    /// `highlightWidth` limits the selection highlight to the row's first columns (nil: the whole row),
    /// so a one-row move repaints a few cells instead of two whole lines.
    public func draw(
        into screen: inout Screen, rect: Rect, glyphs: Glyphs, focused: Bool = true,
        highlightWidth: Int? = nil,
        row: (inout Screen, Int, Rect, Bool) -> Void
    ) {
        guard !rect.isEmpty, count > 0 else { return }
        let first = firstRow(height: rect.height)
        let last = min(count, first + rect.height)
        for visible in first..<last {
            let line = Rect(x: rect.x, y: rect.y + visible - first, width: rect.width, height: 1)
            let isSelected = visible == selected
            row(&screen, sourceIndex(visible), line, isSelected)
            if isSelected {
                let highlight = Rect(
                    x: line.x, y: line.y, width: min(line.width, highlightWidth ?? line.width), height: 1)
                screen.restyle(highlight) { style in
                    style.reverse = focused
                    style.bold = true
                    if style.foregroundRGB == nil { style.role = focused ? .selected : style.role }
                }
            }
        }
    }
}
