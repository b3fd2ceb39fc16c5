import InspektCore

/// What the board asks of its `BoardSource`: `Command.loadBoardPage`, answered by `.boardPageLoaded` or
/// `.boardPageFailed` with the same `generation`.
public struct BoardPageRequest: Sendable, Hashable {
    /// Numbers the board's requests: only the answer to the last one sent is taken.
    public var generation: Int
    /// The board's `epoch` when asked: an answer to an older one leaves the rows stale.
    var epoch: Int
    public var filter: String
    public var archived: Bool
    public var wholeFleet: Bool
    /// Count everything again (the store changed): the total, the archived and the per-state counts.
    public var recount: Bool
    /// Count the inspections matching `filter`.
    public var countMatching: Bool
    /// Find this inspection's position, and read the rows around it instead of `offset`.
    public var keep: String?
    public var offset: Int
    public var limit: Int
    /// The board's visible rows, for the page read around `keep`.
    public var pageHeight: Int

    /// Whether the rows this request reads include `first..<end` (a request that looks for `keep` reads around it).
    func covers(_ first: Int, _ end: Int) -> Bool {
        keep != nil || (first >= offset && end <= offset + limit)
    }
}

/// The answer to a `BoardPageRequest`: each count it asked for, and the rows read.
public struct BoardPage: Sendable, Hashable {
    public var request: BoardPageRequest
    public var total: Int?
    public var archivedCount: Int?
    public var unfinished: Int?
    public var processing: Int?
    public var matching: Int?
    /// Where `request.keep` is among the matching inspections; nil when it is not among them (or not asked).
    public var keepPosition: Int?
    /// Board position of `rows[0]`.
    public var offset = 0
    public var rows: [Inspection] = []

    public init(request: BoardPageRequest) { self.request = request }
}

/// Why a page was not read.
public enum BoardPageFailure: Sendable, Hashable {
    /// The fleet database did not answer (`place`: host:port): the board keeps its rows until it does.
    case unreachable(place: String)
    case failed(String)
}

/// Reads a page from a `BoardSource`: run by the runtime's effects (on a command's thread), never by `update`.
public enum BoardPageLoader {
    /// A newer request replaced this one: whatever it read would be dropped, so it stops reading.
    public struct Superseded: Error {}

    /// Reads what `request` asks for; `isCurrent` is asked between reads, so that a key typed meanwhile does not
    /// wait behind a page nobody will see.
    public static func load(
        _ request: BoardPageRequest, from source: any BoardSource, isCurrent: () -> Bool = { true }
    ) throws -> BoardPage {
        let source = source.isFleet ? source.scoped(wholeFleet: request.wholeFleet) : source
        var page = BoardPage(request: request)
        func step<T>(_ read: () throws -> T) throws -> T {
            guard isCurrent() else { throw Superseded() }
            return try read()
        }
        if request.recount {
            page.total = try step { try source.count(matching: "", archived: request.archived) }
            page.archivedCount = try step { try source.archivedCount() }
            page.unfinished = try step { try source.count(in: InspectionState.allCases.filter(\.isUnfinishedUpload)) }
            page.processing = try step { try source.count(in: [.processing]) }
        }
        if request.countMatching {
            page.matching = try step { try source.count(matching: request.filter, archived: request.archived) }
        }
        var offset = request.offset
        var limit = request.limit
        if let keep = request.keep {
            page.keepPosition = try step {
                try source.position(of: keep, matching: request.filter, archived: request.archived)
            }
            if let at = page.keepPosition {
                // Wherever the list scrolls to show it, the visible page and one above and below are read.
                offset = max(0, at - request.pageHeight * 2)
                limit = at - offset + request.pageHeight * 2
            }
        }
        page.offset = offset
        page.rows = try step {
            try source.rows(matching: request.filter, archived: request.archived, offset: offset, limit: limit)
        }
        return page
    }

    /// The message that answers `request`: the page, or why it was not read; nil when a newer request replaced it.
    public static func answer(
        _ request: BoardPageRequest, from source: any BoardSource, isCurrent: () -> Bool = { true }
    ) -> Message? {
        do {
            return .boardPageLoaded(try load(request, from: source, isCurrent: isCurrent))
        } catch is Superseded {
            return nil
        } catch let unreachable as DatabaseUnreachable {
            return .boardPageFailed(generation: request.generation, .unreachable(place: unreachable.place))
        } catch {
            return .boardPageFailed(generation: request.generation, .failed(String(describing: error)))
        }
    }

    /// Runs `commands` as the runtime would over `source`, at once and in order: each page asked for is read and
    /// its answer given to `update` (which may ask for more); the other commands are returned, unrun. For the
    /// first frame (`AppState.attachBoardSource`) and for tests that drive the board over a store.
    public static func settle(_ commands: [Command], _ state: inout AppState, from source: any BoardSource) -> [Command]
    {
        var other: [Command] = []
        var queue = commands
        while !queue.isEmpty {
            let command = queue.removeFirst()
            guard case .loadBoardPage(let request) = command else {
                other.append(command)
                continue
            }
            if let answer = answer(request, from: source) { queue += update(&state, answer) }
        }
        return other
    }
}
