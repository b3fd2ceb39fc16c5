import Foundation
import InspektCore

@testable import TerminalUI

/// A car taken out and brought back (plate KA01AB1234, typed two ways), a rejected try in between, another car,
/// and a comparison of the return with the pickup whose result lists two new damages.
enum HistoryFixtures {
    static var pickup: Inspection {
        var inspection = ScreenFixtures.inspection(11, .available, minutesAgo: 60 * 24 * 3, vehicle: "KA01AB1234")
        inspection.result = ResultSummary(
            verdict: .available, caseID: "CASE-20411", inspectionID: "sess-11",
            damagedParts: [
                DamagedPart(part: "rear bumper", damageType: "scratch", severity: 0.2, photo: "rear_IMG_1004.jpg")
            ],
            recommendation: "Approved")
        return inspection
    }

    static var rejectedTry: Inspection {
        var inspection = ScreenFixtures.inspection(12, .rejected, minutesAgo: 90, vehicle: "ka01ab1234")
        inspection.result = ResultSummary(
            verdict: .rejected, caseID: "CASE-20412", inspectionID: "sess-12",
            message: "Photos too dark.")
        return inspection
    }

    static var dropOff: Inspection {
        var inspection = ScreenFixtures.inspection(13, .available, minutesAgo: 30, vehicle: "ka-01 ab 1234")
        inspection.result = ResultSummary(
            verdict: .available, caseID: "CASE-20413", inspectionID: "sess-13",
            damagedParts: [
                DamagedPart(part: "rear bumper", damageType: "scratch", severity: 0.2, photo: "rear_IMG_1004.jpg"),
                DamagedPart(
                    part: "front left door", damageType: "dent", severity: 0.6, photo: "front-left_IMG_1001.jpg"),
                DamagedPart(part: "bonnet", damageType: "crack", severity: 0.8, photo: "front_IMG_1000.jpg"),
            ],
            recommendation: "Review")
        return inspection
    }

    static var otherCar: Inspection {
        ScreenFixtures.inspection(15, .available, minutesAgo: 60 * 24, vehicle: "MH12XY0001")
    }

    /// The comparison of the return with the pickup; `result` false while it is processing.
    static func comparison(result: Bool = true) -> Inspection {
        var inspection = Inspection(
            id: "cmp-14", facts: CaseFacts(caseID: "CASE-20413-CMP", vehicle: "ka-01 ab 1234"),
            state: result ? .available : .processing, session: "sess-14",
            createdAt: ScreenFixtures.now.addingTimeInterval(-5 * 60),
            updatedAt: ScreenFixtures.now.addingTimeInterval(-5 * 60))
        inspection.compared = ComparedInspections(before: "sess-11", after: "sess-13")
        if result {
            inspection.result = ResultSummary(
                verdict: .available, caseID: "CASE-20413-CMP", inspectionID: "sess-14",
                damagedParts: [
                    DamagedPart(
                        part: "front left door", damageType: "dent", severity: 0.6, photo: "front-left_IMG_1001.jpg"),
                    DamagedPart(
                        part: "bonnet", damageType: "crack", severity: 0.8, photo: "front_IMG_1000.jpg",
                        box: DamageBox(x: 0.1, y: 0.2, width: 0.5, height: 0.4)),
                ],
                recommendation: "Review")
        }
        return inspection
    }

    /// The vehicle's rows, oldest first, as the store gives them.
    static var history: [Inspection] { [pickup, rejectedTry, dropOff, comparison()] }

    /// The board with every row of the fixture.
    static func board(_ size: Size = ScreenFixtures.small, comparisonDone: Bool = true) -> AppState {
        var state = ScreenFixtures.base(size)
        _ = update(
            &state, .inspectionsLoaded([pickup, rejectedTry, dropOff, otherCar, comparison(result: comparisonDone)]))
        return state
    }

    /// Moves the board's highlight onto a case.
    static func select(_ caseID: String, _ state: inout AppState) {
        _ = update(&state, .key(.character("g")))
        for _ in 0..<10 where BoardScreen.selected(state)?.facts.caseID != caseID {
            _ = update(&state, .key(.character("j")))
        }
    }

    /// `v` on the return, with its history loaded.
    static func historyOfReturn(_ size: Size = ScreenFixtures.small) -> AppState {
        var state = board(size)
        select("CASE-20413", &state)
        _ = update(&state, .key(.character("v")))
        _ = update(&state, .screen(.history(.historyLoaded(vehicle: "ka-01 ab 1234", history))))
        return state
    }

    /// `c` on the return, with its earlier inspections loaded (newest first).
    static func pickerForReturn(_ size: Size = ScreenFixtures.small) -> AppState {
        var state = board(size)
        select("CASE-20413", &state)
        _ = update(&state, .key(.character("c")))
        _ = update(
            &state, .screen(.history(.candidatesLoaded(afterID: "insp-13", anyVehicle: false, [rejectedTry, pickup]))))
        return state
    }

    /// Enter on the comparison's row, with the two inspections it compares loaded.
    static func comparisonResult(_ size: Size = ScreenFixtures.small) -> AppState {
        var state = board(size)
        select("CASE-20413-CMP", &state)
        _ = update(&state, .key(.enter))
        _ = update(
            &state,
            .screen(.history(.comparisonLoaded(id: "cmp-14", comparison: comparison(), before: pickup, after: dropOff)))
        )
        return state
    }
}
