import InspektCore

/// The bottom line: the keys that matter now, drawn from the screen's key table.
public enum Footer {
    public static func draw(_ hints: [KeyHint], into screen: inout Screen, y: Int) {
        let width = screen.size.width
        screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: .role(.muted))
        var x = 1
        for hint in hints where hint.inFooter && hint.enabled {
            let needed = TextWidth.width(of: hint.keyLabel) + 1 + TextWidth.width(of: hint.label)
            if x + needed > width - 1 { break }
            x += screen.put(hint.keyLabel, x: x, y: y, style: .role(.focus, bold: true))
            x += screen.put(" " + hint.label, x: x, y: y, style: .role(.normal))
            x += 2
        }
    }
}
