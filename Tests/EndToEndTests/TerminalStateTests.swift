import Foundation
import Testing

/// What the program does to the terminal: resizing, quitting, hostile file names, signals.
@Suite("the terminal, end to end", .timeLimit(.minutes(2)))
struct TerminalStateTests {
    @Test("a window shrunk to 30x8 says it is too small, and grown back shows the board intact")
    func resizeTooSmallAndBack() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(), environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        // The board, loaded: the demo starts with no inspections.
        // Whole frames only: the first and the last row are both drawn.
        let before = try tmux.waitFor("the empty board") {
            $0.contains("DEMO") && $0.contains("Press n to start one") && $0.contains("q quit")
        }
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: "too small")
        try tmux.resize(width: 100, height: 30)
        let after = try tmux.waitFor("the same board again") { $0 == before }
        #expect(!after.contains("too small"))
    }

    @Test("q on the board quits and gives the terminal back")
    func quitRestoresTerminal() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(), environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        #expect(try tmux.display("#{alternate_on}") == "1")
        try tmux.send("q")
        let screen = try tmux.waitFor(text: "INSPEKT-EXITED-0")
        #expect(!screen.contains("DEMO"))
        #expect(try tmux.display("#{alternate_on}") == "0")
        #expect(try tmux.display("#{cursor_flag}") == "1")
    }

    @Test("SIGTERM gives the terminal back too", arguments: ["TERM", "HUP"])
    func signalRestoresTerminal(signal: String) throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(), environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        let shell = try tmux.display("#{pane_pid}")
        let program = try #require(
            ProcessTree.children(of: shell).first, "inspekt is not running under the pane's shell")
        kill(program, signal == "TERM" ? SIGTERM : SIGHUP)
        let screen = try tmux.waitFor(text: "INSPEKT-EXITED-")
        #expect(!screen.contains("DEMO"))
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test("a file name holding escape sequences is listed escaped and changes nothing in the terminal")
    func escapeSequenceInFileName() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let titleAttack = "\u{1b}]0;pwned\u{07}x.jpg"
        let clearAttack = "\u{1b}[2J\u{1b}[Hgone.jpg"
        for name in [titleAttack, clearAttack] {
            #expect(FileManager.default.createFile(atPath: inbox + "/" + name, contents: Data("not a photo".utf8)))
        }
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(["--inbox", inbox]),
            environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        let title = try tmux.display("#{pane_title}")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-ESC")
        try tmux.send("F2")
        let screen = try tmux.waitFor("both hostile names, escaped") { screen in
            screen.contains(#"\e]0;pwned\x07x.jpg"#) && screen.contains(#"\e[2J\e[Hgone.jpg"#)
        }
        // Nothing was cleared, nothing renamed the window.
        #expect(screen.contains("E2E-ESC"))
        #expect(try tmux.display("#{pane_title}") == title)
        #expect(!(try tmux.display("#{pane_title}")).contains("pwned"))
    }
}

extension TerminalStateTests {
    @Test("a missing inbox folder is named, with what to do, and the case is kept")
    func missingInboxFolder() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(["--inbox", folder + "/no-such-inbox"]),
            environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-NOINBOX")
        try tmux.send("F2")
        let screen = try tmux.waitFor(text: "does not exist")
        #expect(screen.contains("INSPEKT_INBOX"))
        #expect(screen.contains("E2E-NOINBOX"))
    }
}

/// Children of a process, read from /proc.
enum ProcessTree {
    static func children(of pid: String) -> [Int32] {
        let path = "/proc/\(pid)/task/\(pid)/children"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
