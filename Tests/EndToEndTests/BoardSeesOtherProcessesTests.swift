import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §4: an open board shows what other processes store, without a restart.
@Suite("the board sees the other processes", .timeLimit(.minutes(3)))
struct BoardSeesOtherProcessesTests {
    @Test(
        "an upload by `inspekt submit` and its result stored by a standalone `inspekt receiver` show on an open board")
    func boardPicksUpAReceiverResult() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let receiver = try kiosk.spawn(["receiver", "--listen", "127.0.0.1:0"], output: "receiver")
            defer { kill(receiver.processIdentifier, SIGKILL) }
            let callbackBase = try #require(try await kiosk.waitForListening(output: "receiver"))

            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let tmux = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), environment: kiosk.boardVariables(inbox: inbox))
            defer { tmux.kill() }
            _ = try await tmux.screen("the empty board") { $0.contains("Press n to start one") }

            let photo = kiosk.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 3)
            let submit = try await kiosk.run(
                [
                    "submit", "--case", "E2E-RECV", "--photo", "front=\(photo)", "--missing-reason", "front only",
                    "--force",
                ], environment: ["INSPEKT_CALLBACK_BASE": callbackBase])
            #expect(submit.status == 0, "\(submit.stderr)")

            func row(_ screen: String) -> Substring? { screen.split(separator: "\n").first { $0.contains("E2E-RECV") } }
            // The other process's upload, then the receiver's result, each without a key pressed.
            let uploaded = try await tmux.screen("the upload by `inspekt submit`", timeout: 10) { screen in
                row(screen).map { $0.contains("Processing") || $0.contains("Available") } ?? false
            }
            #expect(uploaded != nil)
            let finished = try await tmux.screen("the result stored by `inspekt receiver`", timeout: 20) { screen in
                row(screen)?.contains("Available") ?? false
            }
            let shownAt = Date()
            #expect(finished != nil)
            #expect(try await kiosk.state(of: "E2E-RECV") == "available")
            // Stored by the receiver process, not by the board's own receiver.
            let stored = kiosk.log.split(separator: "\n").first { $0.contains("inspekt.receiver: result stored") }
            #expect(stored != nil, "the standalone receiver did not store the result")
            if let stored, let storedAt = LogStamp.date(of: stored) {
                print(
                    "board showed the receiver's result \(String(format: "%.2f", shownAt.timeIntervalSince(storedAt))) s after it was stored"
                )
            }
        }
    }
}

/// The time at the start of an `inspekt.log` line.
enum LogStamp {
    static func date(of line: Substring) -> Date? {
        guard let stamp = line.split(separator: " ").first else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: String(stamp))
    }
}

extension KioskProcesses {
    /// Starts the binary in the background, its output in `<output>.out` / `<output>.err`.
    func spawn(_ arguments: [String], output: String) throws -> Process {
        try cli.spawn(arguments, output: output)
    }

    /// The `http://127.0.0.1:PORT` a receiver started with `spawn` says it listens on.
    func waitForListening(output: String, timeout: Double = 15) async throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: directory + "/\(output).err", encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://127.0.0.1:") {
                return String(text[range.lowerBound...].prefix { !$0.isWhitespace })
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return nil
    }
}
