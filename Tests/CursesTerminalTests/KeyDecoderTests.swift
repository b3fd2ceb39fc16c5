import CNCurses
import CursesTerminal
import Testing
import TerminalUI

@Suite struct KeyDecoderTests {
    @Test func controlCharactersBecomeNamedKeys() {
        #expect(KeyDecoder.character(0x0D) == .enter)
        #expect(KeyDecoder.character(0x09) == .tab)
        #expect(KeyDecoder.character(0x1B) == .escape)
        #expect(KeyDecoder.character(0x7F) == .backspace)
        #expect(KeyDecoder.character(0x0C) == .control("l"))
        #expect(KeyDecoder.character(0x03) == .control("c"))
    }

    @Test func printableUnicodeArrivesWhole() {
        #expect(KeyDecoder.character(UInt32(("j" as Unicode.Scalar).value)) == .character("j"))
        #expect(KeyDecoder.character(0x00E9) == .character("é"))
        #expect(KeyDecoder.character(0x8F55) == .character("轕"))
    }

    @Test func c1ControlsAreDropped() {
        #expect(KeyDecoder.character(0x9B) == nil)
        #expect(KeyDecoder.character(0x00) == nil)
    }

    @Test func functionKeys() {
        #expect(KeyDecoder.functionKey(inspekt_key_up()) == .up)
        #expect(KeyDecoder.functionKey(inspekt_key_btab()) == .backTab)
        #expect(KeyDecoder.functionKey(inspekt_key_f0() + 2) == .function(2))
        #expect(KeyDecoder.functionKey(inspekt_key_resize()) == nil)
    }
}

@Suite struct ColorSupportTests {
    @Test func noColorAndDumbTerminalsForbidColour() {
        #expect(ColorSupport.forbiddenByEnvironment(["NO_COLOR": "1", "TERM": "xterm-256color"]))
        #expect(!ColorSupport.forbiddenByEnvironment(["NO_COLOR": "", "TERM": "xterm-256color"]))
        #expect(ColorSupport.forbiddenByEnvironment(["TERM": "dumb"]))
        #expect(ColorSupport.forbiddenByEnvironment([:]))
    }

    @Test func levelsFromTerminfo() {
        #expect(ColorSupport.from(colorCount: 256, hasColors: true) == .extended)
        #expect(ColorSupport.from(colorCount: 8, hasColors: true) == .basic)
        #expect(ColorSupport.from(colorCount: 256, hasColors: false) == ColorSupport.none)
    }

    @Test func thumbnailColoursMapToThePalette() {
        #expect(ColorSupport.basic.index(of: RGB(255, 0, 0)) == 1)
        #expect(ColorSupport.basic.index(of: RGB(0, 0, 0)) == 0)
        #expect(ColorSupport.none.index(of: RGB(255, 0, 0)) == -1)
        // The 6×6×6 cube starts at 16; pure red is its corner at 16 + 36 × 5.
        #expect(ColorSupport.extended.index(of: RGB(255, 0, 0)) == 196)
    }
}
