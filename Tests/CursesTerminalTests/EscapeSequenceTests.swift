import CursesTerminal
import Testing
import TerminalUI

/// Function keys in every common terminal's form, fed through the reader as curses hands them over.
@Suite struct EscapeSequenceTests {
    /// Feeds `text` character by character, then the quiet-poll flush.
    func keys(_ text: String) -> [Key] {
        var reader = EscapeSequenceReader()
        var out: [Key] = []
        for scalar in text.unicodeScalars { out += reader.feed(scalar.value) }
        return out + reader.flush()
    }

    static let functionKeys = Array(1...12)

    /// xterm (and TERM=screen / tmux, whose terminfo uses the same strings): SS3 for F1–F4, VT220 numbers after.
    static let xterm = [
        "\u{1B}OP", "\u{1B}OQ", "\u{1B}OR", "\u{1B}OS", "\u{1B}[15~", "\u{1B}[17~", "\u{1B}[18~",
        "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~",
    ]
    /// PuTTY's default keyboard ("ESC [n~") and rxvt: F1–F4 are ESC [ 11~ … 14~.
    static let putty = [
        "\u{1B}[11~", "\u{1B}[12~", "\u{1B}[13~", "\u{1B}[14~", "\u{1B}[15~", "\u{1B}[17~", "\u{1B}[18~",
        "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~",
    ]
    /// The Linux console (TERM=linux, and PuTTY's "Linux" mode): ESC [ [ A … E, then VT220 numbers.
    static let linux = [
        "\u{1B}[[A", "\u{1B}[[B", "\u{1B}[[C", "\u{1B}[[D", "\u{1B}[[E", "\u{1B}[17~", "\u{1B}[18~",
        "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~",
    ]
    /// rxvt with Shift ($) and Ctrl (^): the same numbers, another ending.
    static let rxvtShifted = [
        "\u{1B}[11$", "\u{1B}[12$", "\u{1B}[13$", "\u{1B}[14$", "\u{1B}[15$", "\u{1B}[17$",
        "\u{1B}[18$", "\u{1B}[19$", "\u{1B}[20$", "\u{1B}[21$", "\u{1B}[23$", "\u{1B}[24$",
    ]
    static let rxvtControl = [
        "\u{1B}[11^", "\u{1B}[12^", "\u{1B}[13^", "\u{1B}[14^", "\u{1B}[15^", "\u{1B}[17^",
        "\u{1B}[18^", "\u{1B}[19^", "\u{1B}[20^", "\u{1B}[21^", "\u{1B}[23^", "\u{1B}[24^",
    ]
    /// PuTTY's VT100+ mode: SS3 P … Z, then [ for F12.
    static let vt100Plus = [
        "\u{1B}OP", "\u{1B}OQ", "\u{1B}OR", "\u{1B}OS", "\u{1B}OT", "\u{1B}OU", "\u{1B}OV", "\u{1B}OW",
        "\u{1B}OX", "\u{1B}OY", "\u{1B}OZ", "\u{1B}O[",
    ]
    /// xterm with a modifier: Ctrl-F1 is ESC [ 1 ; 5 P, Shift-F5 is ESC [ 15 ; 2 ~.
    static let xtermModified = [
        "\u{1B}[1;5P", "\u{1B}[1;2Q", "\u{1B}[1;3R", "\u{1B}[1;5S", "\u{1B}[15;2~", "\u{1B}[17;5~",
        "\u{1B}[18;2~", "\u{1B}[19;3~", "\u{1B}[20;5~", "\u{1B}[21;2~", "\u{1B}[23;5~", "\u{1B}[24;2~",
    ]

    @Test(arguments: [
        ("xterm", xterm), ("PuTTY", putty), ("Linux console", linux), ("rxvt shift", rxvtShifted),
        ("rxvt ctrl", rxvtControl), ("VT100+", vt100Plus), ("xterm modifiers", xtermModified),
    ])
    func functionKeysF1ToF12(form: String, sequences: [String]) {
        #expect(sequences.count == 12, "\(form)")
        for (number, sequence) in zip(Self.functionKeys, sequences) {
            #expect(keys(sequence) == [.function(number)], "\(form) F\(number)")
            #expect(KeyDecoder.sequence(sequence) == .function(number), "\(form) F\(number)")
        }
    }

    @Test func cursorAndEditingKeysInEveryForm() {
        #expect(keys("\u{1B}[A") == [.up])
        #expect(keys("\u{1B}OB") == [.down])
        #expect(keys("\u{1B}[1;5C") == [.right])
        #expect(keys("\u{1B}Od") == [.left])
        #expect(keys("\u{1B}[1~") == [.home])
        #expect(keys("\u{1B}[7~") == [.home])
        #expect(keys("\u{1B}[H") == [.home])
        #expect(keys("\u{1B}OF") == [.end])
        #expect(keys("\u{1B}[8~") == [.end])
        #expect(keys("\u{1B}[5~") == [.pageUp])
        #expect(keys("\u{1B}[6~") == [.pageDown])
        #expect(keys("\u{1B}[3~") == [.delete])
        #expect(keys("\u{1B}[Z") == [.backTab])
        #expect(keys("\u{1B}Op\u{1B}Oy") == [.character("0"), .character("9")])
    }

    @Test func unknownSequencesAreDroppedWholeNeverTypedNorEsc() {
        // Insert, F13+ numbers, a private-mode report, an Alt combination: nothing at all comes out.
        #expect(keys("\u{1B}[2~").isEmpty)
        #expect(keys("\u{1B}[29~").isEmpty)
        #expect(keys("\u{1B}[?1;2c").isEmpty)
        #expect(keys("\u{1B}x").isEmpty)
        #expect(keys("\u{1B}[[Z").isEmpty)
        // What follows an unknown sequence arrives normally.
        #expect(keys("\u{1B}[2~ab") == [.character("a"), .character("b")])
        #expect(keys("\u{1B}[99;9Xq") == [.character("q")])
    }

    @Test func aLoneEscIsEscAndTextAroundSequencesSurvives() {
        #expect(keys("\u{1B}") == [.escape])
        #expect(keys("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(keys("a\u{1B}OQb") == [.character("a"), .function(2), .character("b")])
        var reader = EscapeSequenceReader()
        #expect(reader.feed(0x1B).isEmpty)
        #expect(reader.isLoneEscape)
        #expect(reader.feed(UInt32(("[" as Unicode.Scalar).value)).isEmpty)
        #expect(reader.isPending && !reader.isLoneEscape)
        // A sequence cut short by silence is dropped, not turned into Esc.
        #expect(reader.flush().isEmpty)
    }
}
