import InspektCore
import Testing

@testable import TerminalUI

/// Display widths and drawing into the cell grid.
@Suite struct CanvasTests {
    @Test func widths() {
        #expect(TextWidth.width(of: "abc") == 3)
        #expect(TextWidth.width(of: "車の") == 4)
        #expect(TextWidth.width(of: "🚗") == 2)
        #expect(TextWidth.width(of: "👩‍🔧") == 2)
        #expect(TextWidth.width(of: "e\u{301}") == 1)
        #expect(TextWidth.width(of: "\u{1B}") == 2)  // drawn as \e
        #expect(TextWidth.truncate("車の写真", to: 5) == "車の…")
    }

    @Test func wideGlyphCoversTheNextCell() {
        var screen = Screen(size: Size(width: 6, height: 1))
        #expect(screen.put("a車b", x: 0, y: 0) == 4)
        #expect(screen[1, 0].text == "車")
        #expect(screen[2, 0].covered)
        #expect(screen.rowText(0) == "a車b  ")
    }

    @Test func wideGlyphThatDoesNotFitBecomesASpace() {
        var screen = Screen(size: Size(width: 4, height: 1))
        screen.put("abc車", x: 0, y: 0)
        #expect(screen.rowText(0) == "abc ")
        #expect(!screen.cells.contains { $0.covered })
    }

    @Test func overwritingHalfAWideGlyphLeavesNoOrphan() {
        var screen = Screen(size: Size(width: 4, height: 1))
        screen.put("車車", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.rowText(0) == " x車")
        screen.put("y", x: 2, y: 0)
        #expect(screen.rowText(0) == " xy ")
    }

    @Test func combiningMarkJoinsThePreviousCell() {
        var screen = Screen(size: Size(width: 5, height: 1))
        #expect(screen.put("cafe\u{301}", x: 0, y: 0) == 4)
        #expect(screen[3, 0].text == "e\u{301}")
    }

    @Test func controlCharactersAreNeverDrawnRaw() {
        var screen = Screen(size: Size(width: 20, height: 1))
        screen.put("a\u{1B}[2J\u{9B}b", x: 0, y: 0)
        #expect(screen.rowText(0).hasPrefix("a\\e[2J\\x9bb"))
    }

    @Test func clipping() {
        var screen = Screen(size: Size(width: 5, height: 2))
        screen.put("hello world", x: 2, y: 1, maxWidth: 2)
        screen.put("x", x: -1, y: 0)
        screen.put("y", x: 0, y: 5)
        #expect(screen.rowText(1) == "  he ")
        #expect(screen.rowText(0) == "     ")
    }
}
