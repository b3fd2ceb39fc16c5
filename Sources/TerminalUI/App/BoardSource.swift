import InspektCore

/// Where the board reads its rows when they are not all held in memory: a window over the store.
///
/// Positions are in the board's order (newest first, then by id) among the inspections that match the typed
/// filter (`BoardSearch`); an empty filter matches every inspection. Archived inspections count only when
/// `archived` is true.
public protocol BoardSource: Sendable {
    /// How many inspections match the filter.
    func count(matching filter: String, archived: Bool) throws -> Int
    /// Up to `limit` matching inspections from position `offset`.
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) throws -> [Inspection]
    /// The position of an inspection among those matching, or nil when it does not match.
    func position(of id: String, matching filter: String, archived: Bool) throws -> Int?
    /// How many inspections are archived.
    func archivedCount() throws -> Int
    /// How many inspections are in one of these states.
    func count(in states: [InspectionState]) throws -> Int
    /// Whether the rows come from a fleet's shared database, where `K` shows every kiosk's inspections.
    var isFleet: Bool { get }
    /// The same window over every kiosk's inspections (`wholeFleet`) or this kiosk's.
    func scoped(wholeFleet: Bool) -> any BoardSource
}

extension BoardSource {
    public var isFleet: Bool { false }
    public func scoped(wholeFleet: Bool) -> any BoardSource { self }
}

/// The rows of the board read from a `BoardSource`: the visible page with a page above and below, so a
/// one-row move reads nothing, plus the inspections this session changed (newer than the stored copy).
struct BoardWindow: Sendable {
    /// Replaced (and everything read again) when `K` switches between this kiosk and the whole fleet.
    var source: any BoardSource
    /// Every stored inspection, for the title's count.
    var total = 0
    /// Board position of `rows[0]`.
    var start = 0
    var rows: [Inspection] = []
    /// The filter `rows` and the list's count were read with.
    var filter = ""
    /// Whether archived inspections were read too (`A`).
    var archived = false
    /// How many inspections are archived, for the title.
    var archivedCount = 0
    /// Something changed in the store: counts and rows are read again before the next frame.
    var stale = true
    /// The operator left the board: it is read again when they come back.
    var leftBoard = false
    /// Inspections changed through this session (events, drafts), by id.
    var changed: [String: Inspection] = [:]
    /// Match counts of filters typed since the store last changed: Backspace answers without a count.
    var counts: [String: Int] = [:]
    /// The inspection a screen off the board shows (upload, detail), kept when `changed` is forgotten: a new
    /// one is not among the rows read, and the board is read again only when the operator returns to it.
    var shown: Inspection?

    init(source: any BoardSource) { self.source = source }

    /// The row at a board position, if it is in the window.
    func row(at position: Int) -> Inspection? {
        let index = position - start
        guard index >= 0, index < rows.count else { return nil }
        return rows[index]
    }

    /// Whether the positions `first..<end` are all read (or past the end of the list).
    func covers(_ first: Int, _ end: Int, count: Int) -> Bool {
        first >= start && min(end, count) <= start + rows.count
    }
}

extension AppState {
    /// Puts the board over a window of `source` and reads its first page at once, so the first frame
    /// drawn is complete and nothing loads behind it.
    public mutating func attachBoardSource(_ source: any BoardSource) {
        window = BoardWindow(source: source)
        loaded = true
        syncBoardWindow()
    }

    /// Whether the board reads a fleet's shared database (then `K` switches to the whole fleet).
    var boardIsFleet: Bool { window?.source.isFleet ?? false }

    /// Switches the board between this kiosk's inspections and the whole fleet's, reading everything again.
    mutating func toggleWholeFleet() {
        guard var window, window.source.isFleet else { return }
        board.wholeFleet.toggle()
        window.source = window.source.scoped(wholeFleet: board.wholeFleet)
        window.stale = true
        self.window = window
        refilterBoard()
    }

    /// Reads the board's counts and rows again when they are stale or the visible rows left the window.
    mutating func syncBoardWindow() {
        guard var window else { return }
        if route != .board {
            if !window.leftBoard {
                window.leftBoard = true
                self.window = window
            }
            return
        }
        // The store cannot answer: the rows already read stay, and nothing is read until it is back.
        if outage != nil { return }
        let filter = board.list.filter.text
        let archived = board.showArchived
        do {
            var keep: String?
            let storeChanged = window.stale || window.leftBoard || window.archived != archived
            if storeChanged || window.filter != filter {
                // Stay on the highlighted inspection unless the filter itself changed (then the top).
                if window.filter == filter, let selected = board.list.selectedSource { keep = window.row(at: selected)?.id }
                // Back from a submit: the case just sent.
                if let sent = board.highlightOnReturn {
                    keep = sent
                    board.highlightOnReturn = nil
                }
                if storeChanged {
                    window.total = try window.source.count(matching: "", archived: archived)
                    window.archivedCount = try window.source.archivedCount()
                    window.counts = [:]
                }
                let matching = try filter.isEmpty ? window.total : window.counts[filter] ?? window.source.count(matching: filter, archived: archived)
                window.counts[filter] = matching
                board.list.setCount(matching)
                if let keep, let at = try window.source.position(of: keep, matching: filter, archived: archived) {
                    board.list.selected = at
                    board.list.scrollToSelection(page: BoardScreen.pageHeight(size))
                }
                window.rows = []
                window.filter = filter
                window.archived = archived
                window.stale = false
                window.leftBoard = false
            }
            let page = BoardScreen.pageHeight(size)
            let first = board.list.firstRow(height: page)
            if !window.covers(first, first + page, count: board.list.count) {
                // A page above (none at the top) and one below the visible one: a one-row move reads nothing.
                let start = max(0, first - page)
                let read = try window.source.rows(matching: filter, archived: archived, offset: start, limit: first - start + page * 2)
                window.start = start
                window.rows = read.map { window.changed[$0.id] ?? $0 }
            }
        } catch let unreachable as DatabaseUnreachable {
            OutageUpdate.unreachable(place: unreachable.place, held: nil, &self)
        } catch {
            notice = Notice("The inspections could not be read: \(SafeText.escape(String(describing: error)))", role: .error)
        }
        self.window = window
    }

    /// The id of the inspection the current screen is about, if any.
    var shownID: String? {
        switch route {
        case .upload(let id), .detail(let id), .comparison(let id): id
        default: nil
        }
    }

    /// The number of inspections on the board (before any filter).
    var boardTotal: Int { window?.total ?? inspections.count }

    /// The inspection at a board position (a source index of the board's list).
    func boardRow(_ position: Int) -> Inspection? {
        if let window { return window.row(at: position) }
        return position >= 0 && position < inspections.count ? inspections[position] : nil
    }

    /// How many uploads are still owed.
    func unfinishedUploadCount() -> Int { count(in: InspectionState.allCases.filter(\.isUnfinishedUpload)) }

    /// How many inspections wait for their result.
    func processingCount() -> Int { count(in: [.processing]) }

    /// How many inspections are in one of these states, as this session knows them.
    private func count(in states: [InspectionState]) -> Int {
        guard let window else { return inspections.filter { states.contains($0.state) }.count }
        let stored = outage != nil ? 0 : (try? window.source.count(in: states)) ?? 0
        // The store may not yet know of a change this session saw first (or the other way round).
        return max(stored, window.changed.values.filter { states.contains($0.state) }.count)
    }

    /// Another process changed the store: the window is read again, its own copies forgotten (the store
    /// has them too, and may now have newer ones). False when the board holds every row in memory.
    mutating func invalidateBoardWindow() -> Bool {
        guard var window else { return false }
        if let id = shownID, let current = inspection(id: id) { window.shown = current }
        window.changed = [:]
        window.stale = true
        self.window = window
        return true
    }
}
