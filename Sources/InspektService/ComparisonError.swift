import Foundation
import InspektCore

/// Why a comparison cannot be asked for, in words an operator understands.
public enum ComparisonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No inspection on this kiosk has this case id, inspection id or local id.
    case unknownReference(String)
    /// Nothing has this reference, but a case id differs from it only by letter case: named, never picked.
    case letterCase(String, caseIDs: [String])
    /// A case id that names several inspections: one of their inspection ids must be given instead.
    case ambiguousReference(String, [Inspection])
    /// The inspection was never accepted by Inspektlabs, so there is nothing to compare.
    case notAccepted(reference: String, state: InspectionState)
    case sameInspection
    /// `--before` was taken after `--after`.
    case wrongOrder(before: String, after: String)
    /// The two inspections are of different vehicles; comparing them needs a confirmation.
    case differentVehicles(before: String, after: String)

    public var description: String {
        switch self {
        case .unknownReference(let reference):
            "No inspection on this kiosk has the case id or inspection id \"\(SafeText.escape(reference))\"."
        case .letterCase(let reference, let caseIDs):
            "No inspection on this kiosk has the case id or inspection id \"\(SafeText.escape(reference))\"; did you mean "
                + caseIDs.map { SafeText.escape($0) }.joined(separator: " or ") + "?"
        case .ambiguousReference(let reference, let inspections):
            "Case \(SafeText.escape(reference)) names \(inspections.count) inspections; give one inspection id instead:\n"
                + Self.listing(inspections)
        case .notAccepted(let reference, let state):
            "Inspection \(SafeText.escape(reference)) is \(state.title.lowercased()): only inspections that Inspektlabs accepted can be compared."
        case .sameInspection:
            "--before and --after name the same inspection; compare an earlier inspection with a later one."
        case .wrongOrder(let before, let after):
            "Inspection \(SafeText.escape(before)) (--before) was taken after \(SafeText.escape(after)) (--after): swap them, the earlier one goes first."
        case .differentVehicles(let before, let after):
            "The inspections are of different vehicles (\(SafeText.escape(before)) and \(SafeText.escape(after))). Check the references, or confirm with --different-vehicles."
        }
    }

    /// One line per inspection: inspection id, case, vehicle, state, time; oldest first.
    public static func listing(_ inspections: [Inspection]) -> String {
        let formatter = ISO8601DateFormatter()
        return inspections.sorted { $0.createdAt < $1.createdAt }.map { inspection in
            let vehicle = inspection.facts.vehicle.isEmpty ? "" : "  \(SafeText.escape(inspection.facts.vehicle))"
            return
                "  \(SafeText.escape(inspection.session ?? inspection.id))  \(SafeText.escape(inspection.facts.caseID))"
                + "\(vehicle)  \(inspection.state.rawValue)  \(formatter.string(from: inspection.createdAt))"
        }.joined(separator: "\n")
    }
}

/// An accepted comparison: its local id, its inspection id on the server and what it compares.
public struct ComparisonOutcome: Sendable, Hashable {
    public var id: String
    public var session: String
    public var compared: ComparedInspections
}
