import Foundation
import InspektTestSupport
import Testing

/// An operator whose terminal sends no usable function keys: every step by letters and Ctrl keys,
/// and other terminals' sequences decoded (or dropped) as they arrive on the wire.
@Suite("keys without function keys, end to end", .timeLimit(.minutes(2)))
struct NoFunctionKeyWalkTests {
    @Test("case, photos, review and submit without a function key; PuTTY's F1 opens help, Insert types nothing")
    func walkAroundWithoutFunctionKeys() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            try FileManager.default.copyItem(
                atPath: sample, toPath: inbox + "/" + (sample as NSString).lastPathComponent)
        }
        let command = try E2EEnvironment.demoCommand(["--inbox", inbox, "--processing-delay", "1"])
        let tmux = try TmuxSession(
            command: command, width: 80, height: 24, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        try tmux.type("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-KEYS")
        // PuTTY's default F1 (ESC [ 11 ~) opens help; any key closes it.
        try tmux.sendBytes("\u{1B}[11~")
        try tmux.waitFor(text: "Keys: Case entry")
        try tmux.type(" ")
        try tmux.waitFor("help closed") { !$0.contains("Keys: Case entry") && $0.contains("E2E-KEYS") }
        // Insert (ESC [ 2 ~) is bound nowhere: nothing is typed and the form stays (Esc would leave it).
        try tmux.sendBytes("\u{1B}[2~")
        try tmux.type("9")
        try tmux.waitFor("the 9 after Insert") { $0.contains("E2E-KEYS9") }
        let form = try tmux.capture()
        #expect(form.contains("New case"))
        #expect(!form.contains("[2~"))
        #expect(!form.contains("Leave this case?"))
        // The Linux console's F2 (ESC [ [ B) would go on as well; Ctrl-N is the letter way.
        try tmux.send("C-n")
        try tmux.waitFor("capture times of the eight photos") { screen in
            screen.contains("Photos")
                && screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count >= 8
        }
        // From the oldest photo on, Space assigns and moves on in capture order, the checklist to the next empty slot.
        try tmux.type("G")
        for _ in 1...8 { try tmux.type(" ") }
        try tmux.waitFor("all eight walk-around slots filled") {
            $0.contains("Coverage 8/8") && !$0.contains("missing")
        }
        try tmux.type("n")
        try tmux.waitFor(text: "none: all 8 walk-around angles covered")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Overall")
        try tmux.type("q")
        let board = try tmux.waitFor("Available for E2E-KEYS on the board", timeout: 40) { screen in
            screen.contains("Board")
                && screen.split(separator: "\n").contains { $0.contains("E2E-KEYS") && $0.contains("Available") }
        }
        #expect(board.contains("E2E-KEYS9"))
    }
}
