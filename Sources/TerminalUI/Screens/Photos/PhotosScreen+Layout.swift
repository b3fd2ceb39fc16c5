import InspektCore

extension PhotosScreen {
    /// Where each part of the photos screen goes for a body size.
    struct Layout {
        var listBox: Rect
        var list: Rect
        var preview: Rect?
        var checklistBox: Rect
        var diagram: (x: Int, y: Int)?

        init(size: Size) {
            let body = Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
            let rightWidth = body.width < 80 ? 30 : max(34, min(44, body.width * 2 / 5))
            let (left, right) = body.splitColumns(body.width - rightWidth)
            let previewHeight = body.height >= 19 ? (body.height >= 30 ? 12 : 8) : 0
            let (top, bottom) = left.splitRows(left.height - previewHeight)
            listBox = top
            list = top.inset(1)
            preview = previewHeight > 0 ? bottom : nil
            let checklistHeight = min(right.height, CoverageSlot.allCases.count + 2)
            checklistBox = Rect(x: right.x, y: right.y, width: right.width, height: checklistHeight)
            let room = right.height - checklistHeight
            diagram =
                room >= CarDiagram.size.height
                ? (
                    right.x + (right.width - CarDiagram.size.width) / 2,
                    right.y + checklistHeight + min(1, room - CarDiagram.size.height)
                )
                : nil
        }
    }
}
