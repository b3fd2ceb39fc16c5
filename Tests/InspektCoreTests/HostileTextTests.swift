import InspektCore
import Testing

/// Issue 7 §5: every class of hidden character is shown escaped, and a backslash is escaped too.
@Suite struct HostileTextTests {
    @Test(
        "C0 controls, DEL and C1 controls are shown as escapes",
        arguments: [
            ("\u{00}", #"\x00"#), ("\u{07}", #"\x07"#), ("\u{1B}", #"\e"#), ("\u{1F}", #"\x1f"#), ("\u{7F}", #"\x7f"#),
            ("\u{80}", #"\x80"#), ("\u{9B}", #"\x9b"#), ("\u{9F}", #"\x9f"#),
        ])
    func controls(raw: String, shown: String) {
        #expect(SafeText.escape("a" + raw + "b") == "a" + shown + "b")
        #expect(SafeText.needsEscaping(raw))
    }

    @Test(
        "bidi, zero-width, separators and the byte-order mark are shown as escapes",
        arguments: [
            0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
            0x2028, 0x2029, 0xFEFF,
        ])
    func invisibleFormatting(code: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(code))
        let escaped = SafeText.escape("x" + String(Character(scalar)) + "y")
        #expect(escaped == "x\\u{" + String(code, radix: 16) + "}y")
        #expect(!escaped.unicodeScalars.contains(scalar))
        #expect(SafeText.forTerminal("x" + String(Character(scalar))) == "x\\u{" + String(code, radix: 16) + "}")
    }

    @Test func aBackslashIsEscapedSoAnEscapedNameAndARawOneDiffer() {
        let hostile = "a\u{1B}b.jpg"
        let lookalike = #"a\eb.jpg"#  // typed with a real backslash
        #expect(SafeText.escape(hostile) == #"a\eb.jpg"#)
        #expect(SafeText.escape(lookalike) == #"a\\eb.jpg"#)
        #expect(SafeText.escape(hostile) != SafeText.escape(lookalike))
        #expect(SafeText.escape(#"C:\photos"#) == #"C:\\photos"#)
    }

    @Test func theLastGuardKeepsBackslashesAndLineBreaksButNothingHidden() {
        let alreadyEscaped = SafeText.escape("x\u{1B}y")
        #expect(SafeText.forTerminal(alreadyEscaped) == alreadyEscaped)
        #expect(SafeText.forTerminal("one\ntwo\tthree") == "one\ntwo\tthree")
        #expect(SafeText.forTerminal("bad\u{1B}[2J\u{202E}") == #"bad\e[2J\u{202e}"#)
    }

    @Test func jsonKeepsTheValueAndShowsNoHiddenCharacter() throws {
        let json = "{\"m\":\"a\u{202E}b\u{85}c\u{2028}d\u{FEFF}\"}"
        let safe = SafeText.jsonForTerminal(json)
        #expect(safe == #"{"m":"a\u202eb\u0085c\u2028d\ufeff"}"#)
        #expect(!SafeText.needsEscaping(safe))
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["IMG_0042.jpg", "車両 🚗 e\u{301}", "Ünïcødé — fine", "مرحبا"] {
            #expect(SafeText.escape(text) == text)
            #expect(SafeText.forTerminal(text) == text)
        }
    }
}
