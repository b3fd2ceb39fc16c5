import Foundation
import InspektCore

/// What Q Score said about each photo of an inspection, kept with it (`status --json`, the report).
///
/// Part of `InspectionStore`; its own protocol so that each engine keeps it in a file of its own.
public protocol PhotoQualityStore: Sendable {
    /// Replaces the inspection's kept scores with `scores` (one per photo asked about).
    func keepPhotoQuality(inspectionID: String, _ scores: [PhotoQualityRecord], at: Date) throws
    /// The inspection's kept scores, in the order they were kept.
    func photoQuality(inspectionID: String) throws -> [PhotoQualityRecord]
}

/// One photo's Q Score figures, by the photo's slot, path and bytes.
public struct PhotoQualityRecord: Sendable, Hashable {
    public var slot: CoverageSlot
    public var path: String
    /// Lower-case hex SHA-256 of the bytes Q Score judged.
    public var sha256: String
    public var quality: PhotoQuality

    public init(slot: CoverageSlot, path: String, sha256: String, quality: PhotoQuality) {
        self.slot = slot
        self.path = path
        self.sha256 = sha256
        self.quality = quality
    }
}
