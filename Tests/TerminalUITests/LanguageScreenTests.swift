import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// The board in Hindi and Spanish: its words from the catalogs, its columns where the English board has them.
@Suite struct LanguageScreenTests {
    static func board(_ language: String, size: Size = ScreenFixtures.small) -> Screen {
        let options = RenderOptions(words: Languages.localizer(language: language))
        return view(ScreenFixtures.boardAllStates(size, options: options), size: size)
    }

    @Test func hindiBoardAt80x24() {
        assertSnapshot(Self.board("hi"), named: "board-hi-80x24")
    }

    @Test func spanishBoardAt80x24() {
        assertSnapshot(Self.board("es"), named: "board-es-80x24")
    }

    /// Devanagari's vowel signs and viramas take no cell of their own: each Hindi heading begins (or, right-aligned,
    /// ends) in the cell the board's layout gives it, as the English one does, and the rows under it are the same.
    @Test(arguments: ["en", "hi", "es"]) func headingsSitInTheirColumns(language: String) throws {
        let rows = Self.board(language).rows
        let english = Self.board("en").rows
        let heading = try #require(english.firstIndex { $0.joined().contains("Case id") })
        let row = rows[heading]
        let columns = BoardScreen.Columns(width: ScreenFixtures.small.width)
        let caseX = 2
        let vehicleX = caseX + columns.caseID + 1
        let photosEnd = vehicleX + columns.vehicle + columns.photos
        let stateX = photosEnd + 2
        let ageEnd = stateX + columns.state + columns.age
        func begins(_ x: Int) -> Bool { row[x] != " " && row[x - 1] == " " }
        func ends(_ x: Int) -> Bool { row[x] != " " && (x + 1 == row.count || row[x + 1] == " ") }
        #expect(begins(caseX) && begins(vehicleX) && begins(stateX), "\(row)")
        #expect(ends(photosEnd) && ends(ageEnd), "\(row)")
        #expect(row.count == ScreenFixtures.small.width)
        // Case ids, vehicles and photo counts stay in the same cells in every language.
        for y in (heading + 1)..<(heading + 9) {
            #expect(Array(rows[y].prefix(stateX)) == Array(english[y].prefix(stateX)))
        }
    }

    @Test(arguments: ["hi", "es"]) func reviewAt80x24(language: String) {
        let size = ScreenFixtures.small
        let options = RenderOptions(words: Languages.localizer(language: language))
        var state = ScreenFixtures.review(size)
        state.options = options
        assertSnapshot(view(state, size: size), named: "review-\(language)-80x24")
        var asking = ScreenFixtures.review(size, askReason: true)
        asking.options = options
        assertSnapshot(view(asking, size: size), named: "review-reason-\(language)-80x24")
    }

    @Test(arguments: ["hi", "es"]) func uploadAt80x24(language: String) {
        let size = ScreenFixtures.small
        var state = ScreenFixtures.upload(size)
        state.options = RenderOptions(words: Languages.localizer(language: language))
        assertSnapshot(view(state, size: size), named: "upload-\(language)-80x24")
    }

    @Test func anUnknownLanguageReadsEnglish() {
        let unknown = RenderOptions.fromEnvironment(["LANG": "de_DE.UTF-8"])
        #expect(unknown.words.language == "en")
        #expect(RenderOptions.fromEnvironment(["INSPEKT_LANG": "hi", "LANG": "es_ES.UTF-8"]).words.language == "hi")
        #expect(RenderOptions.fromEnvironment(["LC_ALL": "es_ES.UTF-8"]).words.language == "es")
    }
}

extension Screen {
    /// Each row as its cells' texts (a wide glyph's covered cell is empty).
    var rows: [[String]] {
        (0..<size.height).map { y in (0..<size.width).map { x in self[x, y].text } }
    }
}
