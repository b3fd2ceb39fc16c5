import InspektCore
import InspektService
import TerminalUI

/// The board's rows, a window at a time, from the service's board queries.
struct ServiceBoardSource: BoardSource {
    let service: InspektService

    func count(matching filter: String, archived: Bool) throws -> Int {
        try service.boardCount(matching: filter, archived: archived)
    }

    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try service.boardPage(matching: filter, archived: archived, offset: offset, limit: limit)
    }

    func position(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try service.boardPosition(of: id, matching: filter, archived: archived)
    }

    func archivedCount() throws -> Int { try service.archivedCount() }

    func count(in states: [InspectionState]) throws -> Int { try service.inspectionCount(in: states) }
}
