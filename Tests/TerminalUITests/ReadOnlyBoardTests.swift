import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// `inspekt --read-only`: every key that would change data says "read-only" and asks for nothing; footer and
/// help leave those keys out; the rest (moving, opening, history, reports) works as on any board.
@Suite struct ReadOnlyBoardTests: KeyScript {
    /// Every key an operator can press on a screen, printable or not.
    static let everyKey: [Key] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/ ".map { Key.character($0) }
        + [.enter, .tab, .backTab, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .backspace]
        + (1...10).map { Key.function($0) }

    func readOnlyBoard() -> AppState {
        var state = ScreenFixtures.boardAllStates()
        state.readOnly = true
        return state
    }

    func select(_ id: String, _ state: inout AppState) {
        _ = type([.home], &state)
        while let index = state.board.list.selectedSource, state.boardRow(index)?.id != id {
            let before = index
            _ = type([.down], &state)
            if state.board.list.selectedSource == before { break }
        }
        #expect(state.board.list.selectedSource.flatMap { state.boardRow($0)?.id } == id)
    }

    @Test func eachChangingKeyOnTheBoardSaysReadOnlyAndAsksForNothing() {
        // n on any row; a on an archivable one; r on the failed one; c on the accepted one.
        let refusals = [
            ("insp-1", "n", "new case"), ("insp-5", "a", "archive"), ("insp-7", "r", "retry upload"),
            ("insp-5", "c", "compare with earlier"),
        ]
        for (id, key, label) in refusals {
            var state = readOnlyBoard()
            select(id, &state)
            let commands = type([.character(Character(key))], &state)
            #expect(commands.isEmpty, "\(key) asked for \(commands)")
            #expect(state.route == .board)
            #expect(
                state.notice?.text.hasPrefix("read-only: \(label) is not for this board") == true,
                "\(key): \(String(describing: state.notice))")
            #expect(shown(state).contains("read-only"))
        }
    }

    @Test func theSameKeysActOnABoardThatMayChange() {
        var state = ScreenFixtures.boardAllStates()
        select("insp-5", &state)
        #expect(type(chars("a"), &state) == [.setArchived(id: "insp-5", archived: true)])
        _ = type(chars("n"), &state)
        #expect(state.route == .caseEntry)
    }

    @Test func footerAndHelpDoNotOfferTheChangingKeys() {
        var state = readOnlyBoard()
        select("insp-7", &state)
        let labels = AppView.hints(state).hints.map(\.label)
        for refused in ["new case", "retry upload", "archive", "restore from archive", "compare with earlier"] {
            #expect(!labels.contains(refused), "\(refused) is offered")
        }
        #expect(labels.contains("vehicle history") && labels.contains("open"))
        #expect(!shown(state).contains("new case"))
        _ = type([.character("?")], &state)
        #expect(!shown(state).contains("new case") && !shown(state).contains("retry upload"))
    }

    @Test func aFailedInspectionsDetailRefusesRetryNewInspectionAndChangingPhotos() {
        for key in ["r", "N", "p"] {
            var state = readOnlyBoard()
            select("insp-7", &state)
            _ = type([.enter], &state)
            #expect(state.route == .detail(id: "insp-7"))
            #expect(type([.character(Character(key))], &state).isEmpty)
            #expect(state.overlay == nil, "\(key) asked a question")
            #expect(state.route == .detail(id: "insp-7"))
            #expect(state.notice?.text.hasPrefix("read-only: ") == true, "\(key)")
        }
    }

    @Test func noRowNamesAKeyThatWouldChangeIt() {
        var state = ScreenFixtures.boardAllStates(Size(width: 160, height: 40))
        #expect(shown(state).contains("press r"))
        state.readOnly = true
        #expect(!shown(state).contains("press r"))
        #expect(shown(state).contains("Failed"))
    }

    @Test func aDraftOpensAsItsDetailNotItsForm() {
        var state = readOnlyBoard()
        select("insp-1", &state)
        _ = type([.enter], &state)
        #expect(state.route == .detail(id: "insp-1"))
        #expect(state.draft == nil)
    }

    /// Every key on every row, and on the screens the rows lead to: no command that changes data goes out.
    @Test func noKeyAnywhereAsksForAChange() {
        for row in 0..<8 {
            for first in Self.everyKey {
                var state = readOnlyBoard()
                _ = type(Array(repeating: .down, count: row), &state)
                var commands = type([first], &state)
                for key in Self.everyKey where key != .character("q") {
                    commands += type([key], &state)
                }
                let changing = commands.filter(\.changesData)
                #expect(changing.isEmpty, "row \(row), \(first): \(changing)")
            }
        }
    }

    @Test func aChangeReachedSomeOtherWayIsDropped() {
        var state = readOnlyBoard()
        // A question confirmed (say, "upload again as a new inspection") still sends nothing.
        state.overlay = .confirm(.uploadAgainAsNew(id: "insp-7", caseID: "CASE-20407", words: Languages.english))
        let commands = type(
            ConfirmDialog.uploadAgainAsNew(id: "insp-7", caseID: "CASE-20407", words: Languages.english).keymap.bindings
                .flatMap(\.keys), &state)
        #expect(!commands.contains { $0.changesData })
    }
}
