import Foundation
import InspektCore

extension InspektService {
    /// Moves the photos of an accepted inspection into `sent/<case id>/` in the inbox (see `SentPhotoMover`),
    /// records their new paths and notes the move in the inspection's history. Returns the moves made;
    /// an inspection not (yet) accepted moves nothing.
    @discardableResult
    public func moveSentPhotos(inspectionID: String, mover: SentPhotoMover) -> [SentPhotoMover.Move] {
        guard let inspection = try? store.inspection(id: inspectionID), inspection.state.wasAccepted else { return [] }
        let (moves, failures) = mover.move(paths: inspection.photos.map(\.path), caseID: inspection.facts.caseID)
        for move in moves {
            do {
                try store.movePhoto(inspectionID: inspectionID, from: move.from, to: move.to)
            } catch {
                logger.error(
                    "a moved photo's new path was not recorded",
                    metadata: ["from": "\(move.from)", "to": "\(move.to)", "error": "\(error)"])
            }
        }
        for (path, reason) in failures.sorted(by: { $0.key < $1.key }) {
            logger.warning("a sent photo stayed in the inbox", metadata: ["path": "\(path)", "reason": "\(reason)"])
        }
        if !moves.isEmpty, let folder = mover.folder(caseID: inspection.facts.caseID) {
            try? store.appendEvent(
                inspectionID: inspectionID, kind: "photos moved",
                detail: "\(moves.count) photo\(moves.count == 1 ? "" : "s") moved to \(folder)")
        }
        return moves
    }

    /// While the returned task runs, the photos of every inspection this process sees accepted move into
    /// the inbox's `sent/<case id>/`. Nil (nothing moves) unless `INSPEKT_MOVE_SENT=1`.
    public func movingSentPhotos(inbox: String, environment: [String: String]) -> Task<Void, Never>? {
        guard SentPhotoMover.isEnabled(environment) else { return nil }
        let mover = SentPhotoMover(inbox: inbox)
        let events = events()
        return Task { [self] in
            for await event in events {
                // Published once the acceptance is stored: the inspection reads back as accepted.
                guard case .uploadAccepted(let id, _) = event else { continue }
                moveSentPhotos(inspectionID: id, mover: mover)
            }
        }
    }
}
