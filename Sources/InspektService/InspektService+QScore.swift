import Foundation
import InspektCore
import InspektStorage

/// What Q Score (API.md §6) said about a selection, before any session is spent.
public struct QScoreReport: Sendable {
    /// One photo's answer: its figures, or why it was not checked.
    public struct Entry: Sendable {
        public var photo: PhotoSelection
        /// SHA-256 of the bytes asked about; nil when the file could not be read.
        public var sha256: String?
        public var outcome: Result<PhotoQuality, QScoreSkip>

        /// Why the photo should not be sent, in words (empty: nothing against it, or not checked).
        public var problems: [String] {
            guard case .success(let quality) = outcome else { return [] }
            return quality.problems(for: photo.slot)
        }
    }

    public var entries: [Entry]

    /// One sentence per photo that should not go: "soft.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)".
    public var refusals: [String] {
        entries.compactMap { entry in
            let problems = entry.problems
            guard !problems.isEmpty else { return nil }
            return
                "\(SafeText.escape(entry.photo.fileName)) (\(entry.photo.slot.title)): \(problems.joined(separator: "; "))"
        }
    }

    /// The photos not checked, said once: the host's reason when it was down, slow or refused the account, and
    /// each photo it could not judge by name. Nil when every photo was checked.
    public var notChecked: String? {
        let skipped = entries.compactMap { entry -> (PhotoSelection, QScoreSkip)? in
            guard case .failure(let skip) = entry.outcome else { return nil }
            return (entry.photo, skip)
        }
        guard !skipped.isEmpty else { return nil }
        let count =
            skipped.count == entries.count
            ? (entries.count == 1 ? "the photo was" : "the photos were") : "\(skipped.count) of \(entries.count) photos"
        let host = skipped.first { $0.1.stopsTheRest }.map { $0.1.reason }
        let single = skipped.filter { !$0.1.stopsTheRest }.map { "\(SafeText.escape($0.0.fileName)): \($0.1.reason)" }
        let why = ([host].compactMap { $0 } + single).joined(separator: "; ")
        return "Q Score: \(count) not checked (\(why)); they go all the same."
    }

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
