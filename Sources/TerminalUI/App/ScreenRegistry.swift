import InspektCore

/// Which screen is showing.
public enum Route: Sendable, Hashable {
    case board
    case caseEntry
    case photos
    case review
    case upload(id: String)
    case detail(id: String)
    /// One vehicle's inspections in time order (`v`).
    case history
    /// The earlier inspections a return inspection may be compared with (`c`).
    case comparePick
    /// A comparison: the new damage since the earlier inspection.
    case comparison(id: String)
}

/// What a screen asks the runtime for, by feature: each case holds the feature's own request enum, declared in
/// its folder under `Screens/` and run by its effects file in the runtime (InspektApp's `ScreenEffects`).
public enum ScreenRequest: Sendable, Hashable {
    case detail(DetailRequest)
    case photos(PhotosRequest)
    case review(ReviewRequest)
    case history(HistoryRequest)
}

/// The runtime's answer to a `ScreenRequest`, by the same feature; the registry hands it to the screen's `receive`.
public enum ScreenAnswer: Sendable {
    case detail(DetailAnswer)
    case photos(PhotosAnswer)
    case review(ReviewAnswer)
    case history(HistoryAnswer)
}

/// One screen as the app drives it: its name in the title bar, the key table in force, how it takes
/// a key, its own answers and how it draws. Adding a screen means a folder under `Screens/`, a `Route` case
/// above and one entry below (a screen that loads data: a case in `ScreenRequest`/`ScreenAnswer` naming its own
/// enums; a screen with state of its own: one field in `AppState`).
struct ScreenEntry: Sendable {
    /// The title bar's word for it.
    var title: String
    /// The key table in force now (it may depend on a mode, e.g. a filter line), for footer and help.
    var keys: @Sendable (AppState) -> KeyTable
    var handle: @Sendable (Key, inout AppState) -> [Command]
    /// Draws into the body (between the title bar and the message line); `size` is the whole terminal's.
    var draw: @Sendable (AppState, inout Screen, _ body: Rect, _ size: Size) -> Void
    /// Shown at the right of the title bar.
    var summary: @Sendable (AppState) -> String = { _ in "" }
    /// The list whose filter line shows on the message line.
    var list: @Sendable (AppState) -> ListView? = { _ in nil }
    /// The inspection the screen is about, kept while the board's rows are read again.
    var subject: String? = nil
    /// What the screen reads again when another process changed the store, or its subject changed.
    var reload: @Sendable (AppState) -> [Command] = { _ in [] }
    /// Takes the answers to the feature's own requests, whichever screen shows now (an answer may arrive after
    /// the operator left); nil for an answer of another feature.
    var receive: @Sendable (ScreenAnswer, inout AppState) -> [Command]? = { _, _ in nil }
    /// What the screen asks for as the clock moves on while it shows.
    var tick: @Sendable (inout AppState) -> [Command] = { _ in [] }
    /// The screen edits the draft: once the draft is sent (from here or elsewhere) its upload shows instead.
    var editsDraft = false
}

/// A key table as footer and help show it.
struct KeyTable: Sendable {
    var title: String
    var hints: [KeyHint]
    /// A text field has the keys: help lists the editing keys too.
    var editsText: Bool = false
    /// The keys a read-only board refuses here (they would change data), each with what it would do.
    var refused: [Key: String] = [:]

    init<Action>(_ keymap: Keymap<Action>, in state: AppState, editsText: Bool = false) {
        self.init(title: keymap.title, hints: keymap.hints(in: state), editsText: editsText)
        refused = keymap.refusedKeys(in: state)
    }

    init(title: String, hints: [KeyHint], editsText: Bool = false) {
        self.title = title
        self.hints = hints
        self.editsText = editsText
    }

    /// The filter line's table.
    static let filter = KeyTable(title: FilterKeys.keymap.title, hints: FilterKeys.hints, editsText: true)
}

enum ScreenRegistry {
    /// One route of each screen (ids left empty), for tests that walk them all.
    static let routes: [Route] = [
        .board, .caseEntry, .photos, .review, .upload(id: ""), .detail(id: ""), .history, .comparePick,
        .comparison(id: ""),
    ]

    /// The one place a route turns into its screen.
    static func entry(for route: Route) -> ScreenEntry {
        switch route {
        case .board: board
        case .caseEntry: caseEntry
        case .photos: photos
        case .review: review
        case .upload(let id): upload(id)
        case .detail(let id): detail(id)
        case .history: history
        case .comparePick: comparePick
        case .comparison(let id): comparison(id)
        }
    }

    /// Hands an answer to the screen whose feature asked for it.
    static func receive(_ answer: ScreenAnswer, _ state: inout AppState) -> [Command] {
        for route in routes {
            if let commands = entry(for: route).receive(answer, &state) { return commands }
        }
        return []
    }

    static let board = ScreenEntry(
        title: "title.board",
        keys: { $0.board.list.filtering ? .filter : KeyTable(BoardScreen.keymap, in: $0) },
        handle: { BoardScreen.handle($0, &$1) },
        draw: { state, screen, body, _ in BoardScreen.draw(state, into: &screen, rect: body) },
        summary: { BoardScreen.summary($0) },
        list: { $0.board.list })

    static let caseEntry = ScreenEntry(
        title: "title.new-case",
        keys: { KeyTable(CaseEntryScreen.keymap, in: $0, editsText: true) },
        handle: { CaseEntryScreen.handle($0, &$1) },
        draw: { state, screen, body, _ in CaseEntryScreen.draw(state, into: &screen, rect: body) },
        editsDraft: true)

    static let photos = ScreenEntry(
        title: "title.photos",
        keys: {
            $0.photos.list.filtering
                ? .filter : KeyTable(title: PhotosScreen.keymap.title, hints: PhotosScreen.helpHints($0))
        },
        handle: { PhotosScreen.handle($0, &$1) },
        draw: { state, screen, _, size in PhotosScreen.draw(state, into: &screen, size: size) },
        summary: coverage,
        list: { $0.photos.list },
        receive: { answer, state in
            guard case .photos(let answer) = answer else { return nil }
            return PhotosScreen.receive(answer, &state)
        },
        tick: { PhotosScreen.pollIfShown(&$0) },
        editsDraft: true)

    static let review = ScreenEntry(
        title: "title.review",
        keys: {
            $0.review.askingReason
                ? KeyTable(ReviewScreen.reasonKeymap, in: $0, editsText: true) : KeyTable(ReviewScreen.keymap, in: $0)
        },
        handle: { ReviewScreen.handle($0, &$1) },
        draw: { state, screen, body, _ in ReviewScreen.draw(state, into: &screen, rect: body) },
        summary: coverage,
        receive: { answer, state in
            guard case .review(let answer) = answer else { return nil }
            return ReviewScreen.receive(answer, &state)
        },
        editsDraft: true)

    static func upload(_ id: String) -> ScreenEntry {
        ScreenEntry(
            title: "title.upload",
            keys: { KeyTable(UploadScreen.keymap, in: $0) },
            handle: { UploadScreen.handle($0, id: id, &$1) },
            draw: { state, screen, body, _ in UploadScreen.draw(state, id: id, into: &screen, rect: body) },
            subject: id)
    }

    static func detail(_ id: String) -> ScreenEntry {
        ScreenEntry(
            title: "title.detail",
            keys: { KeyTable(DetailScreen.keymap, in: $0) },
            handle: { DetailScreen.handle($0, id: id, &$1) },
            draw: { state, screen, body, _ in DetailScreen.draw(state, id: id, into: &screen, rect: body) },
            subject: id, reload: { _ in [.screen(.detail(.loadDetail(id: id)))] },
            receive: { answer, state in
                guard case .detail(let answer) = answer else { return nil }
                return DetailScreen.receive(answer, &state)
            })
    }

    static let history = ScreenEntry(
        title: "title.vehicle-history",
        keys: { KeyTable(HistoryScreen.keymap, in: $0) },
        handle: { HistoryScreen.handle($0, &$1) },
        draw: { state, screen, body, _ in HistoryScreen.draw(state, into: &screen, rect: body) },
        reload: { [.screen(.history(.loadHistory(vehicle: $0.history.vehicle)))] },
        receive: { answer, state in
            guard case .history(let answer) = answer else { return nil }
            return HistoryUpdate.received(answer, &state)
        })

    static let comparePick = ScreenEntry(
        title: "title.compare-with",
        keys: { KeyTable(ComparePickScreen.keymap, in: $0) },
        handle: { ComparePickScreen.handle($0, &$1) },
        draw: { state, screen, body, _ in ComparePickScreen.draw(state, into: &screen, rect: body) })

    static func comparison(_ id: String) -> ScreenEntry {
        ScreenEntry(
            title: "title.comparison",
            keys: { KeyTable(ComparisonScreen.keymap, in: $0) },
            handle: { ComparisonScreen.handle($0, id: id, &$1) },
            draw: { state, screen, body, _ in ComparisonScreen.draw(state, id: id, into: &screen, rect: body) },
            subject: id, reload: { _ in [.screen(.history(.loadComparison(id: id)))] })
    }

    /// "5/8 covered" while a draft's photos are chosen and reviewed.
    @Sendable static func coverage(_ state: AppState) -> String {
        state.options.words("title.covered", ["covered": "\(state.draft?.coveredRequired ?? 0)/8"])
    }
}
