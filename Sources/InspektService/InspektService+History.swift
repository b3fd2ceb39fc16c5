import Foundation
import InspektCore
import InspektStorage

/// Vehicle history: a vehicle's inspections in time order, and what a return inspection can be compared with.
extension InspektService {
    /// Every inspection and comparison of the vehicle (plate or VIN, however it was typed), oldest first.
    public func inspections(ofVehicle vehicle: String) throws -> [Inspection] {
        try store.vehicleHistory(vehicleKey: VehicleKey.normalised(vehicle))
    }

    /// The inspections an inspection may be compared with, newest first: the earlier ordinary inspections of
    /// its vehicle (any state, so the operator sees the whole history), or with `anyVehicle` the earlier
    /// accepted ones of every vehicle.
    public func comparisonCandidates(for id: String, anyVehicle: Bool, limit: Int = 500) throws -> [Inspection] {
        guard let later = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        if anyVehicle {
            return try store.acceptedInspections(before: later.createdAt, limit: limit).filter { $0.id != id }
        }
        return Array(
            try inspections(ofVehicle: later.facts.vehicle)
                .filter { $0.compared == nil && $0.id != id && $0.createdAt < later.createdAt && $0.state != .draft }
                .reversed())
    }

    /// A comparison with the two inspections it compares (named by their Inspektlabs inspection ids).
    public func comparisonWithItsInspections(
        id: String
    ) throws -> (comparison: Inspection?, before: Inspection?, after: Inspection?) {
        let comparison = try store.inspection(id: id)
        let pair = comparison?.compared
        let before = try pair.flatMap { try store.inspection(session: $0.before) }
        let after = try pair.flatMap { try store.inspection(session: $0.after) }
        return (comparison, before, after)
    }
}
