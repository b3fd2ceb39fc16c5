import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The live side of vehicle history and comparisons (`v`, `c` on the board): reads from the store through
/// the service, and comparisons through the service's one comparison entry point.
enum HistoryEffects {
    static func perform(_ request: HistoryRequest, _ context: LiveEffects.Context) async {
        let service = context.service
        let post = context.post
        switch request {
        case .loadHistory(let vehicle):
            do {
                post(.screen(.history(.historyLoaded(vehicle: vehicle, try service.inspections(ofVehicle: vehicle)))))
            } catch {
                context.failed(
                    error,
                    .commandFailed(context.words("effects.vehicle-unread", ["reason": LiveEffects.describe(error)]))
                )
            }
        case .loadCandidates(let afterID, let anyVehicle):
            do {
                let rows = try service.comparisonCandidates(for: afterID, anyVehicle: anyVehicle)
                post(.screen(.history(.candidatesLoaded(afterID: afterID, anyVehicle: anyVehicle, rows))))
            } catch {
                context.failed(
                    error,
                    .commandFailed(context.words("effects.earlier-unread", ["reason": LiveEffects.describe(error)])))
            }
        case .loadComparison(let id):
            do {
                let (comparison, before, after) = try service.comparisonWithItsInspections(id: id)
                post(.screen(.history(.comparisonLoaded(id: id, comparison: comparison, before: before, after: after))))
            } catch {
                context.failed(
                    error,
                    .commandFailed(context.words("effects.comparison-unread", ["reason": LiveEffects.describe(error)])))
            }
        case .compare(let beforeID, let afterID, let caseID, let differentVehicles):
            do {
                // Returns once Inspektlabs accepted it; its row's states arrive meanwhile as service events.
                let outcome = try await service.compare(
                    before: beforeID, after: afterID, caseID: caseID, allowDifferentVehicles: differentVehicles)
                post(.screen(.history(.comparisonStarted(caseID: caseID, session: outcome.session))))
            } catch {
                context.failed(
                    error, .screen(.history(.comparisonFailed(caseID: caseID, reason: LiveEffects.describe(error)))))
            }
            // The board reads the rows it shows from the store: the new row, whatever became of it.
            post(.storeChangedElsewhere)
        }
    }
}
