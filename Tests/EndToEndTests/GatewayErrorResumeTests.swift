import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue 7 §1 with the real binaries: `inspekt simulator --gateway-error-after-accept 1 --token-ttl 3` with a
/// throttled upload, driven by `inspekt submit`, `inspekt resume --retry-failed` and `inspekt upload-again-as-new`.
@Suite struct GatewayErrorResumeTests {
    /// An `inspekt simulator` process: accepts the first upload but answers it 504; 3 s tokens; 80 KB/s uploads.
    final class SimulatorProcess {
        let process = Process()
        private(set) var baseURL = ""

        init(directory: String, order: SessionCheckOrder = .spentFirst) async throws {
            process.executableURL = URL(fileURLWithPath: try InspektBinary.path())
            process.arguments = [
                "simulator", "--listen", "127.0.0.1:0", "--token-ttl", "3", "--bandwidth", "80000",
                "--gateway-error-after-accept", "1", "--processing-delay", "3600", "--session-check-order",
                order.rawValue,
            ]
            let out = directory + "/simulator.out"
            FileManager.default.createFile(atPath: out, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("simulator listening on ") }) {
                    baseURL = String(line.dropFirst("simulator listening on ".count))
                    return
                }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            stop()
            throw CocoaError(.fileReadUnknown)
        }

        /// The sessions of the simulator's ledger for one case, read over HTTP as any client would.
        func ledger(caseID: String) async throws -> [String] {
            guard let url = URL(string: baseURL + "/__simulator/ledger") else { return [] }
            let (data, _) = try await URLSession.shared.data(from: url)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let entries = object?["inspections"] as? [[String: Any]] ?? []
            return entries.filter { $0["case_id"] as? String == caseID || $0["caseID"] as? String == caseID }
                .compactMap { $0["session"] as? String }
        }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
        }
    }

    /// 4 photos of ~100 KB: about 5 s through the simulator, longer than its tokens live.
    static func photoArguments(_ directory: String) throws -> [String] {
        try ["front", "left", "rear", "right"].enumerated().flatMap { index, slot -> [String] in
            let path = "\(directory)/GW_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, approximateBytes: 100_000, seed: index + 70)
            return ["--photo", "\(slot)=\(path)"]
        } + ["--missing-reason", "four sides only", "--force"]
    }

    /// Under token-first checks fresh tokens cannot confirm the 504'd upload: it waits as "may have been accepted".
    @Test(arguments: SessionCheckOrder.allCases)
    func submitThroughAGatewayErrorAndTokenExpiryEndsAcceptedOnce(order: SessionCheckOrder) async throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        let simulator = try await SimulatorProcess(directory: directory, order: order)
        defer { simulator.stop() }
        let cli = try CLI(baseURL: simulator.baseURL)

        let submit = try await cli.run(
            ["submit", "--case", "CASE-E2E-504"] + Self.photoArguments(cli.directory), timeout: 120)

        guard order == .spentFirst else {
            #expect(submit.status != 0)
            #expect(submit.stderr.contains("portal"), "\(submit.stderr)")
            let row = try #require(try await cli.status().first)
            #expect(row["state"] as? String == "may-have-been-accepted")
            #expect(try await simulator.ledger(caseID: "CASE-E2E-504") == [row["session"] as? String ?? "?"])
            return
        }
        #expect(submit.status == 0, "\(submit.stderr)")
        let session = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await simulator.ledger(caseID: "CASE-E2E-504") == [session])
        let row = try #require(try await cli.status().first)
        #expect(row["state"] as? String == "processing")
        #expect(row["session"] as? String == session)
    }

    @Test func mayHaveBeenAcceptedThenResumeRetryFailedConfirmsWithTheSameSession() async throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        let simulator = try await SimulatorProcess(directory: directory)
        defer { simulator.stop() }
        let cli = try CLI(baseURL: simulator.baseURL)

        // One attempt per run: the 504 arrives after the tokens expired, so the kiosk cannot ask again now.
        let submit = try await cli.run(
            ["submit", "--case", "CASE-E2E-MAYBE"] + Self.photoArguments(cli.directory),
            environment: ["INSPEKT_MAX_ATTEMPTS": "1"], timeout: 120)
        #expect(submit.status != 0)
        #expect(submit.stderr.contains("portal"), "\(submit.stderr)")
        let waiting = try #require(try await cli.status().first)
        #expect(waiting["state"] as? String == "may-have-been-accepted")
        let sessions = try await simulator.ledger(caseID: "CASE-E2E-MAYBE")
        #expect(sessions.count == 1)
        let plain = try await cli.run(["status"])
        #expect(plain.stdout.contains("check the Inspektlabs portal"), "\(plain.stdout)")

        let resume = try await cli.run(
            ["resume", "--retry-failed"], environment: ["INSPEKT_MAX_ATTEMPTS": "1"], timeout: 120)

        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(resume.stdout.contains("CASE-E2E-MAYBE: accepted as \(sessions.first ?? "?")"), "\(resume.stdout)")
        #expect(try await simulator.ledger(caseID: "CASE-E2E-MAYBE") == sessions)
        let settled = try #require(try await cli.status().first)
        #expect(settled["state"] as? String == "processing")
        #expect(settled["session"] as? String == sessions.first)
    }

    /// The same through the board: `r` on the may-have-been-accepted row asks again with the same session.
    @Test func boardRetryConfirmsWithTheSameSession() async throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        let simulator = try await SimulatorProcess(directory: directory)
        defer { simulator.stop() }
        let cli = try CLI(baseURL: simulator.baseURL)
        let submit = try await cli.run(
            ["submit", "--case", "CASE-E2E-BOARD"] + Self.photoArguments(cli.directory),
            environment: ["INSPEKT_MAX_ATTEMPTS": "1"], timeout: 120)
        #expect(submit.status != 0)
        let sessions = try await simulator.ledger(caseID: "CASE-E2E-BOARD")
        #expect(sessions.count == 1)

        var environment = cli.environment.merging(E2EEnvironment.variables(directory: cli.directory)) { $1 }
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:0"
        environment["INSPEKT_MAX_ATTEMPTS"] = "1"
        let tmux = try TmuxSession(command: TmuxSession.quote(try InspektBinary.path()), environment: environment)
        defer { tmux.kill() }
        func row(_ screen: String, says words: String) -> Bool {
            screen.split(separator: "\n").contains { $0.contains("CASE-E2E-BOARD") && $0.contains(words) }
        }
        try tmux.waitFor("the row that may have been accepted") { row($0, says: "May have been accepted") }
        try tmux.send("r")
        try tmux.waitFor("the confirmed upload", timeout: 90) { row($0, says: "Processing") }

        #expect(try await simulator.ledger(caseID: "CASE-E2E-BOARD") == sessions)
        try tmux.send("q")
        let row = try #require(try await cli.status().first)
        #expect(row["state"] as? String == "processing")
        #expect(row["session"] as? String == sessions.first)
    }

    @Test func uploadAgainAsNewAsksFirstAndOnlyThenOpensASecondSession() async throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        let simulator = try await SimulatorProcess(directory: directory)
        defer { simulator.stop() }
        let cli = try CLI(baseURL: simulator.baseURL)
        let submit = try await cli.run(
            ["submit", "--case", "CASE-E2E-NEW"] + Self.photoArguments(cli.directory),
            environment: ["INSPEKT_MAX_ATTEMPTS": "1"], timeout: 120)
        #expect(submit.status != 0)
        let first = try await simulator.ledger(caseID: "CASE-E2E-NEW")
        #expect(first.count == 1)

        // Not a terminal and not confirmed: it warns, sends nothing.
        let refused = try await cli.run(["upload-again-as-new", "CASE-E2E-NEW"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("may bill a second inspection"), "\(refused.stderr)")
        #expect(try await simulator.ledger(caseID: "CASE-E2E-NEW") == first)

        let confirmed = try await cli.run(
            ["upload-again-as-new", "CASE-E2E-NEW", "--confirm-may-bill-twice"], timeout: 120)
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        let both = try await simulator.ledger(caseID: "CASE-E2E-NEW")
        #expect(both.count == 2)
        #expect(both.first == first.first)
        #expect(confirmed.stdout.contains("accepted as a new inspection \(both.last ?? "?")"), "\(confirmed.stdout)")
    }
}
