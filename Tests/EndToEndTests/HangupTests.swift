import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §3: the terminal goes away mid-upload (a dropped SSH link closes the pty); the upload
/// still ends accepted, exactly once, with no operator, and the process then exits by itself.
@Suite("a dropped SSH link never stops an upload", .timeLimit(.minutes(4)))
struct HangupTests {
    @Test("submit on a pty whose master is closed mid-upload finishes the upload and exits")
    func submitFinishesAfterTheTerminalCloses() async throws {
        // 8 photos of ~200 KB through a 200 KB/s server: about 8 s on the wire.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let submit = try kiosk.slowSubmit(case: "CASE-HUP", extra: ["--missing-reason", "test photos"])
            defer { submit.finish() }

            #expect(try await kiosk.waitFor("CASE-HUP", in: ["uploading"]))
            // Progress is on the terminal: the terminal is in use when it goes away.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !submit.text.contains("CASE-HUP: ") {
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            #expect(submit.text.contains("CASE-HUP: "), "no progress on the terminal: \(submit.text)")
            #expect(submit.isRunning)
            #expect(await simulator.ledger().isEmpty, "the upload ended before the hangup")

            submit.hangUp()
            let code = try await submit.exit(within: 120)

            #expect(code == 0, "submit ended with \(String(describing: code)) instead of finishing the upload")
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-HUP" }.count == 1)
            #expect(try await kiosk.state(of: "CASE-HUP") == "processing")
            let log = kiosk.log
            #expect(log.contains("terminal gone (SIGHUP): submit of case CASE-HUP goes on headless"), "\(log)")
            #expect(log.contains("upload accepted"))
        }
    }

    @Test("a board whose tmux pane is killed mid-upload finishes headless, exits, and the next board shows it")
    func boardFinishesHeadlessAfterTheTerminalCloses() async throws {
        // Eight ~1 MB photos through a 800 KB/s server: about 10 s on the wire.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 800_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let padding = Data(repeating: 0x5A, count: 1_000_000)
            for sample in try E2EEnvironment.samplePhotos().prefix(8) {
                let photo = try Data(contentsOf: URL(fileURLWithPath: sample)) + padding
                try photo.write(to: URL(fileURLWithPath: inbox + "/" + (sample as NSString).lastPathComponent))
            }
            let variables = kiosk.boardVariables(inbox: inbox)
            let tmux = try TmuxSession(command: TmuxSession.quote(kiosk.binary), environment: variables)
            defer { tmux.kill() }

            _ = try await tmux.screen("the empty board") { $0.contains("Press n to start one") }
            try tmux.send("n")
            _ = try await tmux.screen("the case form") { $0.contains("Case id") }
            try tmux.type("E2E-HUP")
            try tmux.send("F2")
            _ = try await tmux.screen("capture times of the eight photos") { screen in
                screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count == 8
            }
            for digit in 1...8 { try tmux.type("\(digit)") }
            _ = try await tmux.screen("all eight slots filled") {
                $0.contains("Coverage 8/8") && !$0.contains("missing")
            }
            try tmux.send("F2")
            _ = try await tmux.screen("the review") { $0.contains("Review") }
            try tmux.send("Enter")

            #expect(try await kiosk.waitFor("E2E-HUP", in: ["uploading"]))
            let shell = try tmux.display("#{pane_pid}")
            let board = try #require(
                ProcessTree.children(of: shell).first, "the board is not running under the pane's shell")
            // Bytes are moving: the upload is under way when the terminal goes away.
            #expect(await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived > 0 })
            #expect(await simulator.ledger().isEmpty, "the upload ended before the hangup")

            // The pty closes under the board, as when an SSH link drops.
            tmux.kill()
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, ProcessLife.isRunning(board) { try await Task.sleep(nanoseconds: 100_000_000) }

            #expect(!ProcessLife.isRunning(board), "the headless board did not exit after its upload")
            #expect(await simulator.ledger().filter { $0.caseID == "E2E-HUP" }.count == 1)
            #expect(try await kiosk.state(of: "E2E-HUP") == "processing")
            let log = kiosk.log
            #expect(log.contains("terminal gone: finishing uploads headless"), "\(log)")
            #expect(log.contains("headless upload accepted"))
            #expect(log.contains("headless run done, exiting"))

            // The next board says what happened while nobody watched, and shows the row accepted.
            let next = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), environment: kiosk.boardVariables(inbox: inbox))
            defer { next.kill() }
            let screen = try await next.screen("the outcome of the headless run") { screen in
                screen.contains("While the terminal was away: E2E-HUP accepted")
                    && screen.split(separator: "\n").contains { $0.contains("E2E-HUP") && $0.contains("Processing") }
            }
            #expect(screen != nil)
            #expect(await simulator.ledger().filter { $0.caseID == "E2E-HUP" }.count == 1)
        }
    }
}
