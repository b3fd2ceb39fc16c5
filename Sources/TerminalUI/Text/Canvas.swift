import InspektCore

/// Drawing into a `Screen`: clipped, width-aware, never writing a control character raw.
extension Screen {
    /// Draws `text` at (x, y), clipped to `maxWidth` columns and the screen; returns the columns used.
    ///
    /// A wide glyph takes its cell and marks the next one covered; one that does not fit whole is
    /// replaced by a space. A control character is drawn as its visible escape.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: CellStyle = .normal) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, maxWidth.map { x + max(0, $0) } ?? size.width)
        var column = x
        for character in text {
            if column >= limit { break }
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                setCell(x: column, y: y, Cell(String(character), style: style))
                column += 1
                continue
            }
            var width = TextWidth.width(of: character)
            var glyph = String(character)
            if SafeText.needsEscaping(glyph) {
                // Belt and braces: callers escape, but nothing raw may ever reach the terminal.
                column += put(SafeText.escape(glyph), x: column, y: y, maxWidth: limit - column, style: style)
                continue
            }
            if let cells = TextWidth.cells(of: character) {
                // A cluster the terminal draws over several columns: whole, or not at all.
                if column + width > limit { break }
                for cell in cells { column += put(cell, x: column, y: y, maxWidth: limit - column, style: style) }
                continue
            }
            if width == 0 {
                // A combining mark joins the grapheme before it; alone, it leans on a space.
                if column > x, column - 1 >= 0 {
                    var previousX = column - 1
                    while previousX > 0, self[previousX, y].covered { previousX -= 1 }
                    var previous = self[previousX, y]
                    previous.text += glyph
                    self[previousX, y] = previous
                    continue
                }
                glyph = " " + glyph
                width = 1
            }
            if width == 2 {
                if column + 1 >= limit {
                    setCell(x: column, y: y, Cell(" ", style: style))
                    column += 1
                    break
                }
                setCell(x: column, y: y, Cell(glyph, style: style))
                setCell(x: column + 1, y: y, Cell("", style: style, covered: true))
                column += 2
            } else {
                setCell(x: column, y: y, Cell(glyph, style: style))
                column += 1
            }
        }
        return max(0, column - x)
    }

    /// Sets one cell, repairing any wide glyph it cuts in half.
    mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let old = self[x, y]
        if old.covered, !cell.covered, x > 0 {
            // Overwriting the right half of a wide glyph: its left half becomes a blank.
            var left = self[x - 1, y]
            left.text = " "
            self[x - 1, y] = left
        }
        if !old.covered, x + 1 < size.width, self[x + 1, y].covered, !cell.covered || cell.text != "" {
            // Overwriting the left half of a wide glyph: its covered right half becomes a blank.
            if TextWidth.width(of: cell.text) < 2 {
                var right = self[x + 1, y]
                right.covered = false
                right.text = " "
                self[x + 1, y] = right
            }
        }
        self[x, y] = cell
    }

    /// Fills a rectangle with `text` (one column wide) in `style`.
    public mutating func fill(_ rect: Rect, with text: String = " ", style: CellStyle = .normal) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { self[x, y] = Cell(text, style: style) }
        }
    }

    /// Changes the style of the cells in a rectangle, keeping their text.
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 {
                var cell = self[x, y]
                transform(&cell.style)
                self[x, y] = cell
            }
        }
    }

    /// Draws a frame around `rect` with an optional title in its top edge.
    public mutating func box(
        _ rect: Rect, title: String? = nil, glyphs: Glyphs, style: CellStyle = .normal,
        titleStyle: CellStyle? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        for x in (left + 1)..<right {
            put(glyphs.horizontal, x: x, y: top, maxWidth: 1, style: style)
            put(glyphs.horizontal, x: x, y: bottom, maxWidth: 1, style: style)
        }
        for y in (top + 1)..<bottom {
            put(glyphs.vertical, x: left, y: y, maxWidth: 1, style: style)
            put(glyphs.vertical, x: right, y: y, maxWidth: 1, style: style)
        }
        put(glyphs.topLeft, x: left, y: top, maxWidth: 1, style: style)
        put(glyphs.topRight, x: right, y: top, maxWidth: 1, style: style)
        put(glyphs.bottomLeft, x: left, y: bottom, maxWidth: 1, style: style)
        put(glyphs.bottomRight, x: right, y: bottom, maxWidth: 1, style: style)
        if let title, rect.width > 4 {
            let text = " " + TextWidth.truncate(title, to: rect.width - 4, ellipsis: glyphs.ellipsis) + " "
            put(
                text, x: left + 1, y: top, maxWidth: rect.width - 2,
                style: titleStyle ?? CellStyle(role: .title, bold: true))
        }
    }

    /// A horizontal line across `width` columns.
    public mutating func horizontalLine(x: Int, y: Int, width: Int, glyphs: Glyphs, style: CellStyle = .normal) {
        guard width > 0 else { return }
        for column in x..<(x + width) { put(glyphs.horizontal, x: column, y: y, maxWidth: 1, style: style) }
    }
}

extension CellStyle {
    /// A style with just a role.
    public static func role(
        _ role: StyleRole, bold: Bool = false, reverse: Bool = false, underline: Bool = false
    ) -> CellStyle {
        CellStyle(role: role, bold: bold, reverse: reverse, underline: underline)
    }
}
