import InspektCore

/// Draws a thumbnail with upper-half blocks: each cell shows two pixels, the top as foreground, the bottom as background.
public enum Thumbnails {
    /// Draws `thumbnail` scaled into at most `columns`×`rows` cells, keeping its shape; returns the columns used.
    /// With `onlyRow`, draws just that cell row of it, at `y` (a list draws a picture line by line as it scrolls).
    @discardableResult
    public static func draw(
        _ thumbnail: Thumbnail, into screen: inout Screen, x: Int, y: Int, columns: Int, rows: Int,
        ascii: Bool = false, onlyRow: Int? = nil
    ) -> Int {
        guard thumbnail.width > 0, thumbnail.height > 0, columns > 0, rows > 0,
            thumbnail.rgb.count >= thumbnail.width * thumbnail.height * 3
        else { return 0 }
        // Cells are about twice as tall as wide, and each holds two pixel rows.
        let scale = min(Double(columns) / Double(thumbnail.width), Double(rows * 2) / Double(thumbnail.height))
        let outWidth = max(1, Int(Double(thumbnail.width) * scale))
        let outHeight = max(2, Int(Double(thumbnail.height) * scale))
        let cellRows = (outHeight + 1) / 2
        for row in 0..<min(rows, cellRows) where onlyRow == nil || onlyRow == row {
            let y = y - (onlyRow ?? 0)
            for column in 0..<outWidth {
                let sx = min(thumbnail.width - 1, column * thumbnail.width / outWidth)
                let topY = min(thumbnail.height - 1, (row * 2) * thumbnail.height / outHeight)
                let bottomY = min(thumbnail.height - 1, (row * 2 + 1) * thumbnail.height / outHeight)
                let top = thumbnail.pixel(x: sx, y: topY)
                let bottom = thumbnail.pixel(x: sx, y: bottomY)
                if ascii {
                    // No half blocks in ASCII: one colour per cell, the two pixels averaged.
                    let mean = RGB(
                        UInt8((Int(top.r) + Int(bottom.r)) / 2), UInt8((Int(top.g) + Int(bottom.g)) / 2),
                        UInt8((Int(top.b) + Int(bottom.b)) / 2))
                    screen.put(
                        " ", x: x + column, y: y + row, maxWidth: 1,
                        style: CellStyle(foregroundRGB: mean, backgroundRGB: mean))
                } else {
                    screen.put(
                        "▀", x: x + column, y: y + row, maxWidth: 1,
                        style: CellStyle(
                            foregroundRGB: RGB(top.r, top.g, top.b), backgroundRGB: RGB(bottom.r, bottom.g, bottom.b)))
                }
            }
        }
        return outWidth
    }
}
