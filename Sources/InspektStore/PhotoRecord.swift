import Foundation
import GRDB
import InspektCore
import InspektStorage

/// A row of `photos`: the file chosen for one slot of an inspection, at its position in the upload.
struct PhotoRecord: StoreRecord {
    static let databaseTableName = "photos"

    var inspectionID: String
    var position: Int
    var slot: String
    var path: String
    var size: Int64
    var sha256: String?
    var captureTime: Date?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case inspectionID = "inspection_id"
        case position, slot, path, size, sha256
        case captureTime = "capture_time"
    }

    init(_ photo: PhotoSelection, inspectionID: String, position: Int) {
        self.inspectionID = inspectionID
        self.position = position
        slot = photo.slot.rawValue
        path = photo.path
        size = photo.size
        sha256 = photo.sha256
        captureTime = photo.captureTime
    }

    /// The photo this row holds; a slot this version does not know is an error.
    func selection() throws -> PhotoSelection {
        guard let known = CoverageSlot(rawValue: slot) else { throw StoreError.unreadableRow("photo slot \(slot)") }
        return PhotoSelection(slot: known, path: path, size: size, sha256: sha256, captureTime: captureTime)
    }
}
