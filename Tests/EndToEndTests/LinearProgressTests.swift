import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 24 §2: over a slow link `--linear` says how far the upload is as a line every few seconds (not a line
/// redrawn in place, not one per chunk); with `--read-only` it only lists the board.
@Suite(.timeLimit(.minutes(3)))
struct LinearProgressTests {
    @Test func aSlowUploadIsSaidEveryFewSecondsOnLinesOfItsOwn() async throws {
        // About 400 KB at 50 KB/s: some 8 seconds of upload.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 50_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            try PhotoFixtures.writeJPEG(
                to: inbox + "/slow.jpg", approximateBytes: 400_000, seed: 71, width: 640, height: 480)
            var environment = kiosk.environment
            environment["INSPEKT_INBOX"] = inbox
            let linear = try PtyProcess(kiosk.binary, ["--linear"], environment: environment)
            defer { linear.finish() }
            let talk = Conversation(process: linear)
            try await talk.answer("Type n for a new inspection", with: "n")
            try await talk.answer("Case id:", with: "LIN-S")
            for prompt in ["Plate or VIN", "Vehicle type", "E-mail", "Agent id", "Agent name"] {
                try await talk.answer(prompt, with: "")
            }
            try await talk.walk(["Front": "1"])
            try await talk.answer("Reason for the missing sides", with: "front only")
            try await talk.answer("Send? (y/n):", with: "y")
            let started = Date()
            try await talk.expect("Accepted: inspection id ", timeout: 90)
            let seconds = Date().timeIntervalSince(started)
            let lines = linear.text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("Sending LIN-S: ") }
            #expect(lines.count >= 2, "\(linear.text.debugDescription)")
            #expect(Double(lines.count) <= seconds / LinearSessionPace.interval + 2, "\(lines.count) in \(seconds) s")
            #expect(lines.allSatisfy { $0.contains("%") })
            try await talk.answer("Type n for a new inspection", with: "q")
            #expect(try await linear.exit(within: 10) == 0)
            #expect(!linear.text.contains("\u{1B}"))
        }
    }

    @Test func readOnlyListsTheBoardAndAsksNothing() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            _ = try await ReportBrowserTests.submit(kiosk.cli, caseID: "RO-LIN", prefix: "L")
            var environment = kiosk.environment
            environment["INSPEKT_ROLE"] = "supervisor"
            let linear = try PtyProcess(kiosk.binary, ["--linear"], environment: environment)
            defer { linear.finish() }
            #expect(try await linear.exit(within: 20) == 0)
            #expect(linear.text.contains("Read-only: the board is shown, nothing can be changed."))
            #expect(linear.text.contains("1. RO-LIN, processing, vehicle KA01AB1234, inspection id "))
            #expect(!linear.text.contains("Type n for a new inspection"))
            #expect(!linear.text.contains("\u{1B}"))
        }
    }
}

/// The pace the linear mode says progress at, as the tests read it.
enum LinearSessionPace {
    static let interval = 3.0
}
