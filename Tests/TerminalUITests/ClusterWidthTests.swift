import Testing

@testable import TerminalUI

/// Widths as the terminal measures them (glibc's wcwidth, which ncurses and tmux use), never splitting a cluster.
struct ClusterWidthTests {
    @Test func devanagariSpacingVowelSignsTakeAColumnAndViramasNone() {
        // न ि र ी क ् ष ण: the virama (्) and the nukta (़) take none, the vowel signs ि ी ो one each.
        #expect(TextWidth.width(of: "निरीक्षण") == 7)
        #expect(TextWidth.width(of: "फ़ोटो") == 4)
        #expect(TextWidth.width(of: "क्ष") == 2)
        #expect(TextWidth.width(of: "हुए") == 2)
    }

    @Test func wideAndEmojiClustersTakeTwo() {
        #expect(TextWidth.width(of: "漢字") == 4)
        #expect(TextWidth.width(of: "👍🏽") == 2)
        #expect(TextWidth.width(of: "👨‍👩‍👧") == 2)
        #expect(TextWidth.width(of: "🇮🇳") == 2)
    }

    @Test func truncationKeepsWholeClusters() {
        let word = "निरीक्षण"
        let cut = TextWidth.truncate(word, to: 4, ellipsis: "…")
        #expect(cut == "नि…")
        #expect(TextWidth.width(of: cut) <= 4)
        for width in 1...8 {
            let fitted = TextWidth.truncate(word, to: width, ellipsis: "")
            #expect(word.hasPrefix(fitted) && Array(word).starts(with: Array(fitted)), "\(width): \(fitted)")
        }
    }

    @Test func aClusterFillsItsColumnsInOrderAndNeverHalfAtTheEdge() {
        var screen = Screen(size: Size(width: 10, height: 1))
        let used = screen.put("निरीक्षण", x: 0, y: 0)
        #expect(used == 7)
        #expect((0..<7).map { screen[$0, 0].text }.joined() == "निरीक्षण")
        var edge = Screen(size: Size(width: 10, height: 1))
        // "क्ष" needs two columns; one is left after "आ": nothing of it is drawn.
        #expect(edge.put("आक्ष", x: 7, y: 0, maxWidth: 2) == 1)
        #expect((7..<10).map { edge[$0, 0].text } == ["आ", " ", " "])
    }
}
