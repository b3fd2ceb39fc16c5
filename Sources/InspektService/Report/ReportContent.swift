import Foundation
import InspektCore

/// Everything a report shows, gathered from the store: the inspection (or comparison), its photos with
/// their damage, what it compares, and the receipt's facts.
public struct ReportContent: Sendable {
    /// The inspection the report is about: an ordinary inspection or a comparison.
    public var inspection: Inspection
    /// For a comparison: what it compares, and the two inspections when this kiosk has them.
    public var comparison: Comparison?
    /// The result's damage per photo (for a comparison: the return photos, with the new damage only).
    public var photos: PhotoDamageMap
    /// When Inspektlabs accepted the upload (or the comparison request).
    public var acceptedAt: Date?
    /// When the result arrived.
    public var resultAt: Date?
    /// The kiosk's host name.
    public var kiosk: String
    public var generatedAt: Date
    /// The time zone the report's times are written in.
    public var timeZone: TimeZone

    /// A comparison's two sides.
    public struct Comparison: Sendable {
        public var pair: ComparedInspections
        /// The earlier inspection (pickup), when stored on this kiosk.
        public var before: Inspection?
        /// The later inspection (return), when stored on this kiosk.
        public var after: Inspection?

        public init(pair: ComparedInspections, before: Inspection?, after: Inspection?) {
            self.pair = pair
            self.before = before
            self.after = after
        }

        /// The pickup photo on the same slot as a return photo (the first one, for slots with several).
        public func pickupPhoto(for slot: CoverageSlot) -> PhotoSelection? {
            before?.photos.first { $0.slot == slot }
        }
    }

    public init(
        inspection: Inspection, comparison: Comparison?, photos: PhotoDamageMap, acceptedAt: Date?, resultAt: Date?,
        kiosk: String, generatedAt: Date, timeZone: TimeZone = .current
    ) {
        self.inspection = inspection
        self.comparison = comparison
        self.photos = photos
        self.acceptedAt = acceptedAt
        self.resultAt = resultAt
        self.kiosk = kiosk
        self.generatedAt = generatedAt
        self.timeZone = timeZone
    }

    /// The photos that get a page: every photo of an inspection; for a comparison only those with new damage.
    public var pagedPhotos: [PhotoDamage] {
        comparison == nil ? photos.photos : photos.photos.filter { !$0.damage.isEmpty }
    }

    /// The photos the receipt lists: those sent with the inspection (for a comparison, both sides').
    public var receiptPhotos: [ReceiptPhoto] {
        guard let comparison else { return inspection.photos.map { ReceiptPhoto(label: "", photo: $0, session: inspection.session) } }
        let before = (comparison.before?.photos ?? []).map { ReceiptPhoto(label: "Pickup", photo: $0, session: comparison.before?.session) }
        let after = (comparison.after?.photos ?? []).map { ReceiptPhoto(label: "Return", photo: $0, session: comparison.after?.session) }
        return before + after
    }

    /// One file the receipt lists: which side of a comparison it was sent with, and that inspection's session.
    public struct ReceiptPhoto: Sendable {
        public var label: String
        public var photo: PhotoSelection
        public var session: String?
    }
}
