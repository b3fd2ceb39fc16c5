import InspektCore
import InspektStore
import TerminalUI

/// The board's rows read from the local database, a window at a time (`InspektStore`'s board queries).
struct StoreBoardSource: BoardSource {
    let store: InspektStore

    func count(matching filter: String) throws -> Int { try store.boardCount(matching: filter) }

    func rows(matching filter: String, offset: Int, limit: Int) throws -> [Inspection] {
        try store.boardPage(matching: filter, offset: offset, limit: limit)
    }

    func position(of id: String, matching filter: String) throws -> Int? {
        try store.boardPosition(of: id, matching: filter)
    }

    func unfinishedUploadCount() throws -> Int { try store.unfinishedUploadCount() }
}
