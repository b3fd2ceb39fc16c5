import Foundation
import InspektCore

/// What `inspekt status --json` adds to each item: its kind, what a comparison compares, and the damage
/// found (`new_damage` for a comparison, `damage` and `recommendation` for an inspection) once a result arrived.
public enum StatusDetails {
    public static func adding(to row: [String: Any], for inspection: Inspection, compared: ComparedInspections?) -> [String: Any] {
        var row = row
        row["kind"] = compared == nil ? "inspection" : "comparison"
        if let compared {
            row["before"] = compared.before
            row["after"] = compared.after
        }
        guard let result = inspection.result, result.verdict == .available else { return row }
        let damage = result.damagedParts.map { part -> [String: Any] in
            [
                "part": part.part, "damage": part.damageType, "severity": part.severity.map { $0 as Any } ?? NSNull(),
                "photo": part.photo.map { $0 as Any } ?? NSNull(),
            ]
        }
        if compared == nil {
            row["damage"] = damage
            if let recommendation = result.recommendation { row["recommendation"] = recommendation }
        } else {
            row["new_damage"] = damage
        }
        return row
    }
}
