import Foundation
import InspektCore
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// Lists and redraws that keep the operator's place: the board's window and filter, the inbox after a rescan,
/// late progress, Ctrl-L and resize, escaped server text.
@Suite struct ListFlowTests: FlowScript {
    let now = SampleStates.referenceNow
    let size = Size(width: 80, height: 24)

    @Test func theNewestPageShowsFirstThenTheWholeBoardKeepsTheHighlightedRow() {
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"),
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
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", first))))
        #expect(state.photos.highlighted?.name == "IMG_7003.jpg")
        let second = inbox(4).enumerated().map { i, item -> InboxItem in
            var item = item
            item.captureTime = now.addingTimeInterval(Double(i) * -60)
            return item
        }
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", second))))
        // Not moved yet: the top stays the top, whatever file is there now.
        #expect(state.photos.list.selected == 0)
        #expect(state.photos.highlighted?.name == "IMG_7000.jpg")
        // Moved: the highlighted file is followed to its new row.
        state.photos.list.selected = 2
        let followed = state.photos.highlighted?.path
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", first))))
        #expect(state.photos.highlighted?.path == followed)
    }

    @Test func ctrlLRedrawsAndResizeKeepsState() {
        var state = ScreenFixtures.boardAllStates()
        #expect(update(&state, .key(.control("l"))) == [.redraw])
        _ = update(&state, .resize(Size(width: 120, height: 40)))
        #expect(
            text(view(state, size: Size(width: 120, height: 40))).contains(
                "Failed — press r: the server did not answer"))
    }

    @Test func boardFilterIsCachedAndFollowsNewInspections() {
        var state = SampleStates.board(inspections: 10_000)
        _ = type([.character("/")] + chars("CASE-10999"), &state)
        // CASE-109990 ... CASE-109999 and CASE-10999 itself are not there: ids run from 100000.
        #expect(state.board.list.count == 10)
        let extra = Inspection(
            id: "new", facts: CaseFacts(caseID: "CASE-109995X", vehicle: "Z"), createdAt: state.now,
            updatedAt: state.now)
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
            screenText(state).split(separator: "\n").first { $0.contains(inspection.facts.caseID) }.map(String.init)
                ?? ""
        }
        let progress = UploadProgress(
            files: [UploadProgress.File(name: "front_a.jpg", sent: 130, total: 1000)], current: 0)
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
