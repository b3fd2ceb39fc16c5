import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// `v` (vehicle history) and `c` (compare with an earlier inspection) on the board and in the history, driven
/// through `update` with a script of keys, asserting what the operator sees and what the runtime is asked for.
@Suite struct HistoryFlowTests {
    @discardableResult
    func press(_ keys: Key..., on state: inout AppState) -> [Command] {
        keys.flatMap { update(&state, .key($0)) }
    }

    @Test func vShowsTheHighlightedInspectionsVehicleInTimeOrderAndQGoesBack() {
        var state = HistoryFixtures.board()
        HistoryFixtures.select("CASE-20413", &state)
        #expect(press(.character("v"), on: &state) == [.screen(.history(.loadHistory(vehicle: "ka-01 ab 1234")))])
        #expect(state.route == .history)
        #expect(text(view(state, size: state.size)).contains("Loading the inspections of ka-01 ab 1234"))
        _ = update(&state, .screen(.history(.historyLoaded(vehicle: "KA01AB1234", HistoryFixtures.history))))
        let screen = text(view(state, size: state.size))
        let order = ["CASE-20411 ", "CASE-20412 ", "CASE-20413 ", "CASE-20413-CMP"].map {
            screen.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "oldest first:\n\(screen)")
        #expect(screen.contains("3 inspections, 1 comparison, oldest first"))
        #expect(!screen.contains("CASE-20415"), "another car is not in this car's history")
        // The newest row is highlighted first; g, G, k and j move.
        #expect(HistoryScreen.selected(state)?.id == "cmp-14")
        press(.character("g"), on: &state)
        #expect(HistoryScreen.selected(state)?.id == "insp-11")
        press(.character("j"), .character("j"), on: &state)
        #expect(HistoryScreen.selected(state)?.id == "insp-13")
        press(.character("G"), .character("k"), on: &state)
        #expect(HistoryScreen.selected(state)?.id == "insp-13")
        press(.character("q"), on: &state)
        #expect(state.route == .board)
        press(.character("v"), .escape, on: &state)
        #expect(state.route == .board)
    }

    @Test func vAndCDoNothingWhereTheyCannotAct() {
        var state = HistoryFixtures.board()
        var noVehicle = ScreenFixtures.inspection(20, .available, minutesAgo: 1, vehicle: " - ")
        noVehicle.facts.caseID = "NO-PLATE"
        _ = update(
            &state, .inspectionsLoaded([noVehicle, HistoryFixtures.pickup, HistoryFixtures.comparison(result: false)]))
        HistoryFixtures.select("NO-PLATE", &state)
        #expect(press(.character("v"), on: &state).isEmpty)
        #expect(state.route == .board)
        // A comparison is not itself compared; an inspection not yet accepted cannot be.
        HistoryFixtures.select("CASE-20413-CMP", &state)
        #expect(press(.character("c"), on: &state).isEmpty)
        _ = update(&state, .inspectionsLoaded([ScreenFixtures.inspection(21, .failedRetryable, minutesAgo: 1)]))
        #expect(press(.character("c"), on: &state).isEmpty)
        #expect(state.route == .board)
    }

    @Test func cOffersTheEarlierInspectionsWithTheLatestAcceptedOneChosenAndEnterStartsTheComparison() {
        var state = HistoryFixtures.board()
        HistoryFixtures.select("CASE-20413", &state)
        #expect(
            press(.character("c"), on: &state) == [
                .screen(.history(.loadCandidates(afterID: "insp-13", anyVehicle: false)))
            ])
        #expect(state.route == .comparePick)
        // Newest first: a failed upload and a rejected try are newer, but the default is the latest accepted
        // inspection with a result, the pickup.
        let failed = ScreenFixtures.inspection(16, .failedRetryable, minutesAgo: 60, vehicle: "KA01AB1234")
        _ = update(
            &state,
            .screen(
                .history(
                    .candidatesLoaded(
                        afterID: "insp-13", anyVehicle: false,
                        [failed, HistoryFixtures.rejectedTry, HistoryFixtures.pickup]))))
        #expect(ComparePickScreen.selected(state)?.id == "insp-11")
        let screen = text(view(state, size: state.size))
        #expect(screen.contains("What is new on CASE-20413 (ka-01 ab 1234)"))
        #expect(screen.contains("CASE-20412") && screen.contains("Rejected"))

        // The failed one was never accepted, so it cannot be compared: it says so and asks nothing.
        #expect(press(.character("g"), .enter, on: &state).isEmpty)
        #expect(state.notice?.text.contains("only inspections Inspektlabs accepted can be compared") == true)
        #expect(state.route == .comparePick)

        let commands = press(.character("G"), .enter, on: &state)
        #expect(
            commands == [
                .screen(
                    .history(
                        .compare(
                            beforeID: "insp-11", afterID: "insp-13", caseID: "CASE-20413-CMP",
                            differentVehicles: false)))
            ])
        #expect(state.route == .board)
        #expect(state.notice?.text == "Comparing CASE-20413 with CASE-20411 as CASE-20413-CMP.")
        _ = update(&state, .screen(.history(.comparisonStarted(caseID: "CASE-20413-CMP", session: "sess-14"))))
        #expect(state.notice?.text.contains("Comparison CASE-20413-CMP accepted (inspection id sess-14)") == true)
        _ = update(&state, .screen(.history(.comparisonFailed(caseID: "CASE-20413-CMP", reason: "token invalid"))))
        #expect(state.notice?.role == .error)
    }

    @Test func comparingAnotherVehicleAsksFirst() {
        var state = HistoryFixtures.pickerForReturn()
        #expect(
            press(.character("a"), on: &state) == [
                .screen(.history(.loadCandidates(afterID: "insp-13", anyVehicle: true)))
            ])
        #expect(text(view(state, size: state.size)).contains("Earlier accepted inspections of every vehicle"))
        // A late answer for the other scope is ignored.
        _ = update(
            &state,
            .screen(.history(.candidatesLoaded(afterID: "insp-13", anyVehicle: false, [HistoryFixtures.pickup]))))
        #expect(state.comparePick.candidates == nil)
        _ = update(
            &state,
            .screen(
                .history(
                    .candidatesLoaded(
                        afterID: "insp-13", anyVehicle: true, [HistoryFixtures.otherCar, HistoryFixtures.pickup]))))
        #expect(ComparePickScreen.selected(state)?.id == "insp-15")

        #expect(press(.enter, on: &state).isEmpty)
        guard case .confirm(let dialog) = state.overlay else {
            Issue.record("no confirmation for two vehicles")
            return
        }
        #expect(dialog.title == "Compare two different vehicles?")
        #expect(dialog.message.contains("MH12XY0001") && dialog.message.contains("ka-01 ab 1234"))
        #expect(text(view(state, size: state.size)).contains("[y] compare anyway"))
        // "n" picks another: nothing is asked.
        #expect(press(.character("n"), on: &state).isEmpty)
        #expect(state.overlay == nil && state.route == .comparePick)
        // The same vehicle typed differently asks nothing.
        press(.character("j"), on: &state)
        #expect(
            press(.enter, on: &state) == [
                .screen(
                    .history(
                        .compare(
                            beforeID: "insp-11", afterID: "insp-13", caseID: "CASE-20413-CMP", differentVehicles: false)
                    ))
            ])
        #expect(state.overlay == nil)

        var again = HistoryFixtures.pickerForReturn()
        press(.character("a"), on: &again)
        _ = update(
            &again,
            .screen(.history(.candidatesLoaded(afterID: "insp-13", anyVehicle: true, [HistoryFixtures.otherCar]))))
        press(.enter, on: &again)
        #expect(
            press(.character("y"), on: &again) == [
                .screen(
                    .history(
                        .compare(
                            beforeID: "insp-15", afterID: "insp-13", caseID: "CASE-20413-CMP", differentVehicles: true))
                )
            ])
        #expect(again.route == .board)
    }

    @Test func cInTheHistoryComparesTheHighlightedRowAndEscReturnsToTheHistory() {
        var state = HistoryFixtures.historyOfReturn()
        press(.character("k"), on: &state)
        #expect(HistoryScreen.selected(state)?.id == "insp-13")
        #expect(
            press(.character("c"), on: &state) == [
                .screen(.history(.loadCandidates(afterID: "insp-13", anyVehicle: false)))
            ])
        #expect(state.route == .comparePick)
        press(.escape, on: &state)
        #expect(state.route == .history)
        // Enter on the comparison row opens its result; Esc comes back here.
        press(.character("G"), on: &state)
        #expect(press(.enter, on: &state) == [.screen(.history(.loadComparison(id: "cmp-14")))])
        #expect(state.route == .comparison(id: "cmp-14"))
        press(.escape, on: &state)
        #expect(state.route == .history)
    }

    @Test func theComparisonRowIsLabelledAndOpensTheNewDamageOnce() throws {
        var state = HistoryFixtures.board(ScreenFixtures.large, comparisonDone: false)
        let board = text(view(state, size: state.size))
        let row = board.split(separator: "\n").first { $0.contains("CASE-20413-CMP") } ?? ""
        #expect(row.contains("compare: Processing"), "\(row)")
        HistoryFixtures.select("CASE-20413-CMP", &state)
        #expect(press(.enter, on: &state) == [.screen(.history(.loadComparison(id: "cmp-14")))])
        #expect(text(view(state, size: state.size)).contains("Waiting for the result"))
        // The result arrives as a service event: the open view shows the new damage at once.
        let result = try #require(HistoryFixtures.comparison().result)
        _ = update(&state, .service(.resultReceived(inspectionID: "cmp-14", result)))
        // As the service does: the result, then the comparison as stored.
        var stored = try #require(state.inspection(id: "cmp-14"))
        stored.state = .available
        stored.result = result
        _ = update(&state, .service(.inspectionChanged(stored)))
        let shown = text(view(state, size: state.size))
        #expect(shown.contains("New damage since the earlier inspection"), "\(shown)")
        #expect(shown.contains("! 2 new damages found"), "\(shown)")
        #expect(shown.contains("front left door") && shown.contains("front-left_IMG_1001.jpg"))
        #expect(!shown.contains("rear bumper"), "damage already there at pickup is not new")
        press(.character("q"), on: &state)
        #expect(state.route == .board)
        let done =
            text(view(state, size: state.size)).split(separator: "\n").first { $0.contains("CASE-20413-CMP") } ?? ""
        #expect(done.contains("compare: Available") && done.contains("2 new damaged parts"), "\(done)")
    }

    @Test func aLongComparisonScrollsWithJKGAndGAndSaysWhereItIs() {
        var state = HistoryFixtures.board()
        var comparison = HistoryFixtures.comparison()
        comparison.result?.damagedParts = (1...40).map {
            DamagedPart(part: "part \($0)", damageType: "dent", severity: 0.5, photo: "front_IMG_\($0).jpg")
        }
        _ = update(&state, .inspectionsLoaded([comparison]))
        press(.enter, on: &state)
        let dash = state.options.glyphs.dash
        #expect(text(view(state, size: state.size)).contains("1\(dash)21 of 54"))
        press(.character("j"), .character("j"), on: &state)
        #expect(state.comparison.scroll == 2)
        press(.character("G"), on: &state)
        let bottom = text(view(state, size: state.size))
        #expect(bottom.contains("34\(dash)54 of 54") && bottom.contains("part 40"), "\(bottom)")
        press(.character("k"), .character("g"), on: &state)
        #expect(state.comparison.scroll == 0)
    }
}
