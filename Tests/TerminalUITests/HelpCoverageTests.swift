import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// Help lists every key a screen handles, each as a whole row (key and description): each binding of the table
/// in force, the text-editing keys where a field has the keys, and the keys every screen takes (?, Ctrl-L, Ctrl-C),
/// at every size down to the smallest, a page at a time where they do not fit at once.
@Suite struct HelpCoverageTests {
    /// Every route and mode, with the rows of its table and whether a text field has the keys.
    static func routes(_ size: Size) -> [(name: String, state: AppState, rows: [(String, String)], editing: Bool)] {
        var out: [(String, AppState, [(String, String)], Bool)] = []
        let board = ScreenFixtures.boardAllStates(size)
        out.append(("board", board, rows(BoardScreen.keymap, board), false))
        var filtering = board
        _ = update(&filtering, .key(.character("/")))
        out.append(("board filter", filtering, rows(FilterKeys.keymap, filtering), true))
        let caseEntry = ScreenFixtures.caseEntry(size)
        out.append(("case entry", caseEntry, rows(CaseEntryScreen.keymap, caseEntry), true))
        let photos = ScreenFixtures.photos(size)
        out.append(("photos", photos, rows(PhotosScreen.keymap, photos), false))
        var photosFilter = photos
        _ = update(&photosFilter, .key(.character("/")))
        out.append(("photos filter", photosFilter, rows(FilterKeys.keymap, photosFilter), true))
        out.append(
            ("review", ScreenFixtures.review(size), rows(ReviewScreen.keymap, ScreenFixtures.review(size)), false))
        out.append(
            (
                "review reason", ScreenFixtures.review(size, askReason: true),
                rows(ReviewScreen.reasonKeymap, ScreenFixtures.review(size, askReason: true)), true
            ))
        out.append(
            ("upload", ScreenFixtures.upload(size), rows(UploadScreen.keymap, ScreenFixtures.upload(size)), false))
        out.append(
            (
                "detail", ScreenFixtures.detailAvailable(size),
                rows(DetailScreen.keymap, ScreenFixtures.detailAvailable(size)), false
            ))
        out.append(
            (
                "vehicle history", HistoryFixtures.historyOfReturn(size),
                rows(HistoryScreen.keymap, HistoryFixtures.historyOfReturn(size)), false
            ))
        out.append(
            (
                "compare with", HistoryFixtures.pickerForReturn(size),
                rows(ComparePickScreen.keymap, HistoryFixtures.pickerForReturn(size)), false
            ))
        out.append(
            (
                "comparison", HistoryFixtures.comparisonResult(size),
                rows(ComparisonScreen.keymap, HistoryFixtures.comparisonResult(size)), false
            ))
        return out
    }

    /// The rows help must show on every screen, key and description together.
    static let globalRows = [("?/F1/Ctrl-G", "help"), ("Ctrl-L", "redraw"), ("Ctrl-C", "quit inspekt")]
    static let editingRows = [
        ("Left/Right", "move in field"), ("Home/Ctrl-A", "start of field"), ("End/Ctrl-E", "end of field"),
        ("Bksp", "delete back"), ("Del", "delete"), ("Ctrl-U", "clear field"),
    ]

    /// Every page of the help overlay, opened with `opening`, as text.
    static func helpPages(_ state: AppState, size: Size, opening: Key = .control("g")) -> [String] {
        var state = state
        _ = update(&state, .key(opening))
        var pages: [String] = []
        while state.overlay == .help, pages.count < 10 {
            pages.append(text(view(state, size: size)))
            _ = update(&state, .key(.pageDown))
        }
        return pages
    }

    /// Whether a row of `help` holds `key` in the key column followed by `label` as the whole description.
    static func hasRow(_ help: String, key: String, label: String) -> Bool {
        let escaped = { (text: String) in NSRegularExpression.escapedPattern(for: text) }
        let pattern = "[│| ]" + escaped(key) + " +" + escaped(label) + "( \\(n/a\\))?( {2,}|\\s*[│|]|$)"
        return help.split(separator: "\n").contains {
            String($0).range(of: pattern, options: .regularExpression) != nil
        }
    }

    /// The rows a route's help must hold: each binding of its table as key names and description (of two on the
    /// same keys, such as archive and restore, the one that applies now).
    static func rows<A>(_ map: Keymap<A>, _ state: AppState) -> [(String, String)] {
        let enabled = map.bindings.filter { $0.isEnabled(state) }
        return map.bindings.compactMap { binding in
            if !binding.isEnabled(state), enabled.contains(where: { $0.keys == binding.keys && !$0.keys.isEmpty }) {
                return nil
            }
            let label = Languages.english(binding.label)
            if binding.keys.isEmpty { return (Languages.english(binding.keyLabel), label) }
            if binding.keyLabel == "1-8" { return ("1-8", label) }
            return (binding.keys.map(\.name).joined(separator: "/"), label)
        }
    }

    @Test(arguments: [ScreenFixtures.minimum, ScreenFixtures.small, ScreenFixtures.large])
    func helpListsEveryKeyEachScreenHandlesRowByRow(size: Size) {
        for route in Self.routes(size) {
            let pages = Self.helpPages(route.state, size: size)
            #expect(!pages.isEmpty, "\(route.name): Ctrl-G opens help")
            let help = pages.joined(separator: "\n")
            var expected = route.rows + Self.globalRows
            if route.editing { expected += Self.editingRows }
            for (key, label) in expected {
                #expect(
                    Self.hasRow(help, key: key, label: label),
                    "\(route.name) at \(size.width)×\(size.height): help lacks the row \"\(key)  \(label)\"\n\(help)")
            }
        }
    }

    /// The row check itself: a key beside another key's description, or a description cut short, is no row.
    @Test func aRowMatchesOnlyItsOwnKeyAndWholeDescription() {
        let help = "│ n      new case                        q      quit        │\n│ a      archive (n/a)   │"
        #expect(Self.hasRow(help, key: "n", label: "new case"))
        #expect(Self.hasRow(help, key: "q", label: "quit"))
        #expect(Self.hasRow(help, key: "a", label: "archive"))
        #expect(!Self.hasRow(help, key: "n", label: "quit"))
        #expect(!Self.hasRow(help, key: "n", label: "new"))
        #expect(!Self.hasRow(help, key: "q", label: "quit inspekt"))
    }

    @Test func everyScreenOfTheRegistryIsWalked() {
        let walked = Set(Self.routes(ScreenFixtures.small).map { ScreenRegistry.entry(for: $0.state.route).title })
        #expect(walked == Set(ScreenRegistry.routes.map { ScreenRegistry.entry(for: $0).title }))
    }

    /// `?` is help in a text field too (a case id, a plate, a filter holds none), and so are F1 and Ctrl-G:
    /// the field keeps its text.
    @Test(arguments: [Key.character("?"), .function(1), .control("g")])
    func helpKeysOpenHelpInEveryTextField(key: Key) {
        var caseEntry = ScreenFixtures.caseEntry()
        var notes = caseEntry
        notes.caseEntry.focus = .notes
        var boardFilter = ScreenFixtures.boardAllStates()
        _ = update(&boardFilter, .key(.character("/")))
        var photosFilter = ScreenFixtures.photos()
        _ = update(&photosFilter, .key(.character("/")))
        let fields: [(String, AppState, (AppState) -> String)] = [
            ("case entry", caseEntry, { $0.caseEntry.email.text }),
            ("notes", notes, { $0.caseEntry.notes.text }),
            ("board filter", boardFilter, { $0.board.list.filter.text }),
            ("photos filter", photosFilter, { $0.photos.list.filter.text }),
            ("review reason", ScreenFixtures.review(askReason: true), { $0.review.reason.text }),
        ]
        for (name, state, field) in fields {
            var state = state
            let before = field(state)
            _ = update(&state, .key(key))
            #expect(state.overlay == .help, "\(name): \(key.name) opens help")
            #expect(field(state) == before, "\(name): \(key.name) typed nothing")
            #expect(Self.hasRow(text(view(state, size: ScreenFixtures.small)), key: "?/F1/Ctrl-G", label: "help"))
        }
        caseEntry.caseEntry.focus = .caseID
        _ = update(&caseEntry, .key(key))
        #expect(caseEntry.caseEntry.caseID.text == "CASE 12")
    }

    /// Help's keys live in one table (`GlobalKeys`): a screen that bound them too would list help twice.
    @Test func noScreenBindsTheHelpKeysItself() {
        let helpKeys: Set<Key> = [.character("?"), .function(1), .control("g")]
        var tables: [(String, [[Key]])] = []
        func add<A>(_ map: Keymap<A>) { tables.append((map.title, map.bindings.map(\.keys))) }
        add(BoardScreen.keymap)
        add(CaseEntryScreen.keymap)
        add(PhotosScreen.keymap)
        add(ReviewScreen.keymap)
        add(ReviewScreen.reasonKeymap)
        add(UploadScreen.keymap)
        add(DetailScreen.keymap)
        add(HistoryScreen.keymap)
        add(ComparePickScreen.keymap)
        add(ComparisonScreen.keymap)
        add(FilterKeys.keymap)
        for (title, keys) in tables {
            #expect(keys.allSatisfy { Set($0).isDisjoint(with: helpKeys) }, "\(title) binds a help key")
        }
    }

    /// At the smallest size the photos screen's keys take two pages: PgDn shows the rest, PgUp goes back, and
    /// any other key closes help.
    @Test func helpTurnsItsPagesAtTheSmallestSize() {
        var state = ScreenFixtures.photos(ScreenFixtures.minimum)
        _ = update(&state, .key(.character("?")))
        let first = text(view(state, size: ScreenFixtures.minimum))
        #expect(first.contains("Keys: Photos (1/2)"))
        #expect(first.contains("PgDn more keys"))
        _ = update(&state, .key(.pageDown))
        let second = text(view(state, size: ScreenFixtures.minimum))
        #expect(second.contains("Keys: Photos (2/2)"))
        #expect(state.overlay == .help)
        _ = update(&state, .key(.pageUp))
        #expect(text(view(state, size: ScreenFixtures.minimum)) == first)
        _ = update(&state, .key(.character("x")))
        #expect(state.overlay == nil)
    }
}
