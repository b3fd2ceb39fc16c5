import Foundation
import InspektCore
import InspektLanguage

/// How a key moves the highlight of a list of inspections (vehicle history, comparison picker).
/// The list of inspections that the vehicle history and the comparison picker share: a header row, then one
/// row per inspection (when, case id, one chosen column, state in words), the highlighted one with a pointer.
struct InspectionTable {
    /// The third column: what kind of row it is (history) or the vehicle (picker, which may span vehicles).
    enum Third { case kind, vehicle }

    var third: Third

    /// "compare" for a comparison, "inspection" otherwise: the kind is a word, never colour alone.
    static func kindWord(_ inspection: Inspection, words: Localizer) -> String {
        words(inspection.compared == nil ? "history.kind.inspection" : "history.kind.compare")
    }

    func draw(
        _ rows: [Inspection], list: ListView, state: AppState, into screen: inout Screen, rect: Rect,
        muted: (Inspection) -> Bool = { _ in false }
    ) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        let when = 16, caseID = min(24, max(12, rect.width / 5)),
            middle = third == .kind ? 10 : min(20, max(10, rect.width / 7))
        let stateWidth = max(8, rect.width - 2 - when - 1 - caseID - 1 - middle - 1)
        func cells(_ screen: inout Screen, y: Int, _ texts: [String], _ styles: [CellStyle]) {
            var x = rect.x + 2
            for (i, width) in [when, caseID, middle, stateWidth].enumerated() {
                screen.put(
                    TextWidth.truncateAtWord(texts[i], to: width, ellipsis: glyphs.ellipsis), x: x, y: y,
                    maxWidth: width,
                    style: styles[i])
                x += width + 1
            }
        }
        let header = CellStyle(role: .muted, bold: true, underline: true)
        screen.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: header)
        cells(
            &screen, y: rect.y,
            [
                words("history.column.when"), words("board.column.case"),
                words(third == .kind ? "history.column.kind" : "board.column.vehicle"), words("board.column.state"),
            ],
            Array(repeating: header, count: 4))
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        list.draw(into: &screen, rect: listRect, glyphs: glyphs, highlightWidth: 0) { screen, index, line, isSelected in
            guard index < rows.count else { return }
            let inspection = rows[index]
            let shown = BoardScreen.stateText(
                inspection, tracking: state.uploads[inspection.id], now: state.now, glyphs: glyphs,
                readOnly: state.readOnly, words: words)
            let style: CellStyle = muted(inspection) ? .role(.muted) : .normal
            if isSelected {
                screen.put(glyphs.pointer, x: line.x, y: line.y, maxWidth: 2, style: CellStyle(bold: true))
            }
            let middleText =
                third == .kind ? Self.kindWord(inspection, words: words) : SafeText.escape(inspection.facts.vehicle)
            cells(
                &screen, y: line.y,
                [
                    Format.dateTime(inspection.createdAt, in: state.timeZone), SafeText.escape(inspection.facts.caseID),
                    middleText,
                    shown.glyph + " " + shown.text,
                ],
                [
                    style, style, style,
                    muted(inspection) ? .role(.muted) : .role(shown.role, bold: shown.role == .error),
                ])
        }
    }
}
