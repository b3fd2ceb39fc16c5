import Foundation
import InspektCore
import Testing

@testable import TerminalUI

@Suite struct ReadingLabelTests {
    @Test func knownReadingsHaveWordsAndUnknownKeysAreEscapedAsTheyCome() {
        #expect(DetailScreen.readingTitle("licensePlateReading") == "Plate")
        #expect(DetailScreen.readingTitle("vinReading") == "VIN")
        #expect(DetailScreen.readingTitle("odometerReading") == "Odometer")
        #expect(DetailScreen.readingTitle("make") == "Make")
        #expect(DetailScreen.readingTitle("model") == "Model")
        #expect(DetailScreen.readingTitle("color") == "Colour")
        #expect(DetailScreen.readingTitle("trimLevel") == "trimLevel")
        #expect(DetailScreen.readingTitle("odd\u{1B}[2Jkey") == "odd\\e[2Jkey")
        let order = DetailScreen.readingOrder([
            "zeta", "color", "make", "odometerReading", "alpha", "vinReading", "model", "licensePlateReading",
        ])
        #expect(
            order == [
                "licensePlateReading", "vinReading", "odometerReading", "make", "model", "color", "alpha", "zeta",
            ])
    }
}
