import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Every screen, its help and its questions at the smallest size (60×20) and at 80×24: a snapshot of each, and
/// what must hold on all of them (the keys that lead on or back stay on the footer; messages are whole).
@Suite struct SmallScreenTests {
    static let sizes = [ScreenFixtures.minimum, ScreenFixtures.small]

    /// Every screen and overlay an operator meets, by snapshot name.
    static func screens(_ size: Size) -> [(name: String, state: AppState)] {
        func with(_ state: AppState, _ keys: [Key]) -> AppState {
            var state = state
            for key in keys { _ = update(&state, .key(key)) }
            return state
        }
        let board = ScreenFixtures.boardAllStates(size)
        let caseEntry = ScreenFixtures.caseEntry(size)
        let photos = ScreenFixtures.photos(size)
        let review = ScreenFixtures.review(size)
        var doubtful = review
        if let draft = doubtful.draft, let first = draft.photos.first {
            _ = update(
                &doubtful,
                .screen(
                    .review(
                        .qualityChecked(
                            id: draft.id, photos: draft.photos,
                            [
                                PhotoFinding(slot: first.slot, path: first.path, kind: .blurred(score: 23.4))
                            ]))))
            _ = update(&doubtful, .key(.enter))
        }
        var failedSubmit = review
        _ = update(&failedSubmit, .key(.enter))
        _ = update(
            &failedSubmit,
            .submitFailed(
                id: failedSubmit.draft?.id ?? "",
                reason: "the photo IMG_4101.jpg cannot be read any more: it was moved or deleted"))
        return [
            ("board", board),
            ("board-help", with(board, [.character("?")])),
            ("board-quit", with(board, [.character("q")])),
            // Help over a question lists its answers and Esc, and the keys every screen takes.
            ("board-quit-help", with(board, [.character("q"), .character("?")])),
            ("board-filter", with(board, [.character("/"), .character("m"), .character("-")])),
            ("case-entry", caseEntry),
            ("case-entry-help", with(caseEntry, [.character("?")])),
            ("case-entry-leave", with(caseEntry, [.escape])),
            ("case-entry-leave-help", with(caseEntry, [.escape, .function(1)])),
            ("photos", photos),
            ("photos-help", with(photos, [.character("?")])),
            ("photos-help-page-2", with(photos, [.character("?"), .pageDown])),
            ("review", review),
            ("review-reason", ScreenFixtures.review(size, askReason: true)),
            ("review-doubtful", doubtful),
            ("review-not-submitted", failedSubmit),
            ("upload", ScreenFixtures.upload(size)),
            ("detail", ScreenFixtures.detailAvailable(size)),
            ("detail-rejected", ScreenFixtures.detailRejected(size)),
            ("history", HistoryFixtures.historyOfReturn(size)),
            ("compare-pick", HistoryFixtures.pickerForReturn(size)),
            ("comparison", HistoryFixtures.comparisonResult(size)),
        ]
    }

    @Test(arguments: sizes) func everyScreenMatchesItsSnapshot(size: Size) {
        for screen in Self.screens(size) {
            assertSnapshot(view(screen.state, size: size), named: "small-\(screen.name)-\(size.width)x\(size.height)")
        }
    }

    /// The keys that lead on or back (submit, review, board, Esc…) are on the footer whatever else does not fit.
    @Test(arguments: sizes) func everyFooterKeepsTheKeysToGoOn(size: Size) {
        for screen in Self.screens(size) where screen.state.overlay == nil {
            let footer = view(screen.state, size: size).rowText(size.height - 1)
            let needed = AppView.hints(screen.state).hints.filter { $0.rank == .goOn && $0.inFooter && $0.enabled }
            #expect(!needed.isEmpty || screen.name.hasPrefix("comparison"), "\(screen.name): no key leads on")
            for hint in needed {
                #expect(
                    footer.contains(hint.keyLabel + " " + hint.label),
                    "\(screen.name) at \(size.width)×\(size.height): footer lacks \(hint.keyLabel) \(hint.label): \(footer)"
                )
            }
        }
    }

    /// The rows of a screen read as running text: each row's text without the frame, joined by single spaces.
    static func runningText(_ screen: Screen) -> String {
        (0..<screen.size.height).map { screen.rowText($0).trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// Messages that have room to wrap are wrapped whole, never cut mid-word, at both sizes.
    @Test(arguments: sizes) func messagesAreShownWhole(size: Size) {
        let caseEntry = ScreenFixtures.caseEntry(size)
        var failed = ScreenFixtures.review(size)
        _ = update(&failed, .key(.enter))
        _ = update(
            &failed,
            .submitFailed(
                id: failed.draft?.id ?? "",
                reason: "the photo IMG_4101.jpg cannot be read any more: it was moved or deleted"))
        var help = ScreenFixtures.photos(size)
        _ = update(&help, .key(.character("?")))
        let cases: [(String, AppState, String)] = [
            ("case entry", caseEntry, "Report e-mail \"claims@example\" is not an address like name@example.com."),
            ("review", failed, "the photo IMG_4101.jpg cannot be read any more: it was moved or deleted"),
            (
                "upload", ScreenFixtures.upload(size),
                "Esc returns to the board while the upload goes on; it resumes if inspekt closes."
            ),
            ("history", HistoryFixtures.historyOfReturn(size), "3 inspections, 1 comparison, oldest first"),
            (
                "compare with", HistoryFixtures.pickerForReturn(size),
                "Earlier inspections of this vehicle, newest first; a shows every vehicle's."
            ),
        ]
        for (name, state, message) in cases {
            let shown = Self.runningText(view(state, size: size))
            #expect(
                shown.contains(message),
                "\(name) at \(size.width)×\(size.height) does not show whole: \(message)\n\(shown)")
        }
        let closing = Self.runningText(view(help, size: size))
        #expect(closing.contains("any other key closes") || closing.contains("any key closes"))
    }

    /// A counter on the right of the title bar keeps its room: a long case id and vehicle are shortened before it.
    @Test(arguments: sizes) func countersNeverOverwriteTheTitle(size: Size) {
        var state = ScreenFixtures.photos(size)
        state.draft?.facts.caseID = "CASE-2041700000000000000000"
        state.draft?.facts.vehicle = "WVWZZZ1JZXW000001 silver estate"
        let top = view(state, size: size).rowText(0)
        #expect(top.hasSuffix("3/8 covered "), "\(top)")
        let title = top.dropLast("3/8 covered ".count)
        #expect(title.hasSuffix(" ") && title.trimmingCharacters(in: .whitespaces).hasSuffix("…"), "\(top)")
    }

    /// The overall line of an upload drops figures that do not fit whole (time left, then rate), never cutting one.
    @Test(arguments: sizes) func uploadFiguresAreWholeOrAbsent(size: Size) {
        let row = view(ScreenFixtures.upload(size), size: size).rowText(4)
        #expect(row.contains("37%  7.0 MB / 18.8 MB"), "\(row)")
        #expect(!row.contains("…"), "\(row)")
    }
}
