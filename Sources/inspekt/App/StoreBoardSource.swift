import InspektCore
import InspektStore
import TerminalUI

/// The board's rows read from the local database, a window at a time (`InspektStore`'s board queries).
struct StoreBoardSource: BoardSource {
    let store: InspektStore

    func count(matching filter: String, archived: Bool) throws -> Int {
        try store.boardCount(matching: filter, archived: archived)
    }

    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try store.boardPage(matching: filter, archived: archived, offset: offset, limit: limit)
    }

    func position(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try store.boardPosition(of: id, matching: filter, archived: archived)
    }

    func archivedCount() throws -> Int { try store.archivedCount() }

    func count(in states: [InspectionState]) throws -> Int { try store.inspectionCount(in: states) }
}
