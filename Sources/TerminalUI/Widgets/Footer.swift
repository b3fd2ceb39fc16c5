import InspektCore

/// The bottom line: the keys that matter now, drawn from the screen's key table.
public enum Footer {
    /// The hints that fit in `width` columns, in the table's order. When not all fit, the lowest-ranked go
    /// first (help before the rest, the keys that lead on or back last), and a hint is shown whole or not at all.
    static func fitting(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        let candidates = hints.enumerated().filter { $0.element.inFooter && $0.element.enabled }
        func cost(_ hint: KeyHint) -> Int { TextWidth.width(of: hint.keyLabel) + 1 + TextWidth.width(of: hint.label) }
        // A space at each edge, two between hints.
        let room = width - 2
        var chosen: Set<Int> = []
        var used = -2
        let byRank = candidates.sorted {
            $0.element.rank != $1.element.rank ? $0.element.rank > $1.element.rank : $0.offset < $1.offset
        }
        for (offset, hint) in byRank where used + 2 + cost(hint) <= room {
            used += 2 + cost(hint)
            chosen.insert(offset)
        }
        return candidates.filter { chosen.contains($0.offset) }.map(\.element)
    }

    public static func draw(_ hints: [KeyHint], into screen: inout Screen, y: Int) {
        let width = screen.size.width
        screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: .role(.muted))
        var x = 1
        for hint in fitting(hints, width: width) {
            x += screen.put(hint.keyLabel, x: x, y: y, style: .role(.focus, bold: true))
            x += screen.put(" " + hint.label, x: x, y: y, style: .role(.normal))
            x += 2
        }
    }
}
