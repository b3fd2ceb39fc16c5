import Foundation
import InspektCore
import PostgresNIO

extension PostgresStore {
    /// The photos of every inspection past draft (any kiosk's) whose size is one of `sizes`, oldest first.
    public func sentPhotos(sizes: [Int64]) throws -> [SentPhoto] {
        let wanted = Array(Set(sizes.filter { $0 > 0 })).sorted()
        guard !wanted.isEmpty else { return [] }
        let draft = InspectionState.draft.rawValue
        return try read { session in
            try session.rows(
                """
                SELECT p.inspection_id, i.case_id, p.path, p.size, p.sha256
                FROM photos p JOIN inspections i ON i.id = p.inspection_id
                WHERE p.size = ANY(\(wanted)) AND i.state <> \(draft)
                ORDER BY i.created_at, i.seq, p.position
                """
            ).map { row in
                SentPhoto(
                    inspectionID: try row["inspection_id"].decode(String.self),
                    caseID: try row["case_id"].decode(String.self),
                    path: try row["path"].decode(String.self), size: try row["size"].decode(Int64.self),
                    sha256: try row["sha256"].decode(String?.self))
            }
        }
    }
}
