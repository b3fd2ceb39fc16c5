import Foundation
import Testing

/// `inspekt demo` in tmux, driven like an operator: a case, eight photos, submit, the result.
@Suite("inspekt demo, end to end", .timeLimit(.minutes(2)))
struct DemoWalkAroundTests {
    @Test("a case with the eight walk-around photos uploads, then shows Available on the board")
    func walkAroundReachesAvailable() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Throttled so that the progress can be read, and a short processing delay.
        let command = try E2EEnvironment.demoCommand(["--processing-delay", "1", "--bandwidth", "80000"])
        let tmux = try TmuxSession(command: command, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-4711")
        try tmux.send("F2")
        // The inbox is listed: the sample photos are there.
        try tmux.waitFor(text: "IMG_01")
        for digit in 1...8 {
            try tmux.type("\(digit)")
        }
        try tmux.waitFor("all eight walk-around slots filled") { screen in
            !screen.contains("missing") || screen.contains("8/8")
        }
        try tmux.send("F2")
        try tmux.waitFor(text: "Review")
        try tmux.send("Enter")

        // Upload progress first…
        try tmux.waitFor("upload progress", timeout: 20) { screen in
            screen.contains("Overall") && screen.contains("%")
        }
        // …then back on the board, the result for that case.
        try tmux.send("Escape")
        let board = try tmux.waitFor("Available for E2E-4711", timeout: 40) { screen in
            screen.split(separator: "\n").contains { $0.contains("E2E-4711") && $0.contains("Available") }
        }
        #expect(board.contains("E2E-4711"))
    }
}
