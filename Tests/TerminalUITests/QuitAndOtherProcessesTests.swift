import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Issue 7: quitting while results are still to come asks first and says how they will arrive;
/// changes made by other processes reload the board; a lost upload lock is said in words.
@Suite struct QuitAndOtherProcessesTests {
    let size = ScreenFixtures.small

    /// A board whose only unfinished business is an inspection waiting for its result.
    func processingBoard(_ size: Size = ScreenFixtures.small) -> AppState {
        var state = ScreenFixtures.base(size)
        _ = update(
            &state,
            .inspectionsLoaded([
                ScreenFixtures.inspection(1, .processing, minutesAgo: 3, vehicle: "D-EF 77"),
                ScreenFixtures.inspection(2, .available, minutesAgo: 60, vehicle: "M-AB 123"),
            ]))
        return state
    }

    @Test(arguments: ScreenSnapshotTests.sizes) func quitWhileProcessingSnapshot(size: Size) {
        var state = processingBoard(size)
        #expect(update(&state, .key(.character("q"))).isEmpty)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("board-quit-processing", size))
    }

    @Test func quittingWhileProcessingAsksAndSaysHowResultsStillArrive() {
        var state = processingBoard()
        #expect(update(&state, .key(.character("q"))).isEmpty)
        let screen = text(view(state, size: size))
        // The dialog's sentences, its wrapped lines joined.
        let said = screen.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "│", omittingEmptySubsequences: false)
            return parts.count == 3 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        }.joined(separator: " ")
        #expect(screen.contains("Quit inspekt?"))
        #expect(screen.contains("1 inspection is processing"))
        #expect(
            said.contains(
                "Its result still arrives with the board closed: this kiosk's receiver stays until it is in"))
        #expect(said.contains("(inspekt status shows it)"), "\(said)")
        // "n" stays on the board, nothing happens.
        #expect(update(&state, .key(.character("n"))).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.route == .board)
        // Ctrl-C asks the same question; "y" quits.
        #expect(update(&state, .key(.control("c"))).isEmpty)
        #expect(text(view(state, size: size)).contains("Quit inspekt?"))
        #expect(update(&state, .key(.character("y"))) == [.quit])
    }

    @Test func quittingWithNothingPendingDoesNotAsk() {
        var state = ScreenFixtures.base()
        _ = update(&state, .inspectionsLoaded([ScreenFixtures.inspection(2, .available, minutesAgo: 60)]))
        #expect(update(&state, .key(.character("q"))) == [.quit])
    }

    @Test func aChangeByAnotherProcessReloadsTheBoardAndAnOpenDetail() {
        var state = processingBoard()
        #expect(update(&state, .storeChangedElsewhere) == [.loadInspections])
        // The reload shows what the other process stored: the result.
        var finished = ScreenFixtures.inspection(1, .available, minutesAgo: 3, vehicle: "D-EF 77")
        finished.result = ResultSummary(
            verdict: .available, caseID: "CASE-20401", inspectionID: "sess-1", damagedParts: [])
        _ = update(&state, .inspectionsLoaded([finished, ScreenFixtures.inspection(2, .available, minutesAgo: 60)]))
        let row = text(view(state, size: size)).split(separator: "\n").first { $0.contains("CASE-20401") }
        #expect(row?.contains("Available") == true, "\(row ?? "")")

        _ = update(&state, .key(.enter))
        #expect(state.route == .detail(id: "insp-1"))
        #expect(
            update(&state, .storeChangedElsewhere) == [.loadInspections, .screen(.detail(.loadDetail(id: "insp-1")))])
        // Each screen that shows stored data reads it again: a comparison, a car's history; the others nothing more.
        state.route = .comparison(id: "insp-1")
        #expect(
            update(&state, .storeChangedElsewhere) == [
                .loadInspections, .screen(.history(.loadComparison(id: "insp-1"))),
            ])
        state.route = .history
        state.history.vehicle = "D-EF 77"
        #expect(
            update(&state, .storeChangedElsewhere) == [
                .loadInspections, .screen(.history(.loadHistory(vehicle: "D-EF 77"))),
            ])
        state.route = .upload(id: "insp-1")
        #expect(update(&state, .storeChangedElsewhere) == [.loadInspections])
    }

    @Test func anUploadHeldByAnotherProcessIsSaidWithItsHolder() {
        var state = ScreenFixtures.boardAllStates()
        let holder = "the board of mira on pts/3 (process 4711 on kiosk-a, since 07:12)"
        _ = update(&state, .service(.uploadBusy(inspectionID: "insp-3", holder: holder)))
        let screen = text(view(state, size: ScreenFixtures.large))
        #expect(state.notice?.text == "CASE-20403 is not uploaded from here: \(holder) is uploading it.")
        #expect(screen.contains("CASE-20403 is not uploaded from here: the board of mira on pts/3"))
        // Nothing else changed: the row still shows the other process's upload.
        #expect(state.inspection(id: "insp-3")?.state == .uploading)
    }
}
