import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import Testing

@testable import TerminalUI

/// The keys of a question and of a text field are tables too (`ConfirmDialog.keymap`, `TextFieldKeys`): on every
/// screen of the registry, help lists a question's answers and Esc while one is asked, and a field's editing keys
/// exactly where a field has the keys.
@Suite struct DialogAndFieldHelpTests {
    /// Every page of help opened over what shows now, as text; the overlay it leaves after the last page.
    static func helpPages(_ state: AppState, size: Size) -> (pages: [String], after: Overlay?) {
        var state = state
        _ = update(&state, .key(.character("?")))
        var pages: [String] = []
        while state.overlay.map({ if case .dialogHelp = $0 { true } else { $0 == .help } }) == true, pages.count < 10 {
            pages.append(text(view(state, size: size)))
            let before = state.helpPage
            _ = update(&state, .key(.pageDown))
            if state.helpPage == before { _ = update(&state, .key(.character("x"))) }
        }
        return (pages, state.overlay)
    }

    @Test(arguments: [ScreenFixtures.minimum, ScreenFixtures.large])
    func helpListsTheQuestionsKeysOnEveryScreen(size: Size) {
        // Ctrl-C while uploads are owed asks this on any screen.
        let dialog = ConfirmDialog.quitWhileWorking(uploading: 2, processing: 1, words: Languages.english)
        let rows = dialog.choices.map { (String($0.key), Languages.english($0.label)) } + [("Esc", "cancel")]
        for route in HelpCoverageTests.routes(size) {
            var state = route.state
            state.overlay = .confirm(dialog)
            let (pages, after) = Self.helpPages(state, size: size)
            #expect(!pages.isEmpty, "\(route.name): ? opens help over the question")
            let help = pages.joined(separator: "\n")
            for (key, label) in rows + HelpCoverageTests.globalRows {
                #expect(
                    HelpCoverageTests.hasRow(help, key: key, label: label),
                    "\(route.name) at \(size.width)×\(size.height): help lacks \"\(key)  \(label)\"\n\(help)")
            }
            for (key, label) in HelpCoverageTests.editingRows {
                #expect(
                    !HelpCoverageTests.hasRow(help, key: key, label: label),
                    "\(route.name): a question has no text field")
            }
            #expect(
                after == .confirm(dialog), "\(route.name): closing help goes back to the question, still unanswered")
        }
    }

    @Test func helpListsTheFieldKeysExactlyWhereAFieldHasTheKeys() {
        let size = ScreenFixtures.large
        for route in HelpCoverageTests.routes(size) {
            let editsText = ScreenRegistry.entry(for: route.state.route).keys(route.state).editsText
            #expect(editsText == route.editing, "\(route.name): the registry says whether a field has the keys")
            let help = HelpCoverageTests.helpPages(route.state, size: size).joined(separator: "\n")
            for (key, label) in HelpCoverageTests.editingRows {
                #expect(
                    HelpCoverageTests.hasRow(help, key: key, label: label) == editsText,
                    "\(route.name): \"\(key)  \(label)\" listed \(editsText ? "" : "though no field has the keys")\n\(help)"
                )
            }
        }
    }

    /// Dispatch reads the same tables help shows: each listed key does what help says.
    @Test func theKeysHelpListsAreTheKeysThatAct() {
        let dialog = ConfirmDialog.quitWhileWorking(uploading: 1, processing: 0, words: Languages.english)
        for binding in dialog.keymap.bindings {
            for key in binding.keys { #expect(dialog.outcome(for: key) == binding.action) }
        }
        #expect(
            dialog.outcome(for: .character("Y")) == dialog.outcome(for: .character("y")), "either letter case answers")
        var field = TextField("abc")
        for binding in TextFieldKeys.keymap.bindings {
            for key in binding.keys {
                let edited = field.handle(key)
                #expect(edited, "\(key.name) edits the field")
            }
        }
        #expect(field.text.isEmpty, "^U, last in the table, cleared it")
        let upEdits = field.handle(.up)
        #expect(!upEdits, "a key outside the table is not the field's")
    }
}
