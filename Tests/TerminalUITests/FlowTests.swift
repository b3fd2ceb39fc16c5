import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Drives the pure loop like an operator, with a scripted service answering the commands.
@Suite struct FlowTests {
    let now = SampleStates.referenceNow
    let size = Size(width: 80, height: 24)

    func inbox(_ count: Int) -> [InboxItem] {
        (0..<count).map { i in
            let time = now.addingTimeInterval(-Double(count - i) * 30)
            return InboxItem(name: String(format: "IMG_%04d.jpg", 7000 + i), path: String(format: "/srv/inbox/IMG_%04d.jpg", 7000 + i),
                             size: 1_000_000, modified: time, captureTime: time)
        }
    }

    /// Sends keys; returns every command they produced.
    func type(_ keys: [Key], _ state: inout AppState) -> [Command] {
        keys.flatMap { update(&state, .key($0)) }
    }

    func chars(_ text: String) -> [Key] { text.map { .character($0) } }

    func screenText(_ state: AppState) -> String { text(view(state, size: size)) }

    func freshState() -> AppState {
        var state = AppState(now: now, inboxRoot: "/srv/inbox", lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"),
                             size: size, timeZone: TimeZone(identifier: "UTC") ?? .current, idSeed: 1)
        #expect(state.initialCommands == [.loadInspections])
        _ = update(&state, .inspectionsLoaded([]))
        return state
    }

    @Test func theNewestPageShowsFirstThenTheWholeBoardKeepsTheHighlightedRow() {
        var state = AppState(now: now, inboxRoot: "/srv/inbox", lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"),
                             size: size, timeZone: TimeZone(identifier: "UTC") ?? .current, idSeed: 1)
        let all = (0..<300).map { ScreenFixtures.inspection($0, .draft, minutesAgo: Double(300 - $0)) }
        let newest = Array(all.reversed().prefix(200))
        _ = update(&state, .inspectionsPreview(newest))
        #expect(screenText(state).contains("CASE-20699"))
        #expect(screenText(state).contains("newest 200, loading"))
        _ = type([.down, .down], &state)
        #expect(state.board.list.selectedSource.map { state.inspections[$0].id } == "insp-297")
        _ = update(&state, .inspectionsLoaded(all))
        #expect(screenText(state).contains("300 inspections"))
        #expect(!screenText(state).contains("loading"))
        #expect(state.board.list.selectedSource.map { state.inspections[$0].id } == "insp-297")
        // A late preview never shrinks the whole list again.
        _ = update(&state, .inspectionsPreview(Array(newest.prefix(3))))
        #expect(state.inspections.count == 300)
    }

    @Test func resortedInboxKeepsTheOperatorsPlaceOrTheTop() {
        var state = freshState()
        state.photos.folder = "/srv/inbox"
        // First pass: no capture times, modification order; the second pass reverses the order.
        let first = inbox(4).map { item -> InboxItem in
            var item = item
            item.captureTime = nil
            return item
        }
        _ = update(&state, .inboxScanned(path: "/srv/inbox", first))
        #expect(state.photos.highlighted?.name == "IMG_7003.jpg")
        let second = inbox(4).enumerated().map { i, item -> InboxItem in
            var item = item
            item.captureTime = now.addingTimeInterval(Double(i) * -60)
            return item
        }
        _ = update(&state, .inboxScanned(path: "/srv/inbox", second))
        // Not moved yet: the top stays the top, whatever file is there now.
        #expect(state.photos.list.selected == 0)
        #expect(state.photos.highlighted?.name == "IMG_7000.jpg")
        // Moved: the highlighted file is followed to its new row.
        state.photos.list.selected = 2
        let followed = state.photos.highlighted?.path
        _ = update(&state, .inboxScanned(path: "/srv/inbox", first))
        #expect(state.photos.highlighted?.path == followed)
    }

    @Test func caseEntryToPhotosToReviewToUploadToBoard() {
        var state = freshState()
        #expect(screenText(state).contains("No inspections yet. Press n to start one."))

        // Case entry: the agent is prefilled, the case id validated as typed.
        _ = type([.character("n")], &state)
        #expect(state.route == .caseEntry)
        #expect(screenText(state).contains("Mira Kaya"))
        _ = type(chars("CASE 7"), &state)
        #expect(screenText(state).contains("Case id cannot contain a space"))
        #expect(screenText(state).contains("(position 5): use only letters A–Z,"))
        _ = type([.backspace, .backspace, .character("-"), .character("7")], &state)
        #expect(screenText(state).contains("✓ ok"))
        var commands = type([.tab], &state)
        guard case .saveDraft(let saved)? = commands.first else {
            Issue.record("Tab after a valid case id should save the draft, got \(commands)")
            return
        }
        #expect(saved.facts.caseID == "CASE-7")
        #expect(saved.state == .draft)
        let id = saved.id
        _ = type(chars("B-XY 1"), &state)
        commands = type([.function(2)], &state)
        #expect(commands.contains { if case .saveDraft(let d) = $0 { d.facts.vehicle == "B-XY 1" } else { false } })
        #expect(commands.contains(.scanInbox(path: "/srv/inbox")))
        #expect(state.route == .photos)
        #expect(screenText(state).contains("Reading the folder"))

        // Photos: the scan arrives; the highlighted file's facts are asked for.
        commands = update(&state, .inboxScanned(path: "/srv/inbox", inbox(10)))
        #expect(commands == [.loadPhotoFacts(path: "/srv/inbox/IMG_7009.jpg")])
        #expect(screenText(state).contains("IMG_7009.jpg"))
        commands = type([.character("a")], &state)
        guard case .saveDraft(let withPhotos)? = commands.first else {
            Issue.record("a should save the suggested photos, got \(commands)")
            return
        }
        // Capture-time order: the oldest photo goes to the front.
        #expect(withPhotos.photos.count == 8)
        #expect(withPhotos.photos.first { $0.slot == .front }?.path == "/srv/inbox/IMG_7000.jpg")
        #expect(withPhotos.photos.first { $0.slot == .frontRight }?.path == "/srv/inbox/IMG_7007.jpg")
        #expect(screenText(state).contains("Coverage 8/8"))

        // Review and submit: nothing missing, so no reason is asked.
        _ = type([.function(2)], &state)
        #expect(state.route == .review)
        #expect(screenText(state).contains("none: all 8 walk-around angles covered"))
        // The scripted service answers the local photo checks: nothing found.
        _ = update(&state, .qualityChecked(id: id, photos: state.draft?.photos ?? [], []))
        commands = type([.enter], &state)
        // One command saves the draft as shown and submits it: nothing depends on the order effects finish in.
        #expect(commands.count == 1)
        #expect(commands.last?.submitted == Submitted(id: id, missingReason: nil))
        #expect(state.route == .upload(id: id))

        // Scripted service: session, progress, acceptance, result.
        var inspection = withPhotos
        inspection.state = .uploading
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(&state, .service(.sessionReady(inspectionID: id, session: "sess-42", expiresAt: now.addingTimeInterval(900))))
        let files = inspection.photos.map { UploadProgress.File(name: $0.uploadName, sent: 0, total: 1_000_000) }
        _ = update(&state, .service(.uploadProgress(inspectionID: id, UploadProgress(files: files, current: 0))))
        _ = update(&state, .tick(now.addingTimeInterval(2)))
        var half = files
        for i in 0..<4 { half[i].sent = 1_000_000 }
        _ = update(&state, .service(.uploadProgress(inspectionID: id, UploadProgress(files: half, current: 4))))
        var shown = screenText(state)
        #expect(shown.contains("Uploading 50%"))
        #expect(shown.contains("4.0 MB / 8.0 MB"))
        #expect(shown.contains("2.0 MB/s"))
        #expect(shown.contains("token valid for 14 min 58 s"))
        #expect(shown.contains("front_IMG_7000.jpg"))
        #expect(shown.contains("✓ sent"))
        #expect(shown.contains("↑ sending"))
        #expect(shown.contains("waiting"))

        // Esc: back to the board while the upload goes on.
        _ = type([.escape], &state)
        #expect(state.route == .board)
        #expect(screenText(state).contains("CASE-7"))
        #expect(screenText(state).contains("Uploading 50%"))
        // As the service does: the acceptance, then the inspection as stored.
        _ = update(&state, .service(.uploadAccepted(inspectionID: id, session: "sess-42")))
        inspection.state = .processing
        inspection.session = "sess-42"
        _ = update(&state, .service(.inspectionChanged(inspection)))
        #expect(screenText(state).contains("Processing"))
        let result = ResultSummary(verdict: .available, caseID: "CASE-7", inspectionID: "sess-42",
                                   damagedParts: [DamagedPart(part: "hood", damageType: "dent"), DamagedPart(part: "roof", damageType: "hail")])
        _ = update(&state, .service(.resultReceived(inspectionID: id, result)))
        inspection.state = .available
        inspection.result = result
        _ = update(&state, .service(.inspectionChanged(inspection)))
        shown = screenText(state)
        #expect(shown.contains("Available — 2 damaged parts"))
        #expect(shown.contains("Result for CASE-7: Available — 2 damaged parts"))

        // Enter opens the detail; e exports the receipt.
        commands = type([.enter], &state)
        #expect(commands == [.loadDetail(id: id)])
        _ = update(&state, .detailLoaded(id: id, events: [InspectionEvent(at: now, kind: "result received", detail: "Available")], result: result))
        #expect(type([.character("e")], &state) == [.exportReceipt(id: id)])
        _ = update(&state, .receiptExported(id: id, path: "/tmp/CASE-7.receipt.json"))
        #expect(screenText(state).contains("Receipt written to /tmp/CASE-7.receipt.json"))
    }

    @Test func missingSlotsAskForATypedReasonThatTravelsWithTheSubmit() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-8") + [.function(2)], &state)
        _ = update(&state, .inboxScanned(path: "/srv/inbox", inbox(6)))
        // Digits assign the highlighted file straight to walk-around slots, moving down the list.
        let commands = type(chars("123456"), &state)
        #expect(commands.filter { if case .saveDraft = $0 { true } else { false } }.count == 6)
        #expect(state.draft?.missingSlots == [.right, .frontRight])
        _ = type([.function(2)], &state)
        _ = update(&state, .qualityChecked(id: state.draft?.id ?? "", photos: state.draft?.photos ?? [], []))
        #expect(screenText(state).contains("✗ Right side, Front-right"))
        #expect(type([.enter], &state).isEmpty)
        #expect(screenText(state).contains("Submit with photos missing?"))
        // An empty reason is refused.
        #expect(type([.enter], &state).isEmpty)
        #expect(screenText(state).contains("Type why the photos are missing"))
        let submitted = type(chars("car parked against a wall") + [.enter], &state)
        let id = state.inspections.first?.id ?? ""
        #expect(submitted.last?.submitted == Submitted(id: id, missingReason: "car parked against a wall"))
        #expect(submitted.last?.submittedDraft?.missingReason == "car parked against a wall")
    }

    @Test func escOnAFilledFormAsksBeforeDiscarding() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-9") + [.tab], &state)
        #expect(type([.escape], &state).isEmpty)
        #expect(screenText(state).contains("Leave this case?"))
        #expect(type([.character("n")], &state).isEmpty)
        #expect(state.route == .caseEntry)
        _ = type([.escape], &state)
        let id = state.draft?.id ?? ""
        #expect(type([.character("d")], &state) == [.discardDraft(id: id)])
        #expect(state.route == .board)
        #expect(state.inspections.isEmpty)
    }

    @Test func quittingWhileUploadingAsksFirst() {
        var state = ScreenFixtures.boardAllStates()
        #expect(type([.character("q")], &state).isEmpty)
        #expect(screenText(state).contains("Quit inspekt?"))
        #expect(type([.character("n")], &state).isEmpty)
        #expect(state.overlay == nil)
        _ = type([.character("q")], &state)
        #expect(type([.character("y")], &state) == [.quit])
        var idle = freshState()
        #expect(type([.character("q")], &idle) == [.quit])
    }

    @Test func footerAndDispatchComeFromTheSameTable() {
        var state = ScreenFixtures.boardAllStates()
        // The draft is highlighted: retry is not offered and does nothing.
        #expect(!text(view(state, size: size)).contains("r retry"))
        #expect(type([.character("r")], &state).isEmpty)
        let failedRow = state.inspections.firstIndex { $0.state == .failedRetryable } ?? 0
        _ = type(Array(repeating: .down, count: failedRow), &state)
        #expect(text(view(state, size: size)).contains("r retry upload"))
        #expect(type([.character("r")], &state) == [.retry(id: "insp-7")])
    }

    /// A photo vanished after selection: on the failed inspection's detail, `p` asks the service to reopen it;
    /// the answer opens it as a draft on the Photos screen, a refusal stays on the detail with the reason.
    @Test func failedInspectionReopensForChangingPhotos() throws {
        var state = ScreenFixtures.boardAllStates()
        let failedRow = try #require(state.inspections.firstIndex { $0.state == .failedRetryable })
        _ = type(Array(repeating: .down, count: failedRow), &state)
        #expect(type([.enter], &state) == [.loadDetail(id: "insp-7")])
        #expect(state.route == .detail(id: "insp-7"))
        #expect(screenText(state).contains("p change photos"))

        // The service refuses (the body may have reached Inspektlabs): the detail stays, with the reason.
        #expect(type([.character("p")], &state) == [.reopenDraft(id: "insp-7")])
        _ = update(&state, .commandFailed("The photos cannot be changed: it can only be retried, not changed."))
        #expect(state.route == .detail(id: "insp-7"))
        #expect(screenText(state).contains("it can only be retried, not changed."))

        #expect(type([.character("p")], &state) == [.reopenDraft(id: "insp-7")])
        var draft = try #require(state.inspection(id: "insp-7"))
        draft.state = .draft
        draft.failureReason = nil
        let commands = update(&state, .draftReopened(draft))
        #expect(state.route == .photos)
        #expect(state.draft?.id == "insp-7")
        #expect(state.inspection(id: "insp-7")?.state == .draft)
        #expect(commands == [.scanInbox(path: "/srv/inbox")] || commands.isEmpty || commands.allSatisfy {
            if case .loadPhotoFacts = $0 { true } else { false }
        })
        #expect(screenText(state).contains(draft.facts.caseID))
    }

    @Test func ctrlLRedrawsAndResizeKeepsState() {
        var state = ScreenFixtures.boardAllStates()
        #expect(update(&state, .key(.control("l"))) == [.redraw])
        _ = update(&state, .resize(Size(width: 120, height: 40)))
        #expect(text(view(state, size: Size(width: 120, height: 40))).contains("Failed — press r: the server did not answer"))
    }

    @Test func boardFilterIsCachedAndFollowsNewInspections() {
        var state = SampleStates.board(inspections: 10_000)
        _ = type([.character("/")] + chars("CASE-10999"), &state)
        // CASE-109990 ... CASE-109999 and CASE-10999 itself are not there: ids run from 100000.
        #expect(state.board.list.count == 10)
        let extra = Inspection(id: "new", facts: CaseFacts(caseID: "CASE-109995X", vehicle: "Z"), createdAt: state.now, updatedAt: state.now)
        _ = update(&state, .service(.inspectionChanged(extra)))
        #expect(state.board.list.count == 11)
        _ = type([.escape], &state)
        #expect(state.board.list.count == 10_001)
        #expect(state.inspections.first?.id == "new")
    }

    @Test func lateProgressNeverMovesAFailedUploadBack() {
        var state = ScreenFixtures.boardAllStates()
        guard var inspection = state.inspection(id: "insp-3"), inspection.state == .uploading else {
            Issue.record("the board fixture should hold insp-3 uploading")
            return
        }
        func row(_ state: AppState) -> String {
            screenText(state).split(separator: "\n").first { $0.contains(inspection.facts.caseID) }.map(String.init) ?? ""
        }
        let progress = UploadProgress(files: [UploadProgress.File(name: "front_a.jpg", sent: 130, total: 1000)], current: 0)
        _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress)))
        #expect(row(state).contains("Uploading 13%"))

        // The service records the failure; a progress event still in flight arrives after it.
        inspection.state = .failedRetryable
        inspection.failureReason = "link dropped"
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress)))
        #expect(state.inspection(id: inspection.id)?.state == .failedRetryable)
        #expect(row(state).contains("Failed — press r: link dropped"))
        #expect(!row(state).contains("Uploading"))

        // Nor does it undo a later state the service reached.
        for later in [InspectionState.processing, .available, .rejected] {
            inspection.state = later
            _ = update(&state, .service(.inspectionChanged(inspection)))
            _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress)))
            #expect(state.inspection(id: inspection.id)?.state == later)
        }

        // A retry goes through uploading again, and then progress shows.
        inspection.state = .uploading
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress)))
        #expect(row(state).contains("Uploading 13%"))
    }

    @Test func escapeInServerTextIsShownEscaped() {
        var state = ScreenFixtures.boardAllStates()
        _ = update(&state, .commandFailed("bad\u{1B}[31mred"))
        let shown = text(view(state, size: size))
        #expect(shown.contains("bad\\e[31mred"))
    }
}

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
        let order = DetailScreen.readingOrder(["zeta", "color", "make", "odometerReading", "alpha", "vinReading", "model", "licensePlateReading"])
        #expect(order == ["licensePlateReading", "vinReading", "odometerReading", "make", "model", "color", "alpha", "zeta"])
    }
}

@Suite struct BoardHighlightTests {
    /// A one-row move changes only the pointer cell of the two rows, so ncurses sends a few bytes (issue 12:
    /// at most 30 per move; the earlier bold-reverse case id cost some 70).
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 50)])
    func oneRowMoveChangesOnlyThePointerCells(size: Size) {
        var state = SampleStates.board(inspections: 200)
        _ = update(&state, .resize(size))
        let before = view(state, size: size)
        _ = update(&state, .key(.character("j")))
        let after = view(state, size: size)
        var changedRows = Set<Int>()
        for y in 0..<size.height {
            for x in 0..<size.width where before[x, y] != after[x, y] {
                changedRows.insert(y)
                #expect(x < 1, "cell \(x),\(y) changed outside the pointer")
            }
        }
        // Body starts at row 1 with the header, so list row n is screen row n + 2.
        #expect(changedRows == [2, 3])
        // The selected row reads without colour: the bold pointer; the row before has none.
        #expect(after.rowText(3).hasPrefix("▶ "))
        #expect(after[0, 3].style.bold)
        #expect(after.rowText(2).hasPrefix("  "))
        #expect(!(2..<size.height - 2).contains { y in (0..<size.width).contains { after[$0, y].style.reverse } })
    }
}
