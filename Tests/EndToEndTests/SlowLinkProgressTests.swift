import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Over a 15 KB/s link a 300 KB upload takes about 20 s: a second in, the board's upload screen and
/// `inspekt submit`'s progress line both show well under half, not the bytes the kernel buffered.
@Suite("progress tells the truth on a slow link", .timeLimit(.minutes(2)))
struct SlowLinkProgressTests {
    /// The first "NN%" in `line`.
    static func percent(in line: Substring) -> Int? {
        guard let sign = line.firstIndex(of: "%") else { return nil }
        let digits = line[..<sign].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    @Test("the board's upload screen, read a second after it opened, shows under 50%")
    func boardShowsUnderHalfAfterOneSecond() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The eight walk-around samples, each padded after its end marker to 37.5 KB: 300 KB in all.
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            let photo = try Data(contentsOf: URL(fileURLWithPath: sample))
            let padded = photo + Data(repeating: 0x5A, count: max(0, 37_500 - photo.count))
            try padded.write(to: URL(fileURLWithPath: inbox + "/" + (sample as NSString).lastPathComponent))
        }
        let command = try E2EEnvironment.demoCommand([
            "--inbox", inbox, "--processing-delay", "3600", "--bandwidth", "15000",
        ])
        let tmux = try TmuxSession(
            command: command, width: 80, height: 24, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.submitEightPhotoWalkAround(caseID: "E2E-SLOW")
        // From the first byte the server took, one second on.
        let started = try tmux.waitFor("the first progress", timeout: 20) { screen in
            screen.split(separator: "\n").contains { $0.contains("Overall") && (Self.percent(in: $0) ?? 0) > 0 }
                || screen.contains("KB / 3")
        }
        let opened = Date()
        Thread.sleep(until: opened.addingTimeInterval(1))
        let screen = try tmux.capture()
        let overall = try #require(
            screen.split(separator: "\n").first { $0.contains("Overall") }, "\(started)\n\(screen)")
        let shown = try #require(Self.percent(in: overall), "\(screen)")
        #expect(shown < 50, "at 1 s the upload screen says \(overall)")
        // A bar frozen at 0% would pass the bound above: it has moved, and moves on (the throttled server takes
        // the body in steps of a few seconds).
        #expect(shown > 0, "at 1 s the upload screen says \(overall)")
        #expect(!screen.contains("waiting for Inspektlabs to confirm"), "\(screen)")
        _ = try tmux.waitFor("a reading above \(shown)%", timeout: 15) { later in
            later.split(separator: "\n").contains { $0.contains("Overall") && (Self.percent(in: $0) ?? 0) > shown }
        }
    }

    @Test("inspekt submit's progress line on a terminal, a second in, shows under 50%")
    func submitLineShowsUnderHalfAfterOneSecond() async throws {
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 15_000))
        do {
            try await readSubmitLine(simulator)
            await simulator.stop()
        } catch {
            await simulator.stop()
            throw error
        }
    }

    func readSubmitLine(_ simulator: SimulatorHarness) async throws {
        let kiosk = try KioskProcesses(simulator: simulator)
        let path = kiosk.directory + "/IMG_SLOW.jpg"
        try PhotoFixtures.writeJPEG(to: path, approximateBytes: 300_000, seed: 11, width: 640, height: 480)
        var environment = kiosk.environment
        environment["TERM"] = "xterm-256color"
        let submit = try PtyProcess(
            kiosk.binary,
            [
                "submit", "--case", "CASE-PTY", "--photo", "front=\(path)", "--missing-reason", "one side only",
                "--force",
            ],
            environment: environment)
        defer { submit.finish() }
        func lastLine() -> Substring? {
            submit.text.split(whereSeparator: \.isNewline).last { $0.contains("CASE-PTY: ") && $0.contains("%") }
        }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (lastLine().flatMap { Self.percent(in: $0) } ?? 0) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let first = try #require(lastLine(), "no progress line: \(submit.text)")
        // Reading "at 1 s" needs that second to pass.
        try await Task.sleep(for: .seconds(1))
        let line = try #require(lastLine())
        let shown = try #require(Self.percent(in: line), "\(line)")
        #expect(shown < 50, "first \(first), at 1 s: \(line)")
        // Above 0 from the first reading, and a higher one follows: a line frozen at 0% fails.
        #expect((Self.percent(in: first) ?? 0) > 0, "first \(first)")
        let later = Date().addingTimeInterval(15)
        while Date() < later, (lastLine().flatMap { Self.percent(in: $0) } ?? 0) <= shown {
            try await Task.sleep(for: .milliseconds(50))
        }
        let next = try #require(lastLine())
        #expect((Self.percent(in: next) ?? 0) > shown, "at 1 s: \(line), then: \(next)")
        #expect(!line.contains("waiting for Inspektlabs"))
        #expect(line.contains("KB / 30"), "\(line)")
        #expect(submit.isRunning)
    }

    @Test("without a terminal, inspekt submit prints nothing but its final line")
    func submitWithoutATerminalPrintsOnlyTheFinalLine() async throws {
        // About 1.5 s on the wire: progress events come, and none may reach the pipes.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        do {
            let kiosk = try KioskProcesses(simulator: simulator)
            let path = kiosk.directory + "/IMG_PIPE.jpg"
            try PhotoFixtures.writeJPEG(to: path, approximateBytes: 300_000, seed: 12, width: 640, height: 480)
            let outcome = try await kiosk.run(
                [
                    "submit", "--case", "CASE-PIPE", "--photo", "front=\(path)", "--missing-reason", "one side only",
                    "--force",
                ])
            await simulator.stop()
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n")
            #expect(lines.count == 1 && lines.first?.hasPrefix("in") == true, "\(outcome.stdout)")
            #expect(!outcome.stderr.contains("\r") && !outcome.stderr.contains("%"), "\(outcome.stderr)")
        } catch {
            await simulator.stop()
            throw error
        }
    }
}
