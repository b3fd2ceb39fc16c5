import Foundation
import InspektCore
import InspektStorage

/// Pickup and return: comparisons of a later inspection with an earlier one, and inspections grouped by vehicle.
extension InspektService {
    /// The ordinary inspections a reference names: a local id, an inspection id (session), else a case id.
    public func inspections(matching reference: String) throws -> [Inspection] {
        let reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reference.isEmpty else { return [] }
        let comparisons = try store.comparedInspections()
        if let inspection = try store.inspection(id: reference) ?? store.inspection(session: reference) {
            return comparisons[inspection.id] == nil ? [inspection] : []
        }
        return try store.inspections(caseID: reference).filter { comparisons[$0.id] == nil }
    }

    /// Exactly one accepted inspection for a reference, or the reason why not.
    public func acceptedInspection(matching reference: String) throws -> Inspection {
        let found = try inspections(matching: reference)
        guard let inspection = found.first else { throw unknown(reference) }
        guard found.count == 1 else { throw ComparisonError.ambiguousReference(reference, found) }
        guard inspection.state.wasAccepted, inspection.session != nil else {
            throw ComparisonError.notAccepted(reference: reference, state: inspection.state)
        }
        return inspection
    }

    /// Asks Inspektlabs what is new on `after` since `before` (both accepted inspections of this kiosk) and
    /// returns once the comparison is accepted. The same request again continues, or returns, the comparison
    /// made for it before: one comparison per pair and case, whatever was lost on the way.
    public func compare(
        before beforeReference: String, after afterReference: String, caseID: String,
        allowDifferentVehicles: Bool = false
    ) async throws -> ComparisonOutcome {
        let before = try acceptedInspection(matching: beforeReference)
        let after = try acceptedInspection(matching: afterReference)
        if let problem = CaseIDRule.problem(in: caseID) { throw ServiceError.invalid([problem.message]) }
        guard let earlier = before.session, let later = after.session else {
            throw ComparisonError.notAccepted(reference: beforeReference, state: before.state)
        }
        if before.id == after.id { throw ComparisonError.sameInspection }
        if before.createdAt > after.createdAt { throw ComparisonError.wrongOrder(before: earlier, after: later) }
        let vehicles = (before.facts.vehicle, after.facts.vehicle)
        if !allowDifferentVehicles, !VehicleKey.normalised(vehicles.0).isEmpty,
            !VehicleKey.normalised(vehicles.1).isEmpty,
            !VehicleKey.same(vehicles.0, vehicles.1)
        {
            throw ComparisonError.differentVehicles(before: vehicles.0, after: vehicles.1)
        }

        let pair = ComparedInspections(before: earlier, after: later)
        let id: String
        if let existing = try store.comparisons(of: pair, caseID: caseID).first {
            id = existing.id
        } else {
            let now = dependencies.now()
            let comparison = Inspection(
                facts: CaseFacts(caseID: caseID, vehicle: after.facts.vehicle, vehicleType: after.facts.vehicleType),
                state: .ready, createdAt: now, updatedAt: now)
            // The store checks again in its transaction: a request made at the same moment elsewhere wins or joins.
            id = try store.insertComparison(comparison, comparing: pair, callbackToken: CallbackAddresses.randomToken())
            if id == comparison.id {
                try? store.appendEvent(
                    inspectionID: comparison.id, kind: "created",
                    detail: "Comparison of \(later) with \(earlier) for case \(caseID) created")
            }
        }
        let session = try await comparisonQueue.run(comparisonID: id)
        return ComparisonOutcome(id: id, session: session, compared: pair)
    }

    /// What a comparison compares; nil for an ordinary inspection.
    public func comparedInspections(id: String) throws -> ComparedInspections? {
        try store.comparedInspections(inspectionID: id)
    }

    /// Every comparison's pair, by comparison id.
    public func comparedInspections() throws -> [String: ComparedInspections] {
        try store.comparedInspections()
    }

    /// The ordinary inspections of one vehicle (plate or VIN, however it was typed), oldest first.
    public func vehicleHistory(_ vehicle: String) throws -> [Inspection] {
        guard !VehicleKey.normalised(vehicle).isEmpty else { return [] }
        return try store.ordinaryInspections().filter { VehicleKey.same($0.facts.vehicle, vehicle) }
            .sorted { $0.createdAt < $1.createdAt }
    }
}
