import Foundation
import GRDB
import InspektCore

extension InspektStore {
    /// The photos of every inspection past draft whose size is one of `sizes`, oldest inspection first: a
    /// file of another size cannot hold the same bytes, so only files that share a size are hashed to compare.
    public func sentPhotos(sizes: [Int64]) throws -> [SentPhoto] {
        let wanted = Array(Set(sizes.filter { $0 > 0 })).sorted()
        guard !wanted.isEmpty else { return [] }
        return try pool.read { db in
            var found: [(created: Double, photo: SentPhoto)] = []
            // In slices (SQLite caps the bound values of one statement at 32,766): one scan per 10,000 sizes.
            for start in stride(from: 0, to: wanted.count, by: 10_000) {
                let slice = Array(wanted[start..<min(wanted.count, start + 10_000)])
                let marks = slice.map { _ in "?" }.joined(separator: ",")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.inspection_id, i.case_id, p.path, p.size, p.sha256, i.created_at
                        FROM photos p JOIN inspections i ON i.id = p.inspection_id
                        WHERE p.size IN (\(marks)) AND i.state <> ?
                        """,
                    arguments: StatementArguments(slice) + [InspectionState.draft.rawValue])
                for row in rows {
                    found.append(
                        (
                            row[5],
                            SentPhoto(inspectionID: row[0], caseID: row[1], path: row[2], size: row[3], sha256: row[4])
                        ))
                }
            }
            return found.sorted { ($0.created, $0.photo.inspectionID) < ($1.created, $1.photo.inspectionID) }.map(
                \.photo)
        }
    }
}
