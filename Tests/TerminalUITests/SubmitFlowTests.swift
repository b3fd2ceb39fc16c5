import Foundation
import InspektCore
import Synchronization
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// A store of inspections in memory that a board window reads, as the program's board reads its database.
private final class StoredInspections: BoardSource {
    let list: Mutex<[Inspection]>
    init(_ list: [Inspection]) { self.list = Mutex(list) }

    func save(_ inspection: Inspection) {
        list.withLock { all in
            all.removeAll { $0.id == inspection.id }
            all.append(inspection)
            all.sort { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id }
        }
    }
    func matching(_ filter: String) -> [Inspection] {
        let needle = BoardSearch.needle(filter)
        return list.withLock { $0 }.filter {
            needle.isEmpty
                || BoardSearch.key(caseID: $0.facts.caseID, vehicle: $0.facts.vehicle, id: $0.id).contains(needle)
        }
    }
    func count(matching filter: String, archived: Bool) -> Int { matching(filter).count }
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) -> [Inspection] {
        Array(matching(filter).dropFirst(offset).prefix(limit))
    }
    func position(of id: String, matching filter: String, archived: Bool) -> Int? {
        matching(filter).firstIndex { $0.id == id }
    }
    func archivedCount() -> Int { 0 }
    func count(in states: [InspectionState]) -> Int { list.withLock { $0 }.filter { states.contains($0.state) }.count }
}

/// Submitting from Review, as an operator does it: Enter pressed twice, Esc, and back on the board.
@Suite struct SubmitFlowTests: FlowScript {
    let now = SampleStates.referenceNow
    let size = Size(width: 80, height: 24)

    /// Types a new case with eight photos up to Review, the photo checks answered; returns the draft's id.
    func reviewNewCase(_ caseID: String, _ state: inout AppState, saved: ((Inspection) -> Void)? = nil) -> String {
        var commands = type([.character("n")] + chars(caseID) + [.function(2)], &state)
        commands += update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(10)))))
        commands += type([.character("a"), .function(2)], &state)
        for case .saveDraft(let draft) in commands { saved?(draft) }
        #expect(state.route == .review)
        _ = update(
            &state, .screen(.review(.qualityChecked(id: state.draft?.id ?? "", photos: state.draft?.photos ?? [], []))))
        // A board over the database asks the store whether the case was accepted before: it was not.
        if state.review.earlierCase == .asking {
            _ = update(&state, .screen(.review(.acceptedCaseFound(id: state.draft?.id ?? "", caseID: caseID, nil))))
        }
        return state.draft?.id ?? ""
    }

    /// What the service does with a submit: the draft stored as ready, then uploading.
    func serviceTakes(_ id: String, _ state: inout AppState, as newState: InspectionState = .ready) -> Inspection? {
        guard var inspection = state.inspection(id: id) else { return nil }
        inspection.state = newState
        _ = update(&state, .service(.inspectionChanged(inspection)))
        return inspection
    }

    func submits(_ commands: [Command]) -> Int { commands.filter { $0.submitted != nil }.count }

    /// The second Enter comes before the service has taken the draft: one submit, and the upload screen stays,
    /// naming the case; Esc leads to the board without offering to keep the sent case as a draft.
    @Test func enterTwiceBeforeTheServiceAnswersSubmitsOnceAndStaysOnTheUpload() {
        var state = freshState()
        let id = reviewNewCase("RETURN-7", &state)
        let commands = type([.enter, .enter], &state)
        #expect(submits(commands) == 1)
        #expect(state.route == .upload(id: id))
        _ = serviceTakes(id, &state)
        _ = serviceTakes(id, &state, as: .uploading)
        #expect(state.route == .upload(id: id))
        #expect(state.draft == nil)
        #expect(screenText(state).contains("RETURN-7"))
        #expect(type([.escape], &state).isEmpty)
        #expect(state.route == .board)
        #expect(state.overlay == nil)
        #expect(!screenText(state).contains("keep as draft"))
    }

    /// The service answers between the two keys: the second Enter still does not leave the running upload.
    @Test func enterTwiceAfterTheServiceAnswersStaysOnTheUpload() {
        var state = freshState()
        let id = reviewNewCase("RETURN-8", &state)
        var commands = type([.enter], &state)
        _ = serviceTakes(id, &state)
        commands += type([.enter], &state)
        #expect(submits(commands) == 1)
        #expect(state.route == .upload(id: id))
        #expect(state.draft == nil)
    }

    /// A draft submitted but not yet taken, opened from the board, shows its upload, never its photos again.
    @Test func aSubmittedDraftOpenedFromTheBoardShowsItsUpload() {
        var state = freshState()
        let id = reviewNewCase("RETURN-9", &state)
        _ = type([.enter, .escape], &state)
        #expect(state.route == .board)
        #expect(BoardScreen.selected(state)?.id == id)
        #expect(type([.enter], &state).isEmpty)
        #expect(state.route == .upload(id: id))
        _ = serviceTakes(id, &state)
        #expect(state.route == .upload(id: id))
        // Esc from there: nothing asks about a draft.
        _ = type([.escape], &state)
        #expect(state.route == .board)
        #expect(state.overlay == nil)
    }

    /// Taken by the service while its photos were on screen (another process submitted it): the photos screen
    /// gives way to the upload, so no key edits a sent case and no Esc offers to keep it as a draft.
    @Test func aDraftSentElsewhereLeavesThePhotosScreen() {
        var state = freshState()
        let id = reviewNewCase("RETURN-10", &state)
        _ = type([.escape], &state)
        #expect(state.route == .photos)
        _ = serviceTakes(id, &state)
        #expect(state.route == .upload(id: id))
        _ = type([.escape, .escape], &state)
        #expect(state.route == .board)
        #expect(state.overlay == nil)
    }

    /// Back on the board after an upload, the highlight is on the case just sent, not on the row that was
    /// highlighted before it was created.
    @Test func theBoardHighlightsTheCaseJustSent() {
        var state = ScreenFixtures.boardAllStates()
        _ = type([.down, .down], &state)
        let before = BoardScreen.selected(state)?.id
        let id = reviewNewCase("RETURN-11", &state)
        _ = type([.enter], &state)
        _ = serviceTakes(id, &state, as: .uploading)
        _ = type([.escape], &state)
        #expect(state.route == .board)
        #expect(BoardScreen.selected(state)?.id == id)
        #expect(before != id)
        let row = view(state, size: size).rowText(2 + state.board.list.selected)
        #expect(row.hasPrefix("▶ RETURN-11"))
    }

    /// A board over the database holds only the rows it shows: whether the case was accepted before (letter case
    /// aside) is asked of the store, and Enter waits for the answer, as `inspekt submit` does.
    @Test func theBoardOverTheDatabaseAsksTheStoreWhetherTheCaseWasAcceptedBefore() {
        var earlier = ScreenFixtures.inspection(5, .available, minutesAgo: 60)
        earlier.facts.caseID = "RETURN-13"
        let store = StoredInspections([])
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", size: size, timeZone: TimeZone(identifier: "UTC") ?? .current, idSeed: 5)
        state.attachBoardSource(store)
        let pages = BoardPages(source: store)
        var commands = pages.type([.character("n")] + chars("return-13") + [.function(2)], &state)
        commands += pages.update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(10)))))
        commands += pages.type([.character("a"), .function(2)], &state)
        let id = state.draft?.id ?? ""
        #expect(commands.contains(.screen(.review(.findAcceptedCase(id: id, caseID: "return-13")))))
        _ = pages.update(&state, .screen(.review(.qualityChecked(id: id, photos: state.draft?.photos ?? [], []))))
        #expect(submits(pages.type([.enter], &state)) == 0, "Enter waits for the store's answer")
        _ = pages.update(&state, .screen(.review(.acceptedCaseFound(id: id, caseID: "return-13", earlier))))
        #expect(screenText(state).contains("Submit this case again?"))
        #expect(submits(pages.type([.character("y")], &state)) == 1)
    }

    /// The same over the window the program's board reads from its database.
    @Test func theBoardOverTheDatabaseHighlightsTheCaseJustSent() {
        let fixture = ScreenFixtures.boardAllStates()
        let store = StoredInspections(fixture.inspections)
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"),
            size: size, timeZone: TimeZone(identifier: "UTC") ?? .current, idSeed: 3)
        state.attachBoardSource(store)
        let pages = BoardPages(source: store)
        _ = pages.type([.down, .down, .down], &state)
        let id = reviewNewCase("RETURN-12", &state, saved: store.save)
        _ = pages.type([.enter], &state)
        guard let taken = serviceTakes(id, &state, as: .uploading) else {
            Issue.record("the submitted draft is known to the board")
            return
        }
        store.save(taken)
        _ = pages.type([.escape], &state)
        #expect(BoardScreen.selected(state)?.id == id)
        #expect(view(state, size: size).rowText(2 + state.board.list.selected).hasPrefix("▶ RETURN-12"))
    }
}
