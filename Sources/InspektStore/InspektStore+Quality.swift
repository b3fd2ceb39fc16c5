import Foundation
import GRDB
import InspektCore
import InspektStorage

/// Q Score's figures per photo, in `photo_quality` (one transaction per change).
extension InspektStore {
    public func keepPhotoQuality(inspectionID: String, _ scores: [PhotoQualityRecord], at date: Date) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM photo_quality WHERE inspection_id = ?", arguments: [inspectionID])
            for (position, record) in scores.enumerated() {
                let quality = record.quality
                try db.execute(
                    sql: """
                        INSERT INTO photo_quality (inspection_id, position, slot, path, sha256, q_score, orientation, blur, luma,
                            angle, zoom, resolution, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        inspectionID, position, record.slot.rawValue, record.path, record.sha256, quality.qScore,
                        quality.orientation, quality.blur, quality.luma, quality.angle, quality.zoom,
                        quality.resolution,
                        date.timeIntervalSinceReferenceDate,
                    ])
            }
        }
    }

    public func photoQuality(inspectionID: String) throws -> [PhotoQualityRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM photo_quality WHERE inspection_id = ? ORDER BY position",
                arguments: [inspectionID]
            ).compactMap { row in
                guard let slot = CoverageSlot(rawValue: row["slot"]) else { return nil }
                let quality = PhotoQuality(
                    qScore: row["q_score"], orientation: row["orientation"], blur: row["blur"], luma: row["luma"],
                    angle: row["angle"], zoom: row["zoom"], resolution: row["resolution"])
                return PhotoQualityRecord(slot: slot, path: row["path"], sha256: row["sha256"], quality: quality)
            }
        }
    }
}
