import InspektCore

/// A photo drawn as large as an area allows, with numbered damage boxes over it (heavy frames in reverse
/// video, so that they show on any picture and without colour).
enum PhotoWithBoxes {
    /// Draws `preview` into `area` and one frame per box (`number` in its top edge); returns the cell rows the
    /// picture takes, so that a caller can write under it.
    @discardableResult
    static func draw(
        _ preview: DetailPreview, boxes: [(box: DamageBox, number: Int)], into screen: inout Screen, area: Rect,
        options: RenderOptions
    ) -> Int {
        let glyphs = options.glyphs
        let thumbnail = preview.thumbnail
        guard thumbnail.width > 0, thumbnail.height > 0, area.width > 2, area.height > 2 else { return 0 }
        // The cells the picture takes, as Thumbnails scales it (a cell is two pixel rows).
        let scale = min(
            Double(area.width) / Double(thumbnail.width), Double(area.height * 2) / Double(thumbnail.height))
        let columns = max(1, Int(Double(thumbnail.width) * scale))
        let rows = min(area.height, (max(2, Int(Double(thumbnail.height) * scale)) + 1) / 2)
        if options.color {
            Thumbnails.draw(
                thumbnail, into: &screen, x: area.x, y: area.y, columns: area.width, rows: area.height,
                ascii: glyphs == .ascii)
        } else {
            // Without colour the picture cannot show: its outline still places the box.
            screen.box(Rect(x: area.x, y: area.y, width: columns, height: rows), glyphs: glyphs, style: .role(.muted))
        }
        var heavy = glyphs
        (heavy.horizontal, heavy.vertical) = (glyphs.heavyHorizontal, glyphs.heavyVertical)
        (heavy.topLeft, heavy.topRight) = (glyphs.heavyTopLeft, glyphs.heavyTopRight)
        (heavy.bottomLeft, heavy.bottomRight) = (glyphs.heavyBottomLeft, glyphs.heavyBottomRight)
        for (box, number) in boxes {
            let left = area.x + Int((box.x * Double(columns)).rounded(.down))
            let top = area.y + Int((box.y * Double(rows)).rounded(.down))
            let right = max(left + 2, area.x + Int(((box.x + box.width) * Double(columns)).rounded(.up)))
            let bottom = max(top + 2, area.y + Int(((box.y + box.height) * Double(rows)).rounded(.up)))
            let frame = Rect(
                x: left, y: top, width: min(right, area.x + columns) - left, height: min(bottom, area.y + rows) - top)
            screen.box(
                frame, title: "\(number)", glyphs: heavy, style: .role(.warn, bold: true, reverse: true),
                titleStyle: .role(.warn, bold: true, reverse: true))
        }
        return rows
    }
}
