import Foundation
import InspektCore

/// How the vehicle history and the comparison screens take their answers from the runtime.
enum HistoryUpdate {
    /// A return inspection: an ordinary inspection Inspektlabs accepted, which an earlier one can be compared with.
    static func canCompare(_ inspection: Inspection?) -> Bool {
        guard let inspection else { return false }
        return inspection.compared == nil && inspection.state.wasAccepted && inspection.session != nil
    }

    /// Whether `v` has a vehicle to show.
    static func hasVehicle(_ inspection: Inspection?) -> Bool {
        !VehicleKey.normalised(inspection?.facts.vehicle ?? "").isEmpty
    }

    /// Opens the history of the inspection's vehicle and asks for its rows.
    static func openHistory(of inspection: Inspection, _ state: inout AppState) -> [Command] {
        state.history = HistoryState()
        state.history.vehicle = inspection.facts.vehicle
        state.route = .history
        return [.screen(.history(.loadHistory(vehicle: inspection.facts.vehicle)))]
    }

    static func received(_ answer: HistoryAnswer, _ state: inout AppState) -> [Command] {
        switch answer {
        case .historyLoaded(let vehicle, let rows):
            guard VehicleKey.same(vehicle, state.history.vehicle) else { return [] }
            let selectedID = HistoryScreen.selected(state)?.id
            state.history.rows = rows
            state.history.list.setCount(rows.count)
            // First opened: the newest (the return inspection is usually the one asked about); later, stay put.
            let at = selectedID.flatMap { id in rows.firstIndex { $0.id == id } } ?? max(0, rows.count - 1)
            state.history.list.selected = at
            state.history.list.scrollToSelection(page: HistoryScreen.pageHeight(state.size))
        case .candidatesLoaded(let afterID, let anyVehicle, let rows):
            guard state.comparePick.after?.id == afterID, state.comparePick.anyVehicle == anyVehicle else { return [] }
            ComparePickScreen.loaded(rows, &state)
        case .comparisonLoaded(let id, let comparison, let before, let after):
            guard state.comparison.id == id else { return [] }
            state.comparison.comparison = comparison
            state.comparison.before = before
            state.comparison.after = after
            state.comparison.loaded = true
            return ComparisonScreen.requestPreviews(&state)
        case .comparisonStarted(let caseID, let session):
            state.notice = Notice(
                state.options.words(
                    "notice.comparison.accepted",
                    ["case": SafeText.escape(caseID), "session": SafeText.escape(session)]),
                role: .ok)
        case .comparisonFailed(let caseID, let reason):
            state.notice = Notice(
                state.options.words(
                    "notice.comparison.not-started",
                    ["case": SafeText.escape(caseID), "reason": SafeText.escape(reason)]),
                role: .error)
        }
        return []
    }
}
