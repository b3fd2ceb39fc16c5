import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// The keys of issue 11: every screen without function keys, lists that move alike, a form that wraps.
@Suite struct KeyFlowTests: KeyScript {
    let size = ScreenFixtures.small

    @Test func tabAndShiftTabWrapAroundTheCaseForm() {
        var state = ScreenFixtures.base()
        _ = type([.character("n")], &state)
        #expect(state.caseEntry.focus == .caseID)
        _ = type([.backTab], &state)
        #expect(state.caseEntry.focus == .notes)
        _ = type([.tab], &state)
        #expect(state.caseEntry.focus == .caseID)
        _ = type(Array(repeating: .tab, count: CaseField.allCases.count), &state)
        #expect(state.caseEntry.focus == .caseID)
        _ = type([.up], &state)
        #expect(state.caseEntry.focus == .notes)
    }

    @Test func aLetterPicksTheVehicleTypeByItsHumanName() {
        var state = ScreenFixtures.base()
        _ = type([.character("n"), .tab, .tab], &state)
        #expect(state.caseEntry.focus == .vehicleType)
        _ = type(chars("s"), &state)
        #expect(state.caseEntry.vehicleType == .carSUV)
        #expect(shown(state).contains("< SUV >"))
        _ = type(chars("s"), &state)
        #expect(state.caseEntry.vehicleType == .carSedan)
        _ = type(chars("P"), &state)
        #expect(state.caseEntry.vehicleType == .pickupTruck)
        #expect(shown(state).contains("< Pickup truck >"))
        #expect(!shown(state).contains("pickup-truck"))
        _ = type(chars("z"), &state)
        #expect(state.caseEntry.vehicleType == .pickupTruck)
        #expect(shown(state).contains("No vehicle type starts with z"))
        // Space and the arrows still step through the list.
        _ = type([.character(" ")], &state)
        #expect(state.caseEntry.vehicleType == nil)
        _ = type([.right], &state)
        #expect(state.caseEntry.vehicleType == .car)
    }

    @Test func everyScreenIsReachableWithoutFunctionKeys() {
        var state = ScreenFixtures.base()
        _ = type([.character("n")] + chars("CASE-31") + [.tab] + chars("B-XY 1"), &state)
        #expect(shown(state).contains("F2/^N photos"))
        var commands = type([.control("n")], &state)
        #expect(state.route == .photos)
        #expect(commands.contains(.screen(.photos(.scanInbox(path: "/srv/inbox")))))
        #expect(shown(state).contains("F2/n review"))
        commands = type([.character("n")], &state)
        #expect(state.route == .review)
        _ = type([.character("q")], &state)
        #expect(state.route == .photos)
        _ = type([.control("n")], &state)
        #expect(state.route == .review)
        _ = type([.escape], &state)
        _ = type([.character("q")], &state)
        #expect(state.route == .caseEntry)
        // Help without F1, also while a text field has the keys.
        _ = type([.control("g")], &state)
        #expect(state.overlay == .help)
        #expect(shown(state).contains("Keys: Case entry"))
    }

    @Test func qLeavesUploadAndDetailForTheBoard() {
        var state = ScreenFixtures.upload()
        _ = type([.character("q")], &state)
        #expect(state.route == .board)
        state = ScreenFixtures.detailAvailable()
        _ = type([.character("q")], &state)
        #expect(state.route == .board)
    }

    @Test func theUploadFooterPromisesNothingAfterTheUploadEnded() {
        var state = ScreenFixtures.upload()
        #expect(shown(state).contains("Esc board (upload goes on)"))
        guard var inspection = state.inspection(id: "insp-9") else {
            Issue.record("the upload fixture holds insp-9")
            return
        }
        inspection.state = .failedRetryable
        inspection.failureReason = "the connection was reset"
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(&state, .service(.uploadFailed(inspectionID: "insp-9", reason: "the connection was reset")))
        let failed = shown(state)
        #expect(!failed.contains("upload goes on"))
        #expect(failed.contains("Esc board"))
        #expect(failed.contains("Upload stopped: press r to try again, Enter for details, Esc for the board."))
        // r: the next attempt runs, and nothing of the failed one is shown as its fate.
        inspection.state = .uploading
        _ = update(&state, .service(.inspectionChanged(inspection)))
        let retrying = shown(state)
        #expect(
            retrying.contains("upload goes on") && retrying.contains("sending") && !retrying.contains("not sent"),
            "\(retrying)")
        inspection.state = .available
        _ = update(&state, .service(.inspectionChanged(inspection)))
        #expect(!shown(state).contains("upload goes on"))
    }

    @Test func anAcceptedUploadNeverGoesOnAndOneThatMayHaveBeenAcceptedSaysWhatToPress() {
        var state = ScreenFixtures.upload()
        // Accepted, before the inspection's new state arrives: nothing goes on any more.
        _ = update(&state, .service(.uploadAccepted(inspectionID: "insp-9", session: "sess-9f3a")))
        #expect(!shown(state).contains("upload goes on"), "\(shown(state))")
        state = ScreenFixtures.upload()
        guard var inspection = state.inspection(id: "insp-9") else {
            Issue.record("the upload fixture holds insp-9")
            return
        }
        inspection.state = .mayHaveBeenAccepted
        inspection.failureReason = "no answer came"
        _ = update(&state, .service(.inspectionChanged(inspection)))
        let screen = shown(state)
        #expect(!screen.contains("upload goes on"))
        #expect(screen.contains("Press r to ask again"), "\(screen)")
        #expect(type([.character("r")], &state) == [.retry(id: "insp-9")])
    }

    /// The photos fixture's inbox: a folder, two unusable files, then IMG_4114 (newest) … IMG_4101 (oldest).
    func photosWithFocus(_ focus: PhotosFocus = .inbox) -> AppState {
        var state = ScreenFixtures.photos()
        state.photos.focus = focus
        return state
    }

    @Test func assigningMovesToTheNextPhotoInCaptureOrderAndTheNextEmptySlot() {
        var state = photosWithFocus()
        // The fixture assigned 4101, 4102, 4103 (oldest first) to slots 1–3.
        let slots = Dictionary(uniqueKeysWithValues: (state.draft?.photos ?? []).map { ($0.slot, $0.fileName) })
        #expect(slots == [.front: "IMG_4101.jpg", .frontLeft: "IMG_4102.jpg", .left: "IMG_4103.jpg"])
        #expect(state.photos.highlighted?.name == "IMG_4104.jpg")
        #expect(state.photos.slot == .rearLeft)
        _ = type([.enter], &state)
        #expect(state.draft?.photos.first { $0.slot == .rearLeft }?.fileName == "IMG_4104.jpg")
        #expect(state.photos.highlighted?.name == "IMG_4105.jpg")
        #expect(state.photos.slot == .rear)
        // A digit skips ahead; the checklist still goes to the next empty slot after it.
        _ = type(chars("7"), &state)
        #expect(state.draft?.photos.first { $0.slot == .right }?.fileName == "IMG_4105.jpg")
        #expect(state.photos.slot == .frontRight)
        #expect(state.photos.highlighted?.name == "IMG_4106.jpg")
    }

    @Test func extraSlotsAreOneKeyFromTheInbox() {
        var state = photosWithFocus()
        for (key, slot) in [
            ("o", CoverageSlot.odometer), ("i", .interior), ("v", .vin), ("d", .damage), ("d", .damage),
        ] {
            let name = state.photos.highlighted?.name
            let commands = type(chars(key), &state)
            #expect(commands.contains { if case .saveDraft = $0 { true } else { false } }, "\(key)")
            #expect(state.draft?.photos.contains { $0.slot == slot && $0.fileName == name } ?? false, "\(key)")
        }
        #expect(state.draft?.photos.filter { $0.slot == .damage }.count == 2)
    }

    @Test func xRemovesFromThePaneThatHasTheKeys() {
        var state = photosWithFocus()
        // Inbox pane: the highlighted file, wherever it sits.
        _ = type([.end], &state)
        #expect(state.photos.highlighted?.name == "IMG_4101.jpg")
        _ = type(chars("x"), &state)
        #expect(!(state.draft?.photos.contains { $0.fileName == "IMG_4101.jpg" } ?? true))
        #expect(shown(state).contains("Removed IMG_4101.jpg from Front."))
        // Checklist pane: the highlighted slot's photo.
        _ = type([.tab, .home, .down], &state)
        #expect(state.photos.slot == .frontLeft)
        _ = type(chars("x"), &state)
        #expect(!(state.draft?.photos.contains { $0.slot == .frontLeft } ?? true))
        #expect(state.draft?.photos.map(\.fileName) == ["IMG_4103.jpg"])
        // Nothing to remove: x does nothing and is not offered.
        _ = type([.home], &state)
        #expect(type(chars("x"), &state).isEmpty)
    }

    @Test func gAndGAndHomeAndEndMoveEveryList() {
        var state = photosWithFocus()
        _ = type(chars("G"), &state)
        #expect(state.photos.highlighted?.name == "IMG_4101.jpg")
        _ = type(chars("g"), &state)
        #expect(state.photos.highlighted?.name == "yesterday")
        _ = type([.end], &state)
        #expect(state.photos.highlighted?.name == "IMG_4101.jpg")
        _ = type([.home, .tab, .end], &state)
        #expect(state.photos.slot == .damage)
        _ = type(chars("g"), &state)
        #expect(state.photos.slot == .front)

        var board = ScreenFixtures.boardAllStates()
        _ = type(chars("G"), &board)
        #expect(board.board.list.selected == board.board.list.count - 1)
        _ = type([.home], &board)
        #expect(board.board.list.selected == 0)
    }

    @Test func detailScrollsToItsEndAndBack() {
        var state = ScreenFixtures.detailAvailable(Size(width: 60, height: 20))
        _ = type([.end], &state)
        let bottom = state.detail.scroll
        #expect(bottom > 0)
        _ = type([.down, .down], &state)
        #expect(state.detail.scroll == bottom)
        _ = type([.up], &state)
        #expect(state.detail.scroll == bottom - 1)
        _ = type(chars("g"), &state)
        #expect(state.detail.scroll == 0)
    }

    @Test func reviewScrollsWhenItDoesNotFit() {
        var state = ScreenFixtures.review(Size(width: 60, height: 20))
        let top = shown(state)
        #expect(top.contains("Case id"))
        #expect(top.contains("j/k, PgUp/PgDn scroll"))
        #expect(!top.contains("Checking size, sharpness"))
        _ = type([.end], &state)
        let bottom = shown(state)
        #expect(bottom.contains("Checking size, sharpness"))
        #expect(!bottom.contains("Case id"))
        _ = type(chars("g"), &state)
        #expect(shown(state) == top)
        _ = type([.pageDown], &state)
        #expect(state.review.scroll > 0)
    }

    @Test func theBoardFilterMatchesStateWordsAndInspectionIDs() throws {
        var state = ScreenFixtures.boardAllStates()
        _ = type([.character("/")] + chars("failed"), &state)
        let failed = (0..<state.board.list.count).map { state.inspections[state.board.list.sourceIndex($0)].id }
        #expect(failed == ["insp-7"])
        _ = type([.escape, .character("/")] + chars("insp-4"), &state)
        #expect(state.board.list.count == 1)
        #expect(shown(state).contains("CASE-20404"))
        _ = type([.escape, .character("/")] + chars("sess-6"), &state)
        #expect(state.board.list.selectedSource.map { state.inspections[$0].id } == "insp-6")
        // A state reached later is found by its new word.
        _ = type([.escape, .character("/")] + chars("available"), &state)
        #expect(state.board.list.count == 1)
        let summary = ResultSummary(verdict: .available, caseID: "CASE-20404", inspectionID: "sess-4")
        _ = update(&state, .service(.resultReceived(inspectionID: "insp-4", summary)))
        // As the service does: the result, then the inspection as stored.
        var stored = try #require(state.inspection(id: "insp-4"))
        stored.state = .available
        stored.result = summary
        _ = update(&state, .service(.inspectionChanged(stored)))
        #expect(state.board.list.count == 2)
    }

    @Test func archivingHidesWithoutDeletingAndAShowsArchived() {
        var state = ScreenFixtures.boardAllStates()
        let total = state.inspections.count
        // Uploading inspections cannot be archived.
        _ = type([.down], &state)
        #expect(state.board.list.selectedSource.map { state.inspections[$0].state } == .ready)
        #expect(type(chars("a"), &state).isEmpty)
        _ = type([.character("/")] + chars("CASE-20405") + [.enter], &state)
        #expect(type(chars("a"), &state) == [.setArchived(id: "insp-5", archived: true)])
        _ = type([.character("/"), .escape], &state)
        #expect(state.inspections.count == total)
        #expect(state.board.list.count == total - 1)
        #expect(shown(state).contains("8 inspections, 1 archived"))
        #expect(!shown(state).contains("CASE-20405"))
        _ = type(chars("A"), &state)
        #expect(state.board.list.count == total)
        #expect(shown(state).contains("archived, Available"))
        _ = type([.character("/")] + chars("archived") + [.enter], &state)
        #expect(type(chars("a"), &state) == [.setArchived(id: "insp-5", archived: false)])
        _ = type([.character("/"), .escape, .character("A")], &state)
        #expect(state.board.list.count == total)
    }

    @Test func aLongNoticeEndsInAnEllipsisAfterAWholeWord() {
        var state = ScreenFixtures.boardAllStates()
        _ = update(
            &state,
            .commandFailed(
                "The upload could not be retried: the inspection was changed on another kiosk meanwhile, reload the board"
            ))
        let line = view(state, size: size).rowText(size.height - 2).trimmingCharacters(in: .whitespaces)
        #expect(line.hasSuffix("…"))
        let words =
            "The upload could not be retried: the inspection was changed on another kiosk meanwhile, reload the board"
            .split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",:")) }
        let lastShown = line.dropLast().split(separator: " ").last.map(String.init) ?? ""
        #expect(words.contains(lastShown), "cut mid-word: \(line)")
    }

    @Test func theTooSmallLineSaysTheSizeNeeded() {
        let state = ScreenFixtures.boardAllStates(Size(width: 50, height: 10))
        #expect(shown(state).contains("terminal too small (need 60×20)"))
    }
}
