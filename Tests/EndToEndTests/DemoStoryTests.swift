import Foundation
import Testing

/// `inspekt demo` as a new user tries it: the sample car goes out (the inbox's photos) and comes back a week
/// later (its `return/` folder); the results read what the photos show, and the comparison finds only the
/// damage the pickup did not have.
@Suite("inspekt demo tells one story", .timeLimit(.minutes(3)))
struct DemoStoryTests {
    /// On the board: a case for the sample car, `a` to fill the walk-around by capture time, submit, back to the board.
    func submit(_ tmux: TmuxSession, caseID: String, openReturnFolder: Bool) throws {
        try tmux.type("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type(caseID)
        try tmux.send("Tab")
        try tmux.type("KX482TR")
        try tmux.send("C-n")
        try tmux.waitFor(text: "return/")
        if openReturnFolder {
            try tmux.send("Home")
            try tmux.send("Enter")
            try tmux.waitFor("the return's photos") { $0.contains("IMG_0201.jpg") && $0.contains("06-08") }
        }
        try tmux.type("a")
        try tmux.waitFor("all eight walk-around slots filled") {
            $0.contains("Coverage 8/8") && !$0.contains("missing")
        }
        try tmux.type("n")
        try tmux.waitFor(text: "none: all 8 walk-around angles covered")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Overall")
        try tmux.send("Escape")
        try tmux.waitFor("\(caseID)'s result on the board", timeout: 40) { screen in
            // The row itself, not the message line that tells of the result ("Result for CASE: Available…").
            screen.contains("Board")
                && screen.split(separator: "\n").contains {
                    $0.contains(caseID) && $0.contains("Available") && !$0.contains("Result for")
                }
        }
    }

    @Test("pickup and return of the sample car: its readings, and only the new damage in the comparison")
    func pickupReturnCompare() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let command = try E2EEnvironment.demoCommand(["--processing-delay", "1"])
        let tmux = try TmuxSession(
            command: command, width: 120, height: 40, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }
        try tmux.waitFor(text: "DEMO")

        try submit(tmux, caseID: "PICKUP-1", openReturnFolder: false)
        try submit(tmux, caseID: "RETURN-1", openReturnFolder: true)
        let board = try tmux.capture()
        let row = { (caseID: String) in
            board.split(separator: "\n").first { $0.contains(caseID) }.map(String.init) ?? ""
        }
        // The manifest's damage: two parts at pickup, four at return (two of them already there at pickup).
        #expect(row("PICKUP-1").contains("2 damaged parts"), "\(board)")
        #expect(row("RETURN-1").contains("4 damaged parts"), "\(board)")

        // The return's detail reads what its photos show.
        try tmux.send("Home")
        try tmux.send("Enter")
        let detail = try tmux.waitFor("the return's detail") { $0.contains("RETURN-1") && $0.contains("Make") }
        #expect(detail.contains("KX 482 TR"))
        #expect(detail.contains("Volkswagen"))
        #expect(detail.contains("Golf"))
        #expect(detail.contains("blue"))
        try tmux.send("Escape")
        try tmux.waitFor(text: "PICKUP-1")

        // Compared with the pickup: the two new damages only.
        try tmux.send("Home")
        try tmux.type("c")
        try tmux.waitFor("the pickup offered to compare with") { screen in
            screen.contains("Compare with")
                && screen.split(separator: "\n").contains { $0.contains("▶") && $0.contains("PICKUP-1") }
        }
        try tmux.send("Enter")
        let compared = try tmux.waitFor("the comparison's result", timeout: 40) { screen in
            screen.split(separator: "\n").contains { $0.contains("compare") && $0.contains("Available") }
        }
        let comparison = compared.split(separator: "\n").first { $0.contains("compare") } ?? ""
        #expect(comparison.contains("2 new"), "\(compared)")
    }
}
