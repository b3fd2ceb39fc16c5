import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The headless commands, driven as a user drives them: the built `inspekt` binary against an
/// in-process simulator on loopback, with a data folder of its own.
@Suite struct SubmitResumeTests {
    /// Done-when 4: `inspekt submit` killed with SIGKILL mid-upload; `inspekt resume` finishes it;
    /// the server then holds exactly one inspection for the case, with every file intact.
    @Test func submitKilledMidUploadThenResumeLeavesExactlyOneIntactInspection() async throws {
        // 8 photos of ~200 KB through a 200 KB/s server: about 8 s on the wire, plenty of time to kill.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            var photoArguments: [String] = []
            var originals: [String: String] = [:]
            for (index, slot) in [
                "front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right",
            ].enumerated() {
                let path = "\(cli.directory)/IMG_\(index).jpg"
                try PhotoFixtures.writeJPEG(to: path, approximateBytes: 200_000, seed: index, width: 320, height: 240)
                photoArguments += ["--photo", "\(slot)=\(path)"]
                originals["\(slot)_IMG_\(index).jpg"] = try sha256(path)
            }

            let submit = try cli.spawn(["submit", "--case", "CASE-KILL"] + photoArguments)
            // Wait until the upload is under way: the store says uploading, and some bytes have moved.
            let deadline = Date().addingTimeInterval(30)
            var uploading = false
            while Date() < deadline, !uploading {
                uploading = try await cli.status().contains {
                    $0["case_id"] as? String == "CASE-KILL" && $0["state"] as? String == "uploading"
                }
                if !uploading { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            #expect(uploading, "submit never reached the uploading state")
            #expect(
                await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived >= 200_000 }, "no bytes moved")
            #expect(submit.isRunning, "submit finished before it could be killed")
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(submit.terminationReason == .uncaughtSignal)
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-KILL" }.isEmpty)

            let resume = try await cli.run(["resume"], timeout: 90)
            #expect(resume.status == 0, "\(resume.stderr)")
            #expect(resume.stdout.contains("CASE-KILL: accepted as in"), "\(resume.stdout)")

            let entries = await simulator.ledger().filter { $0.caseID == "CASE-KILL" }
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.files.count == 8)
            #expect(Dictionary(uniqueKeysWithValues: entry.files.map { ($0.name, $0.sha256) }) == originals)
            let rows = try await cli.status()
            #expect(rows.count == 1)
            #expect(rows.first?["state"] as? String == "processing")
            #expect(rows.first?["session"] as? String == entry.session)
            // The log file says what happened but holds no token (JWTs start with eyJ) and not the key.
            let log = try String(contentsOfFile: cli.directory + "/data/inspekt.log", encoding: .utf8)
            #expect(log.contains("upload accepted"))
            #expect(!log.contains("eyJ"))
            #expect(!log.contains("demo-key"))
            // A second resume has nothing left to do and sends nothing.
            let again = try await cli.run(["resume"])
            #expect(again.status == 0)
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-KILL" }.count == 1)
        }
    }

    @Test func submitPrintsTheSessionAndStatusJSONShowsIt() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let front = cli.directory + "/front.jpg"
            let rear = cli.directory + "/rear.jpg"
            try PhotoFixtures.writeJPEG(to: front, width: 320, height: 240, seed: 1)
            try PhotoFixtures.writeJPEG(to: rear, width: 320, height: 240, seed: 2)

            let submit = try await cli.run([
                "submit", "--case", "CASE-CLI", "--photo", "front=\(front)", "--photo", "rear=\(rear)",
                "--missing-reason", "parked in a row",
            ])
            #expect(submit.status == 0, "\(submit.stderr)")
            let session = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(session.hasPrefix("in"))
            #expect(await simulator.ledger().map(\.session) == [session])

            let second = cli.directory + "/second.jpg"
            try PhotoFixtures.writeJPEG(to: second, width: 320, height: 240, seed: 3)
            let json = try await cli.run([
                "submit", "--case", "CASE-CLI2", "--photo", "front=\(second)", "--json", "--missing-reason",
                "parked in a row",
            ])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["state"] as? String == "processing")
            #expect((object["inspection_id"] as? String)?.hasPrefix("in") == true)

            let rows = try await cli.status()
            let row = try #require(rows.first { $0["case_id"] as? String == "CASE-CLI" })
            #expect(row["state"] as? String == "processing")
            #expect(row["photos"] as? Int == 2)
            #expect(row["session"] as? String == session)
            let text = try await cli.run(["status", "--case", "CASE-CLI"])
            #expect(text.stdout.contains("CASE-CLI  processing"), "\(text.stdout)")
        }
    }

    @Test func missingAPIKeyAndBadInputAreRefusedWithExitCode2() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 64, height: 48)

            let noKey = try await cli.run(
                ["submit", "--case", "CASE-1", "--photo", "front=\(photo)"], environment: ["INSPEKT_API_KEY": nil])
            #expect(noKey.status == 2)
            #expect(noKey.stderr.contains("INSPEKT_API_KEY is not set"), "\(noKey.stderr)")

            let badCase = try await cli.run(["submit", "--case", "CASE 1/2", "--photo", "front=\(photo)"])
            #expect(badCase.status == 2)
            #expect(badCase.stderr.contains("a space (position 5)"), "\(badCase.stderr)")

            let text = cli.directory + "/note.jpg"
            try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
            let badFile = try await cli.run([
                "submit", "--case", "CASE-1", "--photo", "front=\(photo)", "--photo", "rear=\(text)",
            ])
            #expect(badFile.status == 2)
            #expect(
                badFile.stderr.contains("note.jpg is named as jpeg but is not an image or video"), "\(badFile.stderr)")
            #expect(badFile.stdout.isEmpty)
            #expect(await simulator.ledger().isEmpty)
            #expect(try await cli.status().isEmpty)
        }
    }

    /// Done-when 6 through the commands: `inspekt receiver` stores the simulator's result and
    /// `inspekt status` shows it.
    @Test func receiverCommandStoresTheResultThatStatusShows() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 0.2))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let receiver = try cli.spawn(["receiver", "--listen", "127.0.0.1:0"])
            defer { kill(receiver.processIdentifier, SIGKILL) }
            var base: String?
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline, base == nil {
                let text = (try? String(contentsOfFile: cli.directory + "/stderr.log", encoding: .utf8)) ?? ""
                if let range = text.range(of: "http://127.0.0.1:") {
                    base = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
                } else {
                    try await Task.sleep(nanoseconds: 100_000_000)
                }
            }
            let callbackBase = try #require(base)
            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 7)
            let submit = try await cli.run(
                ["submit", "--case", "CASE-RESULT", "--photo", "front=\(photo)", "--missing-reason", "front only"],
                environment: ["INSPEKT_CALLBACK_BASE": callbackBase])
            #expect(submit.status == 0, "\(submit.stderr)")

            var row: [String: Any] = [:]
            let until = Date().addingTimeInterval(15)
            while Date() < until {
                row = try await cli.status().first ?? [:]
                if row["state"] as? String == "available" { break }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            #expect(row["state"] as? String == "available")
            #expect(row["verdict"] as? String == "Available")
            #expect(row["damaged_parts"] is Int)
        }
    }
}

/// Runs the built binary with a private data folder, against one simulator.
struct CLI {
    let binary: String
    let directory: String
    var environment: [String: String]

    init(simulator: SimulatorHarness) throws {
        try self.init(baseURL: simulator.baseURL)
    }

    /// Against the Inspektlabs API at `baseURL` (e.g. an `inspekt simulator` process).
    init(baseURL: String) throws {
        binary = try InspektBinary.path()
        directory = try PhotoFixtures.temporaryDirectory()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INSPEKT_") }
        environment["INSPEKT_API_KEY"] = "demo-key"
        environment["INSPEKT_BASE_URL"] = baseURL
        environment["INSPEKT_DATA_DIR"] = directory + "/data"
        environment["HOME"] = directory
        // Each kiosk its own receiver port: the receivers that its commands start never meet another test's.
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:\(FreeLoopbackPort.find())"
        self.environment = environment
        DetachedReceivers.track(dataDirectory: directory + "/data")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts the binary with stdout and stderr going to files in the folder (`stdout.log` and
    /// `stderr.log`, or `<output>.out` and `<output>.err`).
    func spawn(
        _ arguments: [String], environment changes: [String: String?] = [:], output: String? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = environment
        for (key, value) in changes { environment[key] = value }
        process.environment = environment
        let out = directory + "/" + (output.map { $0 + ".out" } ?? "stdout.log")
        let err = directory + "/" + (output.map { $0 + ".err" } ?? "stderr.log")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the binary to the end (killed after `timeout` seconds). Waits with `Task.sleep`, never
    /// blocking a thread of the cooperative pool, which the in-process simulator needs to answer.
    func run(
        _ arguments: [String], environment changes: [String: String?] = [:], timeout: Double = 60
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = environment
        for (key, value) in changes { environment[key] = value }
        process.environment = environment
        let id = UUID().uuidString
        let out = directory + "/run-\(id).out"
        let err = directory + "/run-\(id).err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// `inspekt status --json`, parsed.
    func status() async throws -> [[String: Any]] {
        let outcome = try await run(["status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return object?["inspections"] as? [[String: Any]] ?? []
    }
}

/// SHA-256 of a file with the system tool, independent of the code under test.
private func sha256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
