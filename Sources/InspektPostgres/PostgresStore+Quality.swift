import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// Q Score's figures per photo, in the fleet database's `photo_quality` (one transaction per change).
extension PostgresStore {
    public func keepPhotoQuality(inspectionID: String, _ scores: [PhotoQualityRecord], at date: Date) throws {
        try write { session in
            try session.execute("DELETE FROM photo_quality WHERE inspection_id = \(inspectionID)")
            for (position, record) in scores.enumerated() {
                let quality = record.quality
                try session.execute(
                    """
                    INSERT INTO photo_quality (inspection_id, position, slot, path, sha256, q_score, orientation, blur, luma,
                        angle, zoom, resolution, checked_at)
                    VALUES (\(inspectionID), \(position), \(record.slot.rawValue), \(record.path), \(record.sha256),
                        \(quality.qScore), \(quality.orientation), \(quality.blur), \(quality.luma), \(quality.angle),
                        \(quality.zoom), \(quality.resolution), \(date.timeIntervalSinceReferenceDate))
                    """)
            }
        }
    }

    public func photoQuality(inspectionID: String) throws -> [PhotoQualityRecord] {
        try read { session in
            try session.rows(
                """
                SELECT slot, path, sha256, q_score, orientation, blur, luma, angle, zoom, resolution FROM photo_quality
                WHERE inspection_id = \(inspectionID) ORDER BY position
                """
            ).compactMap { row in
                guard let slot = CoverageSlot(rawValue: try row["slot"].decode(String.self)) else { return nil }
                let quality = PhotoQuality(
                    qScore: try row["q_score"].decode(Double?.self),
                    orientation: try row["orientation"].decode(String?.self),
                    blur: try row["blur"].decode(Double?.self), luma: try row["luma"].decode(Double?.self),
                    angle: try row["angle"].decode(String?.self), zoom: try row["zoom"].decode(String?.self),
                    resolution: try row["resolution"].decode(String?.self))
                return PhotoQualityRecord(
                    slot: slot, path: try row["path"].decode(String.self),
                    sha256: try row["sha256"].decode(String.self),
                    quality: quality)
            }
        }
    }
}
