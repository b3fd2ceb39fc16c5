import Foundation
import Testing

/// The board over a store it reads a window at a time: the real binary, a real SQLite file, tmux.
@Suite("the board over a large store, end to end", .timeLimit(.minutes(3)))
struct BoardWindowTests {
    /// The case ids on the screen, top to bottom.
    static func caseIDs(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("BENCH-") }.map(String.init)
        }
    }

    static func bench(_ index: Int) -> String { String(format: "BENCH-%05d", index) }

    @Test("1,000 stored: newest first, G reaches the oldest, the filter counts and lists its matches")
    func largeBoardShowsTheSameRowsInTheSameOrder() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = try InspektBinary.path()
        let data = folder + "/data"
        DetachedReceivers.track(dataDirectory: data)
        defer { DetachedReceivers.stop(dataDirectory: data) }
        let seeded = try Spawn.run(binary + "-bench", ["bench-ui", "seed", "--data-dir", data, "--count", "1000"])
        #expect(seeded.status == 0, "\(seeded.output)")
        var environment = E2EEnvironment.variables(directory: folder)
        environment["INSPEKT_DATA_DIR"] = data
        environment["INSPEKT_API_KEY"] = "e2e-board-key"
        environment["INSPEKT_BASE_URL"] = "http://127.0.0.1:9"
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:0"
        environment["INSPEKT_INBOX"] = folder
        let tmux = try TmuxSession(command: TmuxSession.quote(binary), width: 100, height: 30, environment: environment)
        defer { tmux.kill() }

        // Whole frame: the count in the title and the footer both drawn; the rows newest first.
        let first = try tmux.waitFor("the board") { $0.contains("1,000 inspections") && $0.contains("q quit") }
        let top = Self.caseIDs(first)
        #expect(top.count == 26)
        #expect(top == (0..<top.count).map { Self.bench(999 - $0) })
        #expect(first.contains("▶ BENCH-00999"))

        // One row down, then a page down: the pointer follows, rows past the first window are read.
        try tmux.send("j")
        try tmux.waitFor(text: "▶ BENCH-00998")
        try tmux.send("NPage")
        try tmux.waitFor(text: "▶ BENCH-00972")

        // The end of the list: the oldest inspection last.
        try tmux.send("G")
        let end = try tmux.waitFor(text: "▶ BENCH-00000")
        #expect(Self.caseIDs(end).last == "BENCH-00000")
        #expect(Self.caseIDs(end) == (0..<Self.caseIDs(end).count).map { Self.bench(25 - $0) })

        // The filter, answered by the store: ten matches, in order; Esc gives the whole board back.
        try tmux.send("g")
        try tmux.send("/")
        try tmux.type("bench-0012")
        let filtered = try tmux.waitFor("ten matches") { $0.contains("10 matches") && $0.contains("BENCH-00120") }
        #expect(Self.caseIDs(filtered) == (0..<10).map { Self.bench(129 - $0) })
        #expect(filtered.contains("10 of 1,000 inspections"))
        try tmux.send("Escape")
        let back = try tmux.waitFor("the whole board") { !$0.contains("matches") && $0.contains("BENCH-00999") }
        #expect(Self.caseIDs(back).first == "BENCH-00999")
    }
}
