import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektStorage

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
    /// What Q Score said of the photos (for a comparison, the return photos), as kept at submit.
    public var photoQuality: [PhotoQualityRecord]
    /// The language the report is written in (English unless asked).
    public var words: Localizer = Languages.english

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

        /// The pickup photo that shows the same part as a return photo with `damage` (see `PickupCounterpart`).
        public func pickupPhoto(for photo: PhotoSelection, damage: [DamagedPart]) -> PickupCounterpart? {
            PickupCounterpart.find(for: photo, damage: damage, pickup: before)
        }
    }

    public init(
        inspection: Inspection, comparison: Comparison?, photos: PhotoDamageMap, acceptedAt: Date?, resultAt: Date?,
        kiosk: String, generatedAt: Date, timeZone: TimeZone = .current, photoQuality: [PhotoQualityRecord] = []
    ) {
        self.inspection = inspection
        self.comparison = comparison
        self.photos = photos
        self.acceptedAt = acceptedAt
        self.resultAt = resultAt
        self.kiosk = kiosk
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.photoQuality = photoQuality
    }

    /// What Q Score said of `photo`'s bytes as sent; nil when it was not checked (or the file changed since).
    public func quality(of photo: PhotoSelection) -> PhotoQuality? {
        photoQuality.last { $0.path == photo.path && (photo.sha256 == nil || photo.sha256 == $0.sha256) }?.quality
    }

    /// The video of a video walk-around (API.md §7), whose result's images are frames taken from it; nil for photos
    /// and for a comparison.
    public var video: PhotoSelection? {
        comparison == nil ? inspection.photos.first { $0.slot == .video } : nil
    }

    /// One photo page: the photo with its damage, for a comparison the pickup photo beside it, and the number
    /// of its first damage (numbers run through the report: the first page's list, the boxes, the photo pages).
    public struct Page: Sendable {
        public var photo: PhotoDamage
        public var pickup: PickupCounterpart?
        public var firstNumber: Int
    }

    /// The photos that get a page: every photo of an inspection; for a comparison only those with new damage.
    public var pages: [Page] {
        var number = 1
        var out: [Page] = []
        for entry in photos.photos where comparison == nil || !entry.damage.isEmpty {
            out.append(
                Page(
                    photo: entry, pickup: comparison?.pickupPhoto(for: entry.photo, damage: entry.damage),
                    firstNumber: number))
            number += entry.damage.count
        }
        return out
    }

    /// The kiosk that captured an inspection: the one it records, else (a database from before fleet mode) this one.
    public func kiosk(of inspection: Inspection?) -> String {
        inspection?.kiosk.flatMap { $0.isEmpty ? nil : $0 } ?? kiosk
    }

    /// The photos the receipt lists: those sent with the inspection (for a comparison, both sides').
    public var receiptPhotos: [ReceiptPhoto] {
        guard let comparison else {
            return inspection.photos.map {
                ReceiptPhoto(label: "", photo: $0, session: inspection.session, kiosk: kiosk(of: inspection))
            }
        }
        func side(_ label: String, _ side: Inspection?) -> [ReceiptPhoto] {
            (side?.photos ?? []).map {
                ReceiptPhoto(label: label, photo: $0, session: side?.session, kiosk: kiosk(of: side))
            }
        }
        return side(words("report.pickup"), comparison.before) + side(words("report.return"), comparison.after)
    }

    /// One file the receipt lists: which side of a comparison it was sent with, that inspection's session and
    /// the kiosk that captured it.
    public struct ReceiptPhoto: Sendable {
        public var label: String
        public var photo: PhotoSelection
        public var session: String?
        public var kiosk: String?
    }
}
