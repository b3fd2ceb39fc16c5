import Foundation
import InspektCore

/// What sits on top of the screen.
public enum Overlay: Sendable, Hashable {
    case help
    case confirm(ConfirmDialog)
    /// Help opened over a question: it lists the question's keys, and closing it asks the question again.
    case dialogHelp(ConfirmDialog)
}

/// A one-line message to the operator above the footer, until the next key.
public struct Notice: Sendable, Hashable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// The agent remembered from the last case on this kiosk.
public struct AgentIdentity: Sendable, Hashable {
    public var id: String
    public var name: String
    public init(id: String = "", name: String = "") {
        self.id = id
        self.name = name
    }
}

/// The whole UI state, a value: `update` is the only place it changes, `view` draws it.
public struct AppState: Sendable {
    /// The clock as the UI knows it; moved by `.tick` so that views stay pure and testable.
    public var now: Date
    /// Time zone for shown dates.
    public var timeZone: TimeZone
    public var options: RenderOptions
    /// The last size reported by `.resize`.
    public var size: Size
    public var route: Route
    public var overlay: Overlay?
    /// The page of the help overlay shown, when its keys take more than one.
    public var helpPage = 0
    public var notice: Notice?
    /// A short line on the board's title, e.g. "DEMO — simulator on 127.0.0.1:8080".
    public var banner: String?
    /// The fleet database is out of reach (as the service's outbox last said, or a board read found): the title
    /// bar says so. What waits for it is the outbox's, shown here only.
    public var outage: DatabaseReach?
    /// The inbox folder (`INSPEKT_INBOX`).
    public var inboxRoot: String
    public var lastAgent: AgentIdentity
    /// Whether `.inspectionsLoaded` arrived.
    public var loaded = false
    /// A supervisor's board (`--read-only`): it shows everything and refuses every key that would change data.
    public var readOnly = false

    /// Every inspection, newest first.
    public private(set) var inspections: [Inspection] = []
    private var positions: [String: Int] = [:]
    /// Lower-cased "case id, vehicle" per inspection, so that filtering does not lower-case on every key.
    private var searchKeys: [String] = []
    /// When set, the board reads only the rows it shows from a `BoardSource`, and `inspections` stays empty.
    var window: BoardWindow?

    public var board = BoardState()
    /// The inspection being entered or given photos (case entry, photos, review).
    public var draft: Inspection?
    public var caseEntry = CaseEntryState()
    public var photos: PhotosState
    public var review = ReviewState()
    /// Drafts submitted whose hand-over the service has not yet confirmed (marked ready) or refused: opening
    /// one shows its upload, never its photos again.
    public var pendingSubmits: Set<String> = []
    /// Live upload facts per inspection id, from service events.
    public var uploads: [String: UploadTracking] = [:]
    public var detail = DetailState()
    /// Vehicle history, the comparison picker and the comparison result.
    public var history = HistoryState()
    public var comparePick = ComparePickState()
    public var comparison = ComparisonState()

    private var idSeed: UInt64
    private var idCounter: UInt64 = 0

    /// A fresh state on the board.
    /// - Parameters:
    ///   - idSeed: seeds the ids of new inspections (random in the program, fixed in tests).
    public init(
        now: Date, inboxRoot: String, options: RenderOptions = RenderOptions(),
        lastAgent: AgentIdentity = AgentIdentity(),
        banner: String? = nil, size: Size = Size(width: 80, height: 24), timeZone: TimeZone = .current,
        idSeed: UInt64 = UInt64.random(in: 0...UInt64.max)
    ) {
        self.now = now
        self.inboxRoot = inboxRoot
        self.options = options
        self.lastAgent = lastAgent
        self.banner = banner
        self.size = size
        self.timeZone = timeZone
        self.idSeed = idSeed
        self.route = .board
        self.photos = PhotosState(folder: inboxRoot)
    }

    /// Commands the runtime runs once at start.
    public var initialCommands: [Command] { window == nil ? [.loadInspections] : [] }

    // MARK: inspections

    /// The inspection with this id.
    public func inspection(id: String) -> Inspection? {
        if let window {
            return window.changed[id] ?? window.rows.first { $0.id == id }
                ?? window.shown.flatMap { $0.id == id ? $0 : nil }
        }
        return positions[id].map { inspections[$0] }
    }

    /// Replaces every inspection (sorted newest first) and refreshes the board's filter.
    public mutating func setInspections(_ list: [Inspection]) {
        // Over a window the store is the list: it is read, never handed over whole.
        guard window == nil else { return }
        let selectedID = board.list.selectedSource.map { inspections[$0].id }
        inspections = list.sorted(by: AppState.newestFirst)
        reindex()
        refilterBoard()
        reselect(selectedID)
    }

    /// Inserts or replaces one inspection.
    public mutating func upsert(_ inspection: Inspection) {
        if var window {
            window.changed[inspection.id] = inspection
            window.markStale()
            self.window = window
            return
        }
        if let at = positions[inspection.id], inspections[at].createdAt == inspection.createdAt {
            inspections[at] = inspection
            let key = AppState.searchKey(inspection)
            if searchKeys[at] != key {
                searchKeys[at] = key
                if !board.list.filter.text.isEmpty { refilterBoard() }
            }
            return
        }
        let selectedID = board.list.selectedSource.map { inspections[$0].id }
        if let at = positions[inspection.id] { inspections.remove(at: at) }
        // Binary search for the newest-first position.
        var low = 0, high = inspections.count
        while low < high {
            let mid = (low + high) / 2
            if AppState.newestFirst(inspections[mid], inspection) { low = mid + 1 } else { high = mid }
        }
        inspections.insert(inspection, at: low)
        reindex()
        refilterBoard()
        reselect(selectedID)
    }

    /// On the board again after a submit: the highlight moves to the case just sent (over a window, the
    /// next read of the store places it; see `AppUpdate.windowCommands`).
    mutating func highlightReturnedCase() {
        guard route == .board, window == nil, let id = board.highlightOnReturn else { return }
        board.highlightOnReturn = nil
        reselect(id)
        board.list.scrollToSelection(page: BoardScreen.pageHeight(size))
    }

    /// Keeps the highlighted row on the same inspection after the list changed under it.
    private mutating func reselect(_ id: String?) {
        guard let id, let at = positions[id],
            let row = (0..<board.list.count).first(where: { board.list.sourceIndex($0) == at })
        else { return }
        board.list.selected = row
    }

    /// Changes one inspection in place, if present.
    mutating func modifyInspection(id: String, _ change: (inout Inspection) -> Void) {
        if var window {
            guard var inspection = window.changed[id] ?? window.rows.first(where: { $0.id == id }) else { return }
            let wasArchived = inspection.archivedAt != nil
            change(&inspection)
            window.changed[id] = inspection
            if let at = window.rows.firstIndex(where: { $0.id == id }) { window.rows[at] = inspection }
            // Archiving moves rows in or out of the board: read it again once the store has the change.
            if wasArchived != (inspection.archivedAt != nil) { window.markStale() }
            self.window = window
            return
        }
        guard let at = positions[id] else { return }
        change(&inspections[at])
        // The filter matches state words and the archive hides rows: a changed key refilters.
        let key = AppState.searchKey(inspections[at])
        if searchKeys[at] != key {
            searchKeys[at] = key
            if !board.list.filter.text.isEmpty || inspections[at].archivedAt != nil || archivedCount > 0 {
                refilterBoard()
            }
        }
    }

    /// Inspections archived (hidden on the board unless `A` shows them).
    public var archivedCount: Int { window?.archivedCount ?? archivedIDs.count }
    private var archivedIDs: Set<String> = []

    private mutating func reindex() {
        positions.removeAll(keepingCapacity: true)
        searchKeys.removeAll(keepingCapacity: true)
        for (index, inspection) in inspections.enumerated() {
            positions[inspection.id] = index
            searchKeys.append(AppState.searchKey(inspection))
        }
    }

    /// Recomputes the board's filtered rows (on filter or list change, never per frame).
    mutating func refilterBoard() {
        // Over a window, the next `update` asks for the page of the new filter.
        if window != nil { return }
        let keys = searchKeys
        archivedIDs = Set(inspections.lazy.filter { $0.archivedAt != nil }.map(\.id))
        let list = inspections
        let hideArchived = !board.showArchived && !archivedIDs.isEmpty
        board.list.refilter(count: keys.count, shown: hideArchived ? { list[$0].archivedAt == nil } : nil) {
            index, needle in
            keys[index].contains(needle)
        }
    }

    /// What `/` matches: case id, vehicle, the inspection id, the session and the state in words.
    static func searchKey(_ inspection: Inspection) -> String {
        BoardSearch.key(caseID: inspection.facts.caseID, vehicle: inspection.facts.vehicle, id: inspection.id)
            + "\u{1}"
            + BoardSearch.stateKey(
                session: inspection.session, state: inspection.state, archived: inspection.archivedAt != nil)
    }

    static func newestFirst(_ a: Inspection, _ b: Inspection) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id < b.id
    }

    /// Whether anything still has to be uploaded (quitting asks first).
    public var hasUnfinishedUploads: Bool { unfinishedUploadCount() > 0 }

    // MARK: ids

    /// A new inspection id (a UUID string), deterministic for a given seed.
    mutating func makeID() -> String {
        idCounter += 1
        var x = idSeed &+ idCounter &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let a = next(), b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString
    }
}

extension AppState {
    /// Takes an inspection off the list (a discarded draft).
    mutating func removeInspection(id: String) {
        if var window {
            window.changed[id] = nil
            window.markStale()
            self.window = window
            return
        }
        guard inspection(id: id) != nil else { return }
        setInspections(inspections.filter { $0.id != id })
    }
}
