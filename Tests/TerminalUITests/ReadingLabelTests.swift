import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

@Suite struct ReadingLabelTests {
    @Test func knownReadingsHaveWordsAndUnknownKeysAreEscapedAsTheyCome() {
        #expect(DetailScreen.readingTitle("licensePlateReading", words: Languages.english) == "Plate")
        #expect(DetailScreen.readingTitle("vinReading", words: Languages.english) == "VIN")
        #expect(DetailScreen.readingTitle("odometerReading", words: Languages.english) == "Odometer")
        #expect(DetailScreen.readingTitle("make", words: Languages.english) == "Make")
        #expect(DetailScreen.readingTitle("model", words: Languages.english) == "Model")
        #expect(DetailScreen.readingTitle("color", words: Languages.english) == "Colour")
        #expect(DetailScreen.readingTitle("trimLevel", words: Languages.english) == "trimLevel")
        #expect(DetailScreen.readingTitle("odd\u{1B}[2Jkey", words: Languages.english) == "odd\\e[2Jkey")
        let order = DetailScreen.readingOrder([
            "zeta", "color", "make", "odometerReading", "alpha", "vinReading", "model", "licensePlateReading",
        ])
        #expect(
            order == [
                "licensePlateReading", "vinReading", "odometerReading", "make", "model", "color", "alpha", "zeta",
            ])
    }
}
