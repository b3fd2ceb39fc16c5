import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Help lists every key a screen handles: each binding of the table in force, the text-editing keys
/// where a field has the keys, and the keys every screen takes (Ctrl-L, Ctrl-C, Ctrl-G).
@Suite struct HelpCoverageTests {
    static let global: [[Key]] = GlobalKeys.keymap.bindings.map(\.keys)
    static let editing: [[Key]] = [[.left, .right], [.home, .control("a")], [.end, .control("e")], [.backspace], [.delete],
                                   [.control("u")]]

    /// Every route and mode, with the keys its table dispatches.
    static func routes(_ size: Size) -> [(name: String, state: AppState, keys: [[Key]])] {
        var out: [(String, AppState, [[Key]])] = []
        func keys<A>(_ map: Keymap<A>) -> [[Key]] { map.bindings.map(\.keys).filter { !$0.isEmpty } }
        let board = ScreenFixtures.boardAllStates(size)
        out.append(("board", board, keys(BoardScreen.keymap)))
        var filtering = board
        _ = update(&filtering, .key(.character("/")))
        out.append(("board filter", filtering, keys(FilterKeys.keymap) + editing))
        let caseEntry = ScreenFixtures.caseEntry(size)
        out.append(("case entry", caseEntry, keys(CaseEntryScreen.keymap) + editing))
        let photos = ScreenFixtures.photos(size)
        out.append(("photos", photos, keys(PhotosScreen.keymap)))
        var photosFilter = photos
        _ = update(&photosFilter, .key(.character("/")))
        out.append(("photos filter", photosFilter, keys(FilterKeys.keymap) + editing))
        let review = ScreenFixtures.review(size)
        out.append(("review", review, keys(ReviewScreen.keymap)))
        let reason = ScreenFixtures.review(size, askReason: true)
        out.append(("review reason", reason, keys(ReviewScreen.reasonKeymap) + editing))
        out.append(("upload", ScreenFixtures.upload(size), keys(UploadScreen.keymap)))
        out.append(("detail", ScreenFixtures.detailAvailable(size), keys(DetailScreen.keymap)))
        return out.map { ($0.0, $0.1, $0.2.filter { !$0.isEmpty } + global) }
    }

    @Test(arguments: [ScreenFixtures.small, ScreenFixtures.large])
    func helpListsEveryKeyEachScreenHandles(size: Size) {
        for route in Self.routes(size) {
            var state = route.state
            _ = update(&state, .key(.control("g")))
            #expect(state.overlay == .help, "\(route.name): Ctrl-G opens help")
            let help = text(view(state, size: size))
            for keys in route.keys {
                let digits = keys.count == 1 && keys[0].name.count == 1 && ("1"..."8").contains(keys[0].name)
                let label = digits ? "1-8" : keys.map(\.name).joined(separator: "/")
                #expect(help.contains(label), "\(route.name) at \(size.width)×\(size.height): help lacks \(label)")
            }
            for name in ["Ctrl-L", "Ctrl-C"] { #expect(help.contains(name), "\(route.name): \(name)") }
        }
    }

    @Test func everyScreenOfTheRegistryIsWalked() {
        let walked = Set(Self.routes(ScreenFixtures.small).map { ScreenRegistry.entry(for: $0.state.route).title })
        #expect(walked == Set(ScreenRegistry.routes.map { ScreenRegistry.entry(for: $0).title }))
    }

    @Test func editingScreensListCtrlUHomeEndAndSpaceWhereItActs() {
        var caseEntry = ScreenFixtures.caseEntry()
        _ = update(&caseEntry, .key(.control("g")))
        let help = text(view(caseEntry, size: ScreenFixtures.small))
        for name in ["Ctrl-U", "Home/Ctrl-A", "End/Ctrl-E", "Right/Space", "F2/Ctrl-N", "F1/?"] {
            #expect(help.contains(name), "case entry help lacks \(name)")
        }
        var photos = ScreenFixtures.photos()
        _ = update(&photos, .key(.character("?")))
        let photosHelp = text(view(photos, size: ScreenFixtures.small))
        for name in ["Enter/Space", "Home/g", "End/G", "Esc/q", "F2/n/Ctrl-N", "1-8"] {
            #expect(photosHelp.contains(name), "photos help lacks \(name)")
        }
    }
}
