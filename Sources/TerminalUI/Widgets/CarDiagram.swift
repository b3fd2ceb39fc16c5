import InspektCore

/// A top-down car whose sides and corners fill in as they are covered: heavy lines where a photo is,
/// dotted lines where one is missing, and each slot's digit beside its edge, so it reads without colour.
public enum CarDiagram {
    /// Columns and rows the diagram takes.
    public static let size = Size(width: 17, height: 7)

    public static func draw(
        covered: Set<CoverageSlot>, into screen: inout Screen, x: Int, y: Int, options: RenderOptions
    ) {
        let g = options.glyphs
        let bx = x + 2  // body's left column, after the label column
        func style(_ slot: CoverageSlot) -> CellStyle {
            covered.contains(slot) ? .role(.ok, bold: true) : .role(.muted)
        }
        func horizontal(_ slot: CoverageSlot) -> String { covered.contains(slot) ? g.heavyHorizontal : g.dotted }
        func vertical(_ slot: CoverageSlot) -> String { covered.contains(slot) ? g.heavyVertical : g.dottedVertical }
        func put(_ text: String, _ column: Int, _ row: Int, _ slot: CoverageSlot) {
            screen.put(text, x: bx + column, y: y + row, maxWidth: 1, style: style(slot))
        }
        // Front and rear edges: corners own three cells at each end, the middle five belong to front/rear.
        for (row, leftCorner, rightCorner, middle) in [
            (0, CoverageSlot.frontLeft, CoverageSlot.frontRight, CoverageSlot.front),
            (6, CoverageSlot.rearLeft, CoverageSlot.rearRight, CoverageSlot.rear),
        ] {
            let top = row == 0
            put(
                covered.contains(leftCorner)
                    ? (top ? g.heavyTopLeft : g.heavyBottomLeft) : (top ? g.topLeft : g.bottomLeft),
                0, row, leftCorner)
            put(
                covered.contains(rightCorner)
                    ? (top ? g.heavyTopRight : g.heavyBottomRight) : (top ? g.topRight : g.bottomRight),
                12, row, rightCorner)
            for column in 1...3 { put(horizontal(leftCorner), column, row, leftCorner) }
            for column in 9...11 { put(horizontal(rightCorner), column, row, rightCorner) }
            for column in 4...8 { put(horizontal(middle), column, row, middle) }
            put(String(middle.shortcutDigit ?? 0), 6, row, middle)
        }
        // Sides: the corner slots own the rows next to the ends.
        for row in 1...5 {
            let leftSlot: CoverageSlot = row == 1 ? .frontLeft : (row == 5 ? .rearLeft : .left)
            let rightSlot: CoverageSlot = row == 1 ? .frontRight : (row == 5 ? .rearRight : .right)
            put(vertical(leftSlot), 0, row, leftSlot)
            put(vertical(rightSlot), 12, row, rightSlot)
        }
        // Digits outside the body, beside the edge they name.
        for (slot, column, row) in [
            (CoverageSlot.frontLeft, -2, 0), (.left, -2, 3), (.rearLeft, -2, 6),
            (.frontRight, 14, 0), (.right, 14, 3), (.rearRight, 14, 6),
        ] {
            screen.put(
                String(slot.shortcutDigit ?? 0), x: bx + column, y: y + row, maxWidth: 1,
                style: covered.contains(slot) ? .role(.ok, bold: true) : .role(.muted))
        }
        screen.put("front", x: bx + 4, y: y + 1, maxWidth: 5, style: .role(.muted))
        screen.put("rear", x: bx + 4, y: y + 5, maxWidth: 5, style: .role(.muted))
        let count = CoverageSlot.walkAround.filter(covered.contains).count
        let summary = "\(count)/8"
        screen.put(
            summary, x: bx + 6 - summary.count / 2, y: y + 3, maxWidth: 5,
            style: count == 8 ? .role(.ok, bold: true) : .role(.warn, bold: true))
    }
}
