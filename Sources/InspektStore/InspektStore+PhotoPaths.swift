import Foundation
import GRDB

extension InspektStore {
    /// Records that a photo of an inspection now lives at another path (it was moved after the upload);
    /// its size, digest and slot stay as they were.
    public func movePhoto(inspectionID: String, from oldPath: String, to newPath: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE photos SET path = ? WHERE inspection_id = ? AND path = ?",
                arguments: [newPath, inspectionID, oldPath])
        }
    }
}
