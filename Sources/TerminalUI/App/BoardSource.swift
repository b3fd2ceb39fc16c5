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

/// The rows of the board read from a `BoardSource`, as state: the visible page with a page above and below, so
/// a one-row move reads nothing, plus the inspections this session changed (newer than the stored copy).
/// `update` never reads the source: it asks for a page with `Command.loadBoardPage` and takes the answer in
/// `.boardPageLoaded`, dropping answers to requests it has since replaced (`generation`).
struct BoardWindow: Sendable {
    /// Whether the rows come from a fleet's shared database (`K` switches to the whole fleet).
    var isFleet = false
    /// Every stored inspection, for the title's count.
    var total = 0
    /// Board position of `rows[0]`.
    var start = 0
    var rows: [Inspection] = []
    /// The filter `rows` and the list's count were read with.
    var filter = ""
    /// Whether archived inspections were read too (`A`).
    var archived = false
    /// Whether every kiosk's inspections were read (`K`).
    var wholeFleet = false
    /// How many inspections are archived, for the title.
    var archivedCount = 0
    /// Uploads still owed and inspections waiting for their result, as the store said with the last counts.
    var unfinished = 0
    var processing = 0
    /// Something changed in the store: counts and rows are read again before the next frame.
    var stale = true
    /// Moved on by every change that makes the rows stale (the store changed, the operator left the board): an
    /// answer to a request sent before it leaves them stale.
    var epoch = 0
    /// The request last sent; answers to any other are dropped.
    var generation = 0
    /// The request sent and not yet answered.
    var pending: BoardPageRequest?
    /// The last read failed (not for want of the database): read again on the next key or change, not at once.
    var failed = false
    /// Inspections changed through this session (events, drafts), by id.
    var changed: [String: Inspection] = [:]
    /// Match counts of filters typed since the store last changed: Backspace answers without a count.
    var counts: [String: Int] = [:]
    /// The inspection a screen off the board shows (upload, detail), kept when `changed` is forgotten: a new
    /// one is not among the rows read, and the board is read again only when the operator returns to it.
    var shown: Inspection?

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

    /// The rows must be read again: the store changed, or the operator left the board.
    mutating func markStale() {
        stale = true
        failed = false
        epoch += 1
    }
}

extension AppState {
    /// Puts the board over a window of `source` and reads its first page at once (outside `update`, before the
    /// first frame), so the first frame drawn is complete. Later pages are read by the runtime's effects.
    public mutating func attachBoardSource(_ source: any BoardSource) {
        var window = BoardWindow()
        window.isFleet = source.isFleet
        self.window = window
        loaded = true
        _ = BoardPageLoader.settle(AppUpdate.windowCommands(&self), &self, from: source)
    }

    /// Whether the board reads a fleet's shared database (then `K` switches to the whole fleet).
    var boardIsFleet: Bool { window?.isFleet ?? false }

    /// Switches the board between this kiosk's inspections and the whole fleet's, reading everything again.
    mutating func toggleWholeFleet() {
        guard var window, window.isFleet else { return }
        board.wholeFleet.toggle()
        window.markStale()
        self.window = window
    }

    /// The id of the inspection the current screen is about, if any.
    var shownID: String? { ScreenRegistry.entry(for: route).subject }

    /// The number of inspections on the board (before any filter).
    var boardTotal: Int { window?.total ?? inspections.count }

    /// The inspection at a board position (a source index of the board's list).
    func boardRow(_ position: Int) -> Inspection? {
        if let window { return window.row(at: position) }
        return position >= 0 && position < inspections.count ? inspections[position] : nil
    }

    /// How many uploads are still owed.
    func unfinishedUploadCount() -> Int {
        count(in: InspectionState.allCases.filter(\.isUnfinishedUpload), stored: window?.unfinished)
    }

    /// How many inspections wait for their result.
    func processingCount() -> Int { count(in: [.processing], stored: window?.processing) }

    /// How many inspections are in one of these states, as this session knows them (`stored`: the store's count
    /// read with the board's last page).
    private func count(in states: [InspectionState], stored: Int?) -> Int {
        guard let window else { return inspections.filter { states.contains($0.state) }.count }
        let stored = stored ?? 0
        // The store may not yet know of a change this session saw first (or the other way round).
        return max(stored, window.changed.values.filter { states.contains($0.state) }.count)
    }

    /// Another process changed the store: the window is read again, its own copies forgotten (the store
    /// has them too, and may now have newer ones). False when the board holds every row in memory.
    mutating func invalidateBoardWindow() -> Bool {
        guard var window else { return false }
        if let id = shownID, let current = inspection(id: id) { window.shown = current }
        window.changed = [:]
        window.markStale()
        self.window = window
        return true
    }
}

/// What a `BoardSource` throws when the fleet database cannot be reached: the board keeps the rows it has.
public struct DatabaseUnreachable: Error, Sendable, Hashable {
    /// "host:port", never a password.
    public var place: String
    public init(place: String) { self.place = place }
}
