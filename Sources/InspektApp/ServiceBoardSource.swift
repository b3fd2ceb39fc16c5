import InspektCore
import InspektService
import TerminalUI

/// The board's rows, a window at a time, from the service's board queries.
struct ServiceBoardSource: BoardSource {
    let service: InspektService
    /// Every kiosk's rows (fleet mode, `K`), not only this kiosk's.
    var wholeFleet = false

    var isFleet: Bool { service.configuration.databaseURL != nil }

    func scoped(wholeFleet: Bool) -> any BoardSource {
        ServiceBoardSource(service: service, wholeFleet: wholeFleet)
    }

    func count(matching filter: String, archived: Bool) throws -> Int {
        try service.boardCount(matching: filter, archived: archived, wholeFleet: wholeFleet)
    }

    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try service.boardPage(matching: filter, archived: archived, offset: offset, limit: limit, wholeFleet: wholeFleet)
    }

    func position(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try service.boardPosition(of: id, matching: filter, archived: archived, wholeFleet: wholeFleet)
    }

    func archivedCount() throws -> Int { try service.archivedCount(wholeFleet: wholeFleet) }

    func count(in states: [InspectionState]) throws -> Int { try service.inspectionCount(in: states) }
}
