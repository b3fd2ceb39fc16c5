import Foundation
import InspektCore
import Synchronization
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// Issue 9: the fleet database out of reach under an open board. The top line says so and what the operator types
/// and chooses stays; the service's outbox (`DraftOutbox`) holds the saves and submits and tells the board what
/// waits, which the board shows, until the database answers again.
@Suite struct DatabaseOutageFlowTests: FlowScript {
    let now = SampleStates.referenceNow
    let size = Size(width: 80, height: 24)
    static let place = "db.example.com:5432"
    static let words = "database unreachable (db.example.com:5432) — nothing is lost; retrying"

    func top(_ state: AppState) -> String { view(state, size: size).rowText(0) }

    /// The top line's words start after the title; they are in the warning style.
    func outageStyle(_ state: AppState) -> CellStyle? {
        let screen = view(state, size: size)
        guard let at = screen.rowText(0).range(of: "database") else { return nil }
        return screen[screen.rowText(0).distance(from: screen.rowText(0).startIndex, to: at.lowerBound), 0].style
    }

    /// What the service's outbox says while the database is away: where it is, and what waits for it.
    static func away(_ waiting: [String: DatabaseReach.Waiting] = [:], place: String = place) -> Message {
        .service(.database(DatabaseReach(away: place, waiting: waiting)))
    }

    /// What it says once the database answers again.
    static let back = Message.service(.database(DatabaseReach(away: nil)))

    @Test func caseEntryKeepsWhatWasTypedAndTheTitleSaysSoUntilTheDatabaseIsBack() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-9"), &state)
        guard case .saveDraft(let first)? = type([.tab], &state).first else {
            Issue.record("Tab after a valid case id should save the draft")
            return
        }
        // That save waits in the service's outbox: the database cannot be reached.
        _ = update(&state, Self.away([first.id: .init(caseID: "CASE-9", submitted: false)]))
        #expect(top(state).contains(Self.words), "\(top(state))")
        #expect(outageStyle(state) == CellStyle(role: .warn, bold: true, reverse: true))

        // Typing and moving need no database; only saves go out, and the outbox holds them.
        let typed = type(chars("B-XY 1") + [.tab, .tab, .backTab], &state)
        #expect(
            typed.allSatisfy { if case .saveDraft(let draft) = $0 { draft.id == first.id } else { false } }, "\(typed)")
        #expect(screenText(state).contains("B-XY 1"))
        #expect(state.route == .caseEntry)
        _ = type([.escape, .character("k")], &state)
        #expect(state.route == .board)
        #expect(top(state).contains(Self.words))

        // Quitting leaves it on this kiosk only: asked first, and told where it waits.
        _ = type([.character("q")], &state)
        #expect(screenText(state).contains("Quit inspekt?"))
        guard case .confirm(let dialog)? = state.overlay else {
            Issue.record("q should ask before leaving the held draft")
            return
        }
        #expect(dialog.message.contains("1 draft typed since is kept on this kiosk"), "\(dialog.message)")
        #expect(dialog.message.contains("The next board here saves it once the database answers"))
        #expect(!dialog.message.contains("lose"))
        _ = type([.character("n")], &state)

        // The outbox sends what waited; the board only says so.
        #expect(update(&state, Self.back).isEmpty)
        #expect(screenText(state).contains("The database is back: what waited is being saved."))
        #expect(!top(state).contains("unreachable"))
        #expect(top(state).hasPrefix(" inspekt · Board"))
        #expect(update(&state, Self.back).isEmpty)
        // Nothing waits any more: q quits without the question about held drafts.
        #expect(type([.character("q")], &state) == [.quit])
    }

    @Test func aSubmitWhileUnreachableSaysWhyAndTheUploadScreenWaitsUntilTheDatabaseIsBack() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-8") + [.tab], &state)
        // The watcher saw it first: nothing waits yet.
        _ = update(&state, Self.away())
        var commands = type([.function(2)], &state)
        #expect(commands.contains(.screen(.photos(.scanInbox(path: "/srv/inbox")))))
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(8)))))
        _ = type([.character("a")], &state)
        #expect(screenText(state).contains("Coverage 8/8"))
        _ = type([.function(2)], &state)
        let id = state.draft?.id ?? ""
        _ = update(&state, .screen(.review(.qualityChecked(id: id, photos: state.draft?.photos ?? [], []))))

        // The submit goes to the service, whose outbox holds it: no upload starts there.
        commands = type([.enter], &state)
        #expect(commands.map(\.submitted) == [Submitted(id: id, missingReason: nil)])
        #expect(commands.first?.submittedDraft?.photos.count == 8)
        _ = update(&state, Self.away([id: .init(caseID: "CASE-8", submitted: true)]))
        let shown = screenText(state)
        #expect(shown.contains("Not sent yet: the database is unreachable."))
        #expect(shown.contains("Waiting for the database: no upload starts before it can be recorded."))
        #expect(top(state).contains(Self.words))

        #expect(update(&state, Self.back).isEmpty)
        #expect(!screenText(state).contains("Waiting for the database"))
    }

    @Test func aSubmitThatWaitsForTheDatabaseIsTakenBackByAnEdit() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-7") + [.tab, .function(2)], &state)
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(8)))))
        _ = type([.character("a"), .function(2)], &state)
        let id = state.draft?.id ?? ""
        _ = update(&state, .screen(.review(.qualityChecked(id: id, photos: state.draft?.photos ?? [], []))))
        let submit = type([.enter], &state)
        #expect(submit.map(\.submitted) == [Submitted(id: id, missingReason: nil)])
        _ = update(&state, Self.away([id: .init(caseID: "CASE-7", submitted: true)]))
        #expect(screenText(state).contains("Waiting for the database"))

        // The operator opens it again and removes a photo: the save goes to the outbox, which takes the submit back.
        _ = update(&state, .tick(now.addingTimeInterval(5)))
        _ = type([.escape], &state)
        guard let reopened = state.inspection(id: id) else {
            Issue.record("the held draft should stay on the board")
            return
        }
        _ = AppUpdate.open(reopened, &state)
        #expect(state.route == .photos, "a held submit is the operator's again")
        _ = update(&state, .tick(now.addingTimeInterval(6)))
        let edit = type([.character("x")], &state)
        guard case .saveDraft(let saved)? = edit.first else {
            Issue.record("the edit should be saved, got \(edit)")
            return
        }
        #expect(saved.photos.count == 7)
        _ = update(&state, Self.away([id: .init(caseID: "CASE-7", submitted: false)]))
        #expect(screenText(state).contains("CASE-7 changed: it stays a draft"))
    }

    @Test func aKeptDraftThatCouldNotBeSavedIsNamed() {
        var state = freshState()
        _ = update(&state, .service(.heldDraftFailed(caseID: "CASE-GONE", reason: "gone_3.jpg is missing.")))
        #expect(state.notice?.role == .error)
        #expect(
            state.notice?.text.hasPrefix("Case CASE-GONE, kept while the database was unreachable, could not be saved")
                == true)
        #expect(screenText(state).contains("Case CASE-GONE, kept while the database"))
    }

    /// A board over a store that stops answering keeps its rows and reads nothing more until it is back.
    @Test func theBoardKeepsItsRowsAndReadsNothingWhileTheDatabaseIsOutOfReach() {
        let source = FlakySource(
            list: (0..<5).map {
                Inspection(
                    id: "id-\($0)", facts: CaseFacts(caseID: "CASE-\($0)"), state: .available,
                    createdAt: now.addingTimeInterval(-Double($0) * 60), updatedAt: now)
            })
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", size: size, timeZone: TimeZone(identifier: "UTC")!, idSeed: 3)
        state.attachBoardSource(source)
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        #expect(screenText(state).contains("CASE-4"))

        source.down.withLock { $0 = true }
        _ = pages.update(&state, .storeChangedElsewhere)
        #expect(top(state).contains(Self.words))
        let reads = source.reads.withLock { $0 }
        _ = pages.type([.character("j"), .character("j"), .character("k"), .character("G")], &state)
        #expect(source.reads.withLock { $0 } == reads, "the board read a store that cannot answer")
        #expect(screenText(state).contains("CASE-4"))

        source.down.withLock { $0 = false }
        _ = pages.update(&state, Self.back)
        #expect(source.reads.withLock { $0 } > reads)
        #expect(!top(state).contains("unreachable"))
    }

    /// A board started while the store cannot answer says so, never that there are no inspections, and shows
    /// them once it answers.
    @Test func aBoardStartedWhileTheDatabaseIsDownNeverSaysThereAreNoInspections() {
        let source = FlakySource(list: [
            Inspection(id: "id-1", facts: CaseFacts(caseID: "CASE-1"), createdAt: now, updatedAt: now)
        ])
        source.down.withLock { $0 = true }
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", size: size, timeZone: TimeZone(identifier: "UTC")!, idSeed: 5)
        state.attachBoardSource(source)
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        #expect(top(state).contains(Self.words))
        #expect(!screenText(state).contains("No inspections yet"))
        #expect(screenText(state).contains("The inspections are read once the database answers."))
        #expect(state.route == .board)
        _ = pages.type([.character("n")], &state)
        #expect(state.route == .caseEntry)
        _ = pages.type([.escape], &state)

        source.down.withLock { $0 = false }
        _ = pages.update(&state, Self.back)
        #expect(screenText(state).contains("CASE-1"), "\(screenText(state))")
        #expect(!screenText(state).contains("read once the database answers"))
    }

    /// Over a window, the upload screen of a new inspection keeps it when the store changes elsewhere (on a fleet
    /// database the board's own writes count too): it is not among the rows read before.
    @Test func theUploadScreenKeepsItsInspectionWhenTheStoreChanges() {
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", size: size, timeZone: TimeZone(identifier: "UTC")!, idSeed: 4)
        let source = FlakySource(list: [])
        state.attachBoardSource(source)
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        _ = pages.type([.character("n")] + chars("CASE-6") + [.tab, .function(2)], &state)
        _ = pages.update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(8)))))
        _ = pages.type([.character("a"), .function(2)], &state)
        let id = state.draft?.id ?? ""
        _ = pages.update(&state, .screen(.review(.qualityChecked(id: id, photos: state.draft?.photos ?? [], []))))
        // The board over the store asks it whether the case was accepted before: it was not.
        _ = pages.update(&state, .screen(.review(.acceptedCaseFound(id: id, caseID: "CASE-6", nil))))
        #expect(pages.type([.enter], &state).count == 1)
        _ = pages.update(&state, .storeChangedElsewhere)
        #expect(state.route == .upload(id: id))
        #expect(screenText(state).contains("CASE-6"))
        #expect(!screenText(state).contains("no longer on the board"))
    }

    @Test func theHostIsShownEscaped() {
        var state = freshState()
        _ = update(&state, Self.away(place: "db\u{1b}]0;owned\u{7}:5432"))
        let line = top(state)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        #expect(line.contains("database unreachable (db"))
    }
}

/// A board source whose store can be switched off: it then throws `DatabaseUnreachable`, as the live one does.
private final class FlakySource: BoardSource {
    let list: [Inspection]
    let down = Mutex(false)
    let reads = Mutex(0)

    init(list: [Inspection]) { self.list = list }

    private func read() throws {
        reads.withLock { $0 += 1 }
        if down.withLock({ $0 }) { throw DatabaseUnreachable(place: DatabaseOutageFlowTests.place) }
    }

    func count(matching filter: String, archived: Bool) throws -> Int {
        try read()
        return list.count
    }
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try read()
        return Array(list.dropFirst(offset).prefix(limit))
    }
    func position(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try read()
        return list.firstIndex { $0.id == id }
    }
    func archivedCount() throws -> Int {
        try read()
        return 0
    }
    func count(in states: [InspectionState]) throws -> Int {
        try read()
        return 0
    }
}
