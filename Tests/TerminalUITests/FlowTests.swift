import Foundation
import InspektCore
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// Drives the pure loop like an operator, with a scripted service answering the commands.
@Suite struct FlowTests: FlowScript {
    let now = SampleStates.referenceNow
    let size = Size(width: 80, height: 24)

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
        #expect(commands.contains(.screen(.photos(.scanInbox(path: "/srv/inbox")))))
        #expect(state.route == .photos)
        #expect(screenText(state).contains("Reading the folder"))

        // Photos: the scan arrives; which files were sent before and the highlighted file's facts are asked for.
        commands = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(10)))))
        #expect(commands.dropFirst() == [.screen(.photos(.loadPhotoFacts(path: "/srv/inbox/IMG_7009.jpg")))])
        #expect(
            commands.first.map {
                if case .screen(.photos(.findSentPhotos(let files, _))) = $0 { files.count == 10 } else { false }
            } == true)
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
        _ = update(&state, .screen(.review(.qualityChecked(id: id, photos: state.draft?.photos ?? [], []))))
        commands = type([.enter], &state)
        // One command saves the draft as shown and submits it: nothing depends on the order effects finish in.
        #expect(commands.count == 1)
        #expect(commands.last?.submitted == Submitted(id: id, missingReason: nil))
        #expect(state.route == .upload(id: id))

        // Scripted service: session, progress, acceptance, result.
        var inspection = withPhotos
        inspection.state = .uploading
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(
            &state,
            .service(.sessionReady(inspectionID: id, session: "sess-42", expiresAt: now.addingTimeInterval(900))))
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
        let result = ResultSummary(
            verdict: .available, caseID: "CASE-7", inspectionID: "sess-42",
            damagedParts: [
                DamagedPart(part: "hood", damageType: "dent"), DamagedPart(part: "roof", damageType: "hail"),
            ])
        _ = update(&state, .service(.resultReceived(inspectionID: id, result)))
        inspection.state = .available
        inspection.result = result
        _ = update(&state, .service(.inspectionChanged(inspection)))
        shown = screenText(state)
        #expect(shown.contains("Available — 2 damaged parts"))
        #expect(shown.contains("Result for CASE-7: Available — 2 damaged parts"))

        // Enter opens the detail; e exports the receipt.
        commands = type([.enter], &state)
        #expect(commands == [.screen(.detail(.loadDetail(id: id)))])
        _ = update(
            &state,
            .screen(
                .detail(
                    .detailLoaded(
                        id: id, events: [InspectionEvent(at: now, kind: "result received", detail: "Available")],
                        result: result))))
        #expect(type([.character("e")], &state) == [.screen(.detail(.exportReceipt(id: id)))])
        _ = update(&state, .screen(.detail(.receiptExported(id: id, path: "/tmp/CASE-7.receipt.json"))))
        #expect(screenText(state).contains("Receipt written to /tmp/CASE-7.receipt.json"))
    }

    @Test func missingSlotsAskForATypedReasonThatTravelsWithTheSubmit() {
        var state = freshState()
        _ = type([.character("n")] + chars("CASE-8") + [.function(2)], &state)
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", inbox(6)))))
        // Digits assign the highlighted file straight to walk-around slots, moving down the list.
        let commands = type(chars("123456"), &state)
        #expect(commands.filter { if case .saveDraft = $0 { true } else { false } }.count == 6)
        #expect(state.draft?.missingSlots == [.right, .frontRight])
        _ = type([.function(2)], &state)
        _ = update(
            &state, .screen(.review(.qualityChecked(id: state.draft?.id ?? "", photos: state.draft?.photos ?? [], []))))
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

    @Test func helpAndDispatchComeFromTheSameTable() {
        var state = ScreenFixtures.boardAllStates()
        // The draft is highlighted: retry is not offered and does nothing.
        #expect(type([.character("r")], &state).isEmpty)
        let failedRow = state.inspections.firstIndex { $0.state == .failedRetryable } ?? 0
        let before = view(state, size: size)
        _ = type(Array(repeating: .down, count: failedRow), &state)
        // The failed row names the key; the footer stays as it was, so a move does not repaint it.
        let after = view(state, size: size)
        #expect(after.rowText(size.height - 1) == before.rowText(size.height - 1))
        #expect(text(after).contains("press r"))
        _ = type([.character("?")], &state)
        #expect(text(view(state, size: size)).contains("retry upload"))
        #expect(!text(view(state, size: size)).contains("retry upload (n/a)"))
        _ = type([.escape], &state)
        #expect(type([.character("r")], &state) == [.retry(id: "insp-7")])
    }

    /// A photo vanished after selection: on the failed inspection's detail, `p` asks the service to reopen it;
    /// the answer opens it as a draft on the Photos screen, a refusal stays on the detail with the reason.
    @Test func failedInspectionReopensForChangingPhotos() throws {
        var state = ScreenFixtures.boardAllStates()
        let failedRow = try #require(state.inspections.firstIndex { $0.state == .failedRetryable })
        _ = type(Array(repeating: .down, count: failedRow), &state)
        #expect(type([.enter], &state) == [.screen(.detail(.loadDetail(id: "insp-7")))])
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
        #expect(
            commands == [.screen(.photos(.scanInbox(path: "/srv/inbox")))] || commands.isEmpty
                || commands.allSatisfy {
                    if case .screen(.photos(.loadPhotoFacts)) = $0 { true } else { false }
                })
        #expect(screenText(state).contains(draft.facts.caseID))
    }

}
