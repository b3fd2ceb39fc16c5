import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// Help, the footer, the questions and the message line in Hindi and Spanish: every word from the catalogs.
@Suite struct LanguageHelpTests {
    static func inLanguage(_ state: AppState, _ language: String) -> AppState {
        var state = state
        state.options = RenderOptions(words: Languages.localizer(language: language))
        return state
    }

    static func pressed(_ state: AppState, _ keys: [Key]) -> AppState {
        var state = state
        for key in keys { _ = update(&state, .key(key)) }
        return state
    }

    @Test(arguments: ["hi", "es"]) func boardHelpAt80x24(language: String) {
        let size = ScreenFixtures.small
        let state = Self.pressed(Self.inLanguage(ScreenFixtures.boardAllStates(size), language), [.character("?")])
        assertSnapshot(view(state, size: size), named: "board-help-\(language)-80x24")
    }

    /// Each key the board's help lists is described in the language, never in English.
    @Test func noEnglishDescriptionIsLeftInTheBoardsHelp() {
        let size = ScreenFixtures.large
        let hindi = Self.pressed(Self.inLanguage(ScreenFixtures.boardAllStates(size), "hi"), [.character("?")])
        let shown = text(view(hindi, size: size))
        #expect(shown.contains("कुंजियाँ: बोर्ड"), "\(shown)")
        let labels =
            BoardScreen.keymap.bindings.filter { $0.isEnabled(hindi) }.map(\.label)
            + GlobalKeys.keymap.bindings.map(\.label)
        for label in labels {
            let english = Languages.english(label)
            #expect(!shown.contains(english), "help still says \"\(english)\"\n\(shown)")
            #expect(shown.contains(hindi.options.words(label)), "\(label)\n\(shown)")
        }
    }

    @Test(arguments: ["hi", "es"]) func doubtfulPhotosQuestionAt80x24(language: String) throws {
        let size = ScreenFixtures.small
        var state = Self.inLanguage(ScreenFixtures.review(size), language)
        let draft = try #require(state.draft)
        let first = try #require(draft.photos.first)
        let finding = PhotoFinding(slot: first.slot, path: first.path, kind: .dark(brightness: 31))
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, [finding]))))
        _ = update(&state, .key(.enter))
        assertSnapshot(view(state, size: size), named: "review-doubtful-\(language)-80x24")
    }

    /// A photo Inspektlabs would surely reject stops the submit, and the review says why in the language.
    @Test func aRefusedPhotoIsNamedInTheLanguage() throws {
        var state = Self.inLanguage(ScreenFixtures.review(), "hi")
        let draft = try #require(state.draft)
        let first = try #require(draft.photos.first)
        let tiny = PhotoFinding(slot: first.slot, path: first.path, kind: .tooSmall(width: 200, height: 150))
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, [tiny]))))
        #expect(update(&state, .key(.enter)).isEmpty)
        let said = try #require(state.review.error)
        #expect(said.contains("Inspektlabs इसे अस्वीकार करेगा: IMG_4101.jpg (आगे): 200×150 px"), "\(said)")
        #expect(!said.contains("would reject"))
    }

    @Test func theQuitQuestionCountsInTheLanguage() {
        let size = ScreenFixtures.large
        let state = Self.pressed(Self.inLanguage(ScreenFixtures.boardAllStates(size), "es"), [.character("q")])
        let shown = text(view(state, size: size))
        #expect(shown.contains("¿Salir de inspekt?"), "\(shown)")
        #expect(shown.contains("[y] salir ya"), "\(shown)")
        #expect(!shown.contains("Quit inspekt?"))
    }

    @Test func theMessageLineSpeaksTheLanguage() {
        let state = Self.pressed(Self.inLanguage(ScreenFixtures.boardAllStates(), "hi"), [.character("A")])
        #expect(state.notice?.text.contains("संग्रहित निरीक्षण") == true, "\(String(describing: state.notice))")
    }

    /// The detail, the vehicle's history and a comparison: headings, damage lines and readings in the language.
    @Test(arguments: ["hi", "es"]) func detailHistoryAndComparisonAt80x24(language: String) {
        let size = ScreenFixtures.small
        let screens = [
            ("detail", ScreenFixtures.detailAvailable(size)), ("history", HistoryFixtures.historyOfReturn(size)),
            ("comparison", HistoryFixtures.comparisonResult(size)),
        ]
        for (name, state) in screens {
            assertSnapshot(view(Self.inLanguage(state, language), size: size), named: "\(name)-\(language)-80x24")
        }
    }
}
