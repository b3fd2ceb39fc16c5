import InspektLanguage
import Testing

@testable import TerminalUI

/// Sizes, durations and percentages in each language's form; English exactly as `Format` writes them.
struct LocalizedFiguresTests {
    let english = Languages.localizer(language: "en")
    let spanish = Languages.localizer(language: "es")
    let hindi = Languages.localizer(language: "hi")

    @Test(arguments: [0.0, 8, 59.2, 125, 3599, 3720, 90_000])
    func englishDurationsAreFormatsOwn(seconds: Double) {
        #expect(english.duration(seconds) == Format.duration(seconds))
    }

    @Test func durationsInSpanishAndHindi() {
        #expect(spanish.duration(125) == "2 min 05 s")
        #expect(hindi.duration(125) == "2 मिनट 05 सेकंड")
        #expect(hindi.duration(3720) == "1 घंटे 02 मिनट")
    }

    @Test func sizesTakeTheDecimalMark() {
        #expect(english.bytes(7_000_000) == "7.0 MB")
        #expect(spanish.bytes(7_000_000) == "7,0 MB")
        #expect(hindi.bytes(2_345_678) == "2.3 MB")
        #expect(spanish.bytes(512) == "512 B")
    }

    @Test func percentages() {
        #expect(english.percent(0.42) == Format.percent(0.42))
        #expect(spanish.percent(0.42) == "42 %")
    }
}
