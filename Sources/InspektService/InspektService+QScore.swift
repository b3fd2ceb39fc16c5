import Foundation
import InspektCore
import InspektStorage

/// What Q Score (API.md §6) said about a selection, before any session is spent. Said in words by
/// `Localizer.qScoreRefusals` and `.qScoreNotChecked`.
public struct QScoreReport: Sendable {
    /// One photo's answer: its figures, or why it was not checked.
    public struct Entry: Sendable {
        public var photo: PhotoSelection
        /// SHA-256 of the bytes asked about; nil when the file could not be read.
        public var sha256: String?
        public var outcome: Result<PhotoQuality, QScoreSkip>
    }

    public var entries: [Entry]

    /// What Q Score said about each photo it checked, to keep with the inspection.
    public var records: [PhotoQualityRecord] {
        entries.compactMap { entry in
            guard case .success(let quality) = entry.outcome, let sha256 = entry.sha256 else { return nil }
            return PhotoQualityRecord(slot: entry.photo.slot, path: entry.photo.path, sha256: sha256, quality: quality)
        }
    }
}

extension InspektService {
    /// Whether Q Score is on (`INSPEKT_QSCORE_URL` set).
    public var qScoreIsOn: Bool { qScore != nil }

    /// Asks Q Score about every photo of a selection (a few at a time; answers cached by SHA-256), before any upload
    /// session is opened; nil when Q Score is off. Never throws: a photo Q Score could not judge is "not checked".
    public func askQScore(about photos: [PhotoSelection], caseID: String) async -> QScoreReport? {
        guard let qScore else { return nil }
        let digests = await SelectionDigests.compute(paths: photos.map(\.path)).map { try? $0.get().sha256 }
        let outcomes = await qScore.ask(photos, digests: digests, caseID: caseID)
        let entries = photos.indices.map {
            QScoreReport.Entry(photo: photos[$0], sha256: digests[$0], outcome: outcomes[$0])
        }
        let checked = entries.filter { if case .success = $0.outcome { true } else { false } }.count
        logger.info("q score asked", metadata: ["photos": "\(photos.count)", "checked": "\(checked)"])
        return QScoreReport(entries: entries)
    }

    /// Keeps what Q Score said with the inspection (`status --json`, the report).
    public func keepQScores(_ report: QScoreReport, inspectionID: String) throws {
        try store.keepPhotoQuality(inspectionID: inspectionID, report.records, at: dependencies.now())
    }

    /// What Q Score said about the inspection's photos, as kept.
    public func photoQuality(inspectionID: String) throws -> [PhotoQualityRecord] {
        try store.photoQuality(inspectionID: inspectionID)
    }
}
