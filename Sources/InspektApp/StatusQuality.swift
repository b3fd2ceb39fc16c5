import Foundation
import InspektCore
import InspektService

/// What `inspekt status --json` says of each photo Q Score checked (API.md §6): `photo_quality`, one object per photo
/// with its slot, file, `q_score`, `orientation`, `blur`, `luma` (and `angle`, `zoom`, `resolution` when given).
public enum StatusQuality {
    public static func adding(
        to row: [String: Any], for inspection: Inspection, service: InspektService
    ) -> [String: Any] {
        guard let records = try? service.photoQuality(inspectionID: inspection.id), !records.isEmpty else { return row }
        var row = row
        row["photo_quality"] = records.map { record -> [String: Any] in
            let quality = record.quality
            func number(_ value: Double?) -> Any {
                guard let value else { return NSNull() }
                return value.rounded() == value && abs(value) < 1e9 ? Int(value) as Any : value as Any
            }
            var item: [String: Any] = [
                "slot": record.slot.rawValue, "file": (record.path as NSString).lastPathComponent,
                "sha256": record.sha256,
                "q_score": number(quality.qScore), "orientation": quality.orientation.map { $0 as Any } ?? NSNull(),
                "blur": number(quality.blur), "luma": number(quality.luma),
            ]
            if let angle = quality.angle { item["angle"] = angle }
            if let zoom = quality.zoom { item["zoom"] = zoom }
            if let resolution = quality.resolution { item["resolution"] = resolution }
            if let side = quality.wrongSide(for: record.slot) { item["wrong_side"] = side.rawValue }
            return item
        }
        return row
    }
}
