import Foundation
import InspektTestSupport
import Testing

/// `inspekt demo` in tmux: Enter pressed twice on Review, as an impatient operator does.
@Suite("Enter twice on Review, end to end", .timeLimit(.minutes(2)))
struct SubmitTwiceBoardTests {
    @Test("one inspection; the upload screen, then the board with the case highlighted; no draft question")
    func enterTwiceSubmitsOnceAndLeadsToTheBoard() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            try FileManager.default.copyItem(
                atPath: sample, toPath: inbox + "/" + (sample as NSString).lastPathComponent)
        }
        let command = try E2EEnvironment.demoCommand(["--inbox", inbox, "--processing-delay", "600"])
        let tmux = try TmuxSession(command: command, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        try tmux.startCase("TWICE-7")
        try tmux.send("C-n")
        try tmux.waitFor("capture times of the eight photos") { screen in
            screen.contains("Photos")
                && screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count >= 8
        }
        try tmux.type("G")
        for _ in 1...8 { try tmux.type(" ") }
        try tmux.waitFor("all eight walk-around slots filled") {
            $0.contains("Coverage 8/8") && !$0.contains("missing")
        }
        try tmux.type("n")
        try tmux.waitFor(text: "none: all 8 walk-around angles covered")
        // Both keys in one write: the second arrives before the service has answered the first.
        try tmux.send("Enter", "Enter")
        let upload = try tmux.waitFor("the upload screen of TWICE-7") {
            $0.contains("Upload") && $0.contains("TWICE-7")
        }
        #expect(!upload.contains("Coverage"))
        // Accepted (processing takes ten minutes): the screen is still the upload, naming the case.
        let accepted = try tmux.waitFor("the upload accepted", timeout: 30) { $0.contains("Upload accepted") }
        #expect(accepted.contains("TWICE-7"))
        #expect(!accepted.contains("Inbox"))

        try tmux.send("Escape")
        let board = try tmux.waitFor("the board with TWICE-7") { $0.contains("Board") && $0.contains("TWICE-7") }
        #expect(!board.contains("Leave this case?"))
        #expect(!board.contains("keep as draft"))
        let rows = board.split(separator: "\n").filter { $0.contains("TWICE-7") }
        #expect(rows.count == 1, "one inspection of the case: \(rows)")
        #expect(rows.first?.hasPrefix("▶") ?? false, "the case just sent is highlighted: \(board)")
    }
}
