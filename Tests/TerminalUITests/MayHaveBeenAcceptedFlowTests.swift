import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// "May have been accepted" on the board and the detail: what it says, `r` asks again with the same session,
/// and `N` opens a new inspection only after a confirmation that says it may bill twice.
@Suite struct MayHaveBeenAcceptedFlowTests {
    let size = Size(width: 80, height: 24)

    func screenText(_ state: AppState) -> String { text(view(state, size: size)) }

    /// The board fixture with its failed inspection turned into one that may have been accepted, its detail open.
    func detailOfMayHaveBeenAccepted() throws -> (AppState, Inspection) {
        var state = ScreenFixtures.boardAllStates()
        var inspection = try #require(state.inspections.first { $0.state == .failedRetryable })
        inspection.state = .mayHaveBeenAccepted
        inspection.failureReason = "Check the Inspektlabs portal for this case."
        _ = update(&state, .service(.inspectionChanged(inspection)))
        let row = try #require(state.inspections.firstIndex { $0.id == inspection.id })
        _ = (0..<row).flatMap { _ in update(&state, .key(.down)) }
        #expect(text(view(state, size: size)).contains("May have been accepted"))
        #expect(update(&state, .key(.enter)) == [.screen(.detail(.loadDetail(id: inspection.id)))])
        return (state, inspection)
    }

    @Test func retryAsksAgainAndTheDetailSaysWhatToCheck() throws {
        var (state, inspection) = try detailOfMayHaveBeenAccepted()
        let shown = screenText(state)
        #expect(shown.contains("May have been accepted"))
        #expect(shown.contains("portal"))
        #expect(update(&state, .key(.character("r"))) == [.retry(id: inspection.id)])
    }

    @Test func uploadAgainAsNewAsksFirstAndSaysItMayBillTwice() throws {
        var (state, inspection) = try detailOfMayHaveBeenAccepted()

        #expect(update(&state, .key(.character("N"))).isEmpty)
        let asking = screenText(state)
        #expect(asking.contains("Upload again as a new inspection?"))
        #expect(asking.contains("bill twice"))
        // Keeping on waiting sends nothing.
        #expect(update(&state, .key(.character("n"))).isEmpty)
        #expect(state.overlay == nil)

        _ = update(&state, .key(.character("N")))
        #expect(update(&state, .key(.character("y"))) == [.uploadAsNewInspection(id: inspection.id)])
        #expect(state.overlay == nil)
    }

    @Test func aFailureEventNeverHidesAResultThatCameFirst() throws {
        var state = ScreenFixtures.boardAllStates()
        var inspection = try #require(state.inspections.first { $0.state == .failedRetryable })
        inspection.state = .available
        _ = update(&state, .service(.inspectionChanged(inspection)))
        _ = update(&state, .service(.uploadFailed(inspectionID: inspection.id, reason: "late")))
        #expect(state.inspection(id: inspection.id)?.state == .available)
    }
}
