import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Results reach the kiosk with nobody there: whenever an inspection waits for its result, a receiver of the
/// kiosk listens, after `submit` exits and after a board's terminal went away, and a board that opens uses it.
/// The simulator posts each result a few seconds after the acceptance, to the callback address it was given;
/// no test starts a receiver by hand. Each stops the receivers it caused.
@Suite("results reach the kiosk with nobody there", .timeLimit(.minutes(4)))
struct ResultAfterExitTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    @Test("a result posted 4 s after `inspekt submit` exited is stored, and the receiver then leaves by itself")
    func resultAfterSubmitExited() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 4))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let data = kiosk.directory + "/data"
            defer { DetachedReceivers.stop(dataDirectory: data) }
            let photo = kiosk.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 3)

            // A look every second, so that leaving once nothing waits shows within the test.
            let submit = try await kiosk.run(
                [
                    "submit", "--case", "PICKUP-7", "--vehicle", "KA01AB1234", "--photo", "front=\(photo)",
                    "--missing-reason", "front only",
                ],
                environment: ["INSPEKT_RECEIVER_IDLE_CHECK": "1"])
            #expect(submit.status == 0, "\(submit.stderr)")
            // submit has exited, and the result is not there yet: it comes after.
            #expect(try await kiosk.state(of: "PICKUP-7") == "processing")
            let status = try await kiosk.run(["status", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let receiver = try #require(
                object?["receiver"] as? [String: Any], "status names no receiver: \(status.stdout)")
            #expect(receiver["mode"] as? String == "until-idle")
            let pid = try #require((receiver["pid"] as? Int).map(Int32.init))
            #expect(ProcessLife.isRunning(pid))
            let text = try await kiosk.run(["status"])
            #expect(text.stderr.contains("Results are received at http://127.0.0.1:"), "\(text.stderr)")
            #expect(text.stderr.contains("by `inspekt receiver --until-idle` (process \(pid),"), "\(text.stderr)")

            #expect(try await kiosk.waitFor("PICKUP-7", in: ["available"], timeout: 30), "the result was never stored")
            // Nothing waits any more: it goes away by itself, and says so.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, ProcessLife.isRunning(pid) { try await Task.sleep(nanoseconds: 100_000_000) }
            #expect(!ProcessLife.isRunning(pid), "the receiver stayed although nothing waits")
            #expect(kiosk.log.contains("no inspection waits for a result any more"), "\(kiosk.log)")
            // No receiver is left for this kiosk. One that a process started as the result landed (it saw the inspection
            // still waiting just before) leaves too, at its own next look.
            #expect(
                await eventually(timeout: 10) { DetachedReceivers.holder(dataDirectory: data) == nil },
                "a receiver stayed: \(String(describing: DetachedReceivers.holder(dataDirectory: data)))\n\(kiosk.log)")

            // After a reboot: the unit it prints starts the same receiver for this data folder.
            let unit = try await kiosk.run(["receiver", "--print-systemd-unit"])
            #expect(unit.stdout.contains("receiver --until-idle"), "\(unit.stdout)")
            #expect(unit.stdout.contains("Environment=INSPEKT_DATA_DIR=\(data)"), "\(unit.stdout)")
            #expect(unit.stdout.contains("WantedBy=multi-user.target"))
        }
    }

    @Test("the README's pickup and return: submit, submit, compare each get their result with nobody there")
    func pickupAndReturnAsWritten() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 2))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            for (caseID, seed) in [("PICKUP-7", 0), ("RETURN-7", 100)] {
                var arguments = ["submit", "--case", caseID, "--vehicle", "KA01AB1234", "--force"]
                for (index, slot) in Self.walkAround.enumerated() {
                    let path = "\(kiosk.directory)/\(caseID)_\(index).jpg"
                    try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed + index)
                    arguments += ["--photo", "\(slot)=\(path)"]
                }
                let submit = try await kiosk.run(arguments)
                #expect(submit.status == 0, "\(submit.stderr)")
            }
            // Straight on, as the README types it: the results come after each command exited.
            let compare = try await kiosk.run([
                "compare", "--before", "PICKUP-7", "--after", "RETURN-7", "--case", "CMP-7",
            ])
            #expect(compare.status == 0, "\(compare.stderr)")
            for caseID in ["PICKUP-7", "RETURN-7", "CMP-7"] {
                #expect(
                    try await kiosk.waitFor(caseID, in: ["available"], timeout: 30),
                    "the result of \(caseID) was never stored")
            }
            let report = try await kiosk.run(["report", "CMP-7", "--output", kiosk.directory + "/cmp.html"])
            #expect(report.status == 0, "\(report.stderr)")
        }
    }

    @Test("a board whose terminal went away finishes its upload, exits, and the result posted after it is stored")
    func resultAfterTheBoardsTerminalWentAway() async throws {
        // Eight photos of ~300 KB through 600 KB/s: about 4 s on the wire; the result 4 s after the acceptance.
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 4, bandwidth: 600_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let inbox = try Self.inbox(kiosk, padding: 300_000)
            let tmux = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), environment: kiosk.boardVariables(inbox: inbox))
            defer { tmux.kill() }
            try await Self.submitOnBoard(tmux, caseID: "E2E-AWAY")
            #expect(try await kiosk.waitFor("E2E-AWAY", in: ["uploading"]))
            let board = try #require(ProcessTree.children(of: try tmux.display("#{pane_pid}")).first)

            tmux.kill()  // the pty closes under the board, as when an SSH link drops
            let deadline = Date().addingTimeInterval(90)
            while Date() < deadline, ProcessLife.isRunning(board) { try await Task.sleep(nanoseconds: 100_000_000) }
            #expect(!ProcessLife.isRunning(board), "the headless board did not exit after its upload")
            #expect(kiosk.log.contains("headless run done, exiting"), "\(kiosk.log)")
            // The board is gone and the result is still to come.
            #expect(try await kiosk.state(of: "E2E-AWAY") == "processing")
            #expect(
                try await kiosk.waitFor("E2E-AWAY", in: ["available"], timeout: 30),
                "the result posted after the board left was lost")
        }
    }

    @Test("a board opened after the first one left uses the receiver that runs: one receiver, and the result shows")
    func secondBoardTakesOver() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 8))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let data = kiosk.directory + "/data"
            defer { DetachedReceivers.stop(dataDirectory: data) }
            let inbox = try Self.inbox(kiosk, padding: 0)
            let variables = kiosk.boardVariables(inbox: inbox)
            let first = try TmuxSession(command: TmuxSession.quote(kiosk.binary), environment: variables)
            defer { first.kill() }
            try await Self.submitOnBoard(first, caseID: "E2E-TWO")
            #expect(try await kiosk.waitFor("E2E-TWO", in: ["processing"]))
            #expect(await eventually(timeout: 5) { DetachedReceivers.holder(dataDirectory: data) != nil })
            let receiver = try #require(
                DetachedReceivers.holder(dataDirectory: data), "no receiver while a result waits")
            let firstBoard = try #require(ProcessTree.children(of: try first.display("#{pane_pid}")).first)
            #expect(receiver.pid != firstBoard, "the receiver is the board itself: it would leave with it")
            // The first board quits while the result is still to come (from the upload screen: back to the board first).
            try first.send("Escape")
            _ = try await first.screen("the board") { $0.contains("n new case") }
            try first.send("q")
            _ = try await first.screen("the quit question") { $0.contains("Quit inspekt?") }
            try first.send("y")
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline, ProcessLife.isRunning(firstBoard) {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            #expect(!ProcessLife.isRunning(firstBoard))
            #expect(
                DetachedReceivers.holder(dataDirectory: data)?.pid == receiver.pid, "the receiver left with the board")

            let second = try TmuxSession(command: TmuxSession.quote(kiosk.binary), environment: variables)
            defer { second.kill() }
            let screen = try await second.screen("the result on the second board", timeout: 30) { screen in
                screen.split(separator: "\n").contains { $0.contains("E2E-TWO") && $0.contains("Available") }
            }
            #expect(screen != nil)
            #expect(screen?.contains("busy") == false, "\(screen ?? "")")
            // One receiver all along: started once, listening once, never a second bind.
            let log = kiosk.log
            #expect(log.components(separatedBy: "receiver started for results still to come").count == 2, "\(log)")
            #expect(log.components(separatedBy: "receiver running").count == 2, "\(log)")
            #expect(!log.contains("receiver cannot listen"), "\(log)")
        }
    }

    @Test("`inspekt receiver` run by hand takes over from the one submit started; a second one is refused, naming it")
    func receiverByHandTakesOver() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 6))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let data = kiosk.directory + "/data"
            defer { DetachedReceivers.stop(dataDirectory: data) }
            let photo = kiosk.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 5)
            let submit = try await kiosk.run([
                "submit", "--case", "CASE-HAND", "--photo", "front=\(photo)", "--missing-reason", "front only",
            ])
            #expect(submit.status == 0, "\(submit.stderr)")
            #expect(await eventually(timeout: 5) { DetachedReceivers.holder(dataDirectory: data) != nil })
            let detached = try #require(DetachedReceivers.holder(dataDirectory: data))
            #expect(detached.mode == "until-idle")

            let byHand = try kiosk.cli.spawn(["receiver"], output: "by-hand")
            defer { kill(byHand.processIdentifier, SIGTERM) }
            #expect(
                await eventually(timeout: 15) {
                    DetachedReceivers.holder(dataDirectory: data)?.pid == byHand.processIdentifier
                })
            #expect(DetachedReceivers.holder(dataDirectory: data)?.mode == "always")
            #expect(
                await eventually(timeout: 5) { !ProcessLife.isRunning(detached.pid) },
                "the detached receiver did not hand over")
            #expect(kiosk.log.contains("taking over from the receiver that runs"), "\(kiosk.log)")

            let second = try await kiosk.run(["receiver"], timeout: 15)
            #expect(second.status == 1)
            #expect(
                second.stderr.contains(
                    "A receiver already runs for this kiosk: `inspekt receiver` (process \(byHand.processIdentifier)"),
                "\(second.stderr)")
            // The result comes to the receiver that took over.
            #expect(try await kiosk.waitFor("CASE-HAND", in: ["available"], timeout: 30))
        }
    }

    /// Sample photos padded by `padding` bytes each, in an inbox of the kiosk.
    static func inbox(_ kiosk: KioskProcesses, padding: Int) throws -> String {
        let inbox = kiosk.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            let photo = try Data(contentsOf: URL(fileURLWithPath: sample)) + Data(repeating: 0x5A, count: padding)
            try photo.write(to: URL(fileURLWithPath: inbox + "/" + (sample as NSString).lastPathComponent))
        }
        return inbox
    }

    /// On an empty board: a new case with the eight inbox photos on the walk-around, submitted.
    static func submitOnBoard(_ tmux: TmuxSession, caseID: String) async throws {
        _ = try await tmux.screen("the empty board") { $0.contains("Press n to start one") }
        try tmux.send("n")
        _ = try await tmux.screen("the case form") { $0.contains("Case id") }
        try tmux.type(caseID)
        try tmux.send("F2")
        _ = try await tmux.screen("capture times of the eight photos") { screen in
            screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count == 8
        }
        for digit in 1...8 { try tmux.type("\(digit)") }
        _ = try await tmux.screen("all eight slots filled") { $0.contains("Coverage 8/8") && !$0.contains("missing") }
        try tmux.send("F2")
        _ = try await tmux.screen("the review") { $0.contains("Review") }
        try tmux.send("Enter")
    }
}
