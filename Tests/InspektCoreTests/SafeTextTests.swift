import InspektCore
import Testing

@Suite struct SafeTextTests {
    @Test func escapesControlsAndEscapeSequences() {
        #expect(SafeText.escape("a\u{1B}[2Jb") == "a\\e[2Jb")
        #expect(SafeText.escape("x\u{07}\u{7F}\u{9B}") == "x\\x07\\x7f\\x9b")
        #expect(SafeText.escape("line\nnext\ttab") == "line\\nnext\\ttab")
    }

    @Test func keepsPrintableUnicode() {
        let text = "車両 🚗 e\u{301}"
        #expect(SafeText.escape(text) == text)
        #expect(!SafeText.needsEscaping(text))
    }

    @Test func escapesBidiOverrides() {
        #expect(SafeText.escape("gpj.\u{202E}exe") == "gpj.\\u{202e}exe")
    }

    @Test func masksSecrets() {
        let key = "sk_live_0123456789abcdef"
        let masked = SecretText.masked(key)
        #expect(masked == "sk_l…cdef")
        #expect(!masked.contains("0123456789"))
        #expect(SecretText.masked("abc") == "•••")
    }
}
