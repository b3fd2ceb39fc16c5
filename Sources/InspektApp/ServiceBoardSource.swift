import InspektCore
import InspektService
import TerminalUI

/// The board's rows, a window at a time, from the service's board queries.
public struct ServiceBoardSource: BoardSource {
    let service: InspektService
    /// Every kiosk's rows (fleet mode, `K`), not only this kiosk's.
    var wholeFleet = false

    public init(service: InspektService, wholeFleet: Bool = false) {
        self.service = service
        self.wholeFleet = wholeFleet
    }

    public var isFleet: Bool { service.configuration.databaseURL != nil }

    public func scoped(wholeFleet: Bool) -> any BoardSource {
        ServiceBoardSource(service: service, wholeFleet: wholeFleet)
    }

    public func count(matching filter: String, archived: Bool) throws -> Int {
        try reading { try service.boardCount(matching: filter, archived: archived, wholeFleet: wholeFleet) }
    }

    public func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection] {
        try reading {
            try service.boardPage(
                matching: filter, archived: archived, offset: offset, limit: limit, wholeFleet: wholeFleet)
        }
    }

    public func position(of id: String, matching filter: String, archived: Bool) throws -> Int? {
        try reading { try service.boardPosition(of: id, matching: filter, archived: archived, wholeFleet: wholeFleet) }
    }

    public func archivedCount() throws -> Int { try reading { try service.archivedCount(wholeFleet: wholeFleet) } }

    public func count(in states: [InspectionState]) throws -> Int {
        try reading { try service.inspectionCount(in: states) }
    }

    /// A database out of reach is said in the board's own terms (and told to the service's outbox, which says
    /// when it answers again); any other failure as it is.
    private func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            guard let place = service.noteIfUnreachable(error) else { throw error }
            throw DatabaseUnreachable(place: place)
        }
    }
}
