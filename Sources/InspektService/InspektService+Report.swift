import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektStorage
import PhotoKit

/// Reports: one self-contained HTML file per inspection or comparison (see `HTMLReport`).
extension InspektService {
    /// The inspection or comparison a reference names: a local id, an inspection id (session), else a case
    /// id naming exactly one. Refused in words (with the list) when it names none or several.
    public func reportSubject(matching reference: String) throws -> Inspection {
        let reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reference.isEmpty else { throw ComparisonError.unknownReference(reference) }
        if let inspection = try store.inspection(id: reference) ?? store.inspection(session: reference) {
            return inspection
        }
        let found = try store.inspections(caseID: reference).filter { $0.state != .draft }
        guard let inspection = found.first else { throw unknown(reference) }
        guard found.count == 1 else { throw ComparisonError.ambiguousReference(reference, found) }
        return inspection
    }

    /// What the report of inspection (or comparison) `id` shows, read from the store.
    public func reportContent(id: String, now: Date = Date(), timeZone: TimeZone = .current) throws -> ReportContent {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        var comparison: ReportContent.Comparison?
        var photos = inspection.photos
        if let pair = try store.comparedInspections(inspectionID: id) {
            let before = try store.inspection(session: pair.before)
            let after = try store.inspection(session: pair.after)
            comparison = ReportContent.Comparison(pair: pair, before: before, after: after)
            // The comparison's result names the return inspection's photos.
            photos = after?.photos ?? []
        }
        let events = try store.events(inspectionID: id)
        // A comparison's pages show the return inspection's photos: their scores are kept with it.
        let scored = comparison.map { $0.after?.id } ?? id
        var damage = PhotoDamageMap.match(photos: photos, result: inspection.result)
        if comparison == nil, let video = photos.first(where: { $0.slot == .video }) {
            // The result's images are frames Inspektlabs took from the video (API.md §7): their damage is the video's.
            damage = PhotoDamageMap(
                photos: [PhotoDamage(photo: video, damage: inspection.result?.damagedParts ?? [])], unplaced: [])
        }
        return ReportContent(
            inspection: inspection, comparison: comparison, photos: damage,
            acceptedAt: events.last { $0.kind == "accepted" }?.at, resultAt: events.last { $0.kind == "result" }?.at,
            kiosk: store.kioskID, generatedAt: now, timeZone: timeZone,
            photoQuality: try scored.map { try store.photoQuality(inspectionID: $0) } ?? [])
    }

    /// The report of inspection (or comparison) `id` as one HTML document in `words`' language, its photos read
    /// from this kiosk.
    public func reportHTML(id: String, now: Date = Date(), words: Localizer = Languages.english) throws -> String {
        var content = try reportContent(id: id, now: now)
        content.words = words
        return HTMLReport.document(content) { ReportImage.load($0) }
    }

    /// Writes the report of `id` to `path` (private, 0600, never through a link).
    public func writeReport(id: String, to path: String, words: Localizer = Languages.english) throws {
        try PrivateFile.write(Data(try reportHTML(id: id, words: words).utf8), to: path)
    }

    /// Writes the report of `id` into `folder` (made when missing); returns the file's path.
    public func writeReport(id: String, into folder: String, words: Localizer = Languages.english) throws -> String {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        try ReportFolder.prepare(folder)
        let path = (folder as NSString).appendingPathComponent(ReportFolder.reportFileName(for: inspection))
        try writeReport(id: id, to: path, words: words)
        return path
    }

    /// Writes the receipt JSON of `id` into `folder` (made when missing); returns the file's path.
    public func exportReceipt(id: String, into folder: String) throws -> String {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        try ReportFolder.prepare(folder)
        let path = (folder as NSString).appendingPathComponent(ReportFolder.receiptFileName(for: inspection))
        try exportReceipt(id: id, to: path)
        return path
    }
}

extension InspektService {
    /// A photo's picture for the detail screen: large enough to show it enlarged (96×72), with the photo's
    /// own pixel size (boxes in pixels refer to it); nil when the file cannot be read as a picture.
    public static func photoPreview(path: String) -> (thumbnail: Thumbnail, pixelWidth: Int?, pixelHeight: Int?)? {
        guard let facts = try? PhotoInspector.facts(path: path, thumbnailWidth: 96, thumbnailHeight: 72),
            let thumbnail = facts.thumbnail
        else { return nil }
        return (thumbnail, facts.pixelWidth, facts.pixelHeight)
    }
}
