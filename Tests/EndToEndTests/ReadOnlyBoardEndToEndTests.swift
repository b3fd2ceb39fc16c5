import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 24 §3: `inspekt --read-only` shows every inspection, refuses each change with "read-only", and after
/// every key pressed on each screen the SQLite file's content (every table, dumped) is byte for byte the same.
@Suite(.timeLimit(.minutes(6)))
struct ReadOnlyBoardEndToEndTests {
    /// Every key as tmux names it, but q and Ctrl-C (they leave).
    static let everyKey: [String] =
        "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789/?".map { String($0) }
        + [
            "Space", "Enter", "Tab", "BTab", "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "BSpace",
            "DC",
        ] + (1...10).map { "F\($0)" }

    @Test func everyKeyOnEveryScreenLeavesTheDataAsItWas() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 3600)
        configuration.uploadServerErrors = 1
        let simulator = try await SimulatorHarness.start(configuration)
        do {
            let kiosk = try KioskProcesses(simulator: simulator)
            // RO-3 meets a server error with one attempt allowed: it waits as failed, for r.
            let photo = kiosk.directory + "/failed.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 3)
            let failed = try await kiosk.run(
                ["submit", "--case", "RO-3", "--photo", "front=\(photo)", "--missing-reason", "one", "--force"],
                environment: ["INSPEKT_MAX_ATTEMPTS": "1"])
            #expect(failed.status == 1, "\(failed.stderr)")
            let available = try await ReportBrowserTests.submit(kiosk.cli, caseID: "RO-1", prefix: "ONE")
            try await ReportBrowserTests.importResult(
                kiosk.cli, session: available.session, caseID: "RO-1",
                images: [ReportBrowserTests.image(available.names[0], box: true)])
            _ = try await ReportBrowserTests.submit(kiosk.cli, caseID: "RO-2", prefix: "TWO")
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let database = kiosk.directory + "/data/inspekt.sqlite"
            let before = try Self.dump(database)
            #expect(before.contains("RO-1") && before.contains("RO-2") && before.contains("failed-retryable"))

            let tmux = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary) + " --read-only", width: 120, height: 40,
                environment: kiosk.boardVariables(inbox: inbox))
            defer { tmux.kill() }
            let board = try await tmux.screen("the read-only board") {
                $0.contains("RO-1") && $0.contains("RO-2") && $0.contains("RO-3")
            }
            #expect(board?.contains("new case") == false, "the footer offers a change: \(board ?? "")")
            #expect(board?.contains("press r") == false, "a row names a key that would change it")

            // Each change says "read-only" on the message line: n and a on the board, r on the failed row, and
            // r, N and p (change photos) on its detail.
            let refusals: [(title: String, reach: [String], key: String)] = [
                ("Board", [], "n"), ("Board", [], "a"), ("Board", ["End"], "r"), ("Detail", ["End", "Enter"], "r"),
                ("Detail", ["End", "Enter"], "N"), ("Detail", ["End", "Enter"], "p"),
            ]
            for refusal in refusals {
                try await Self.reach(refusal.title, by: refusal.reach, in: tmux)
                try tmux.send(refusal.key)
                _ = try await tmux.screen("\(refusal.key) refused on \(refusal.title)") { $0.contains("read-only") }
            }
            try await Self.reach("Board", by: [], in: tmux)
            try tmux.send("?")
            let help = try await tmux.screen("help") { $0.contains("vehicle history") }
            // "show archived" stays; "new case", "retry upload" and "a  archive" go.
            let offered = (help ?? "").range(of: #"\ba\s+archive\b"#, options: .regularExpression) != nil
            #expect(help?.contains("new case") == false && help?.contains("retry upload") == false && !offered)
            try tmux.send("Escape")
            try await Task.sleep(nanoseconds: 100_000_000)

            // Every key on the board, on each row's detail, on the vehicle's history and on its detail.
            let screens: [(title: String, reach: [String])] = [
                ("Board", []), ("Detail", ["Home", "Enter"]), ("Detail", ["Home", "Down", "Enter"]),
                ("Detail", ["End", "Enter"]),
                ("Vehicle history", ["Home", "v"]), ("Detail", ["Home", "v", "Enter"]),
            ]
            for screen in screens {
                for key in Self.everyKey {
                    try await Self.reach(screen.title, by: screen.reach, in: tmux)
                    try tmux.send(key)
                    try await Task.sleep(nanoseconds: 40_000_000)
                }
            }
            try await Self.reach("Board", by: [], in: tmux)
            try tmux.send("q")
            try await Task.sleep(nanoseconds: 500_000_000)
            let after = try Self.dump(database)
            #expect(after == before, "the data changed under --read-only")
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    /// Goes back to the board (Esc closes help, a question, a filter and each screen) and on to the screen.
    static func reach(_ title: String, by keys: [String], in tmux: TmuxSession) async throws {
        if (try tmux.capture()).split(separator: "\n").first?.contains("inspekt · \(title)") == true, !keys.isEmpty {
            return
        }
        for _ in 0..<3 {
            try tmux.send("Escape")
            try await Task.sleep(nanoseconds: 60_000_000)
        }
        for key in keys {
            try tmux.send(key)
            try await Task.sleep(nanoseconds: 60_000_000)
        }
        _ = try await tmux.screen(title) { $0.split(separator: "\n").first?.contains("inspekt · \(title)") == true }
    }

    /// Every table's rows as SQL, by Python's sqlite3 (read-only; no client of ours in between).
    static func dump(_ path: String) throws -> String {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
            sys.stdout.write("\\n".join(c.iterdump()))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
