import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 20 §3: a real `inspekt receiver` process, with its default limits, under 2,000 connections that
/// send half a request line or half their headers and then nothing.
@Suite("the receiver under abuse", .timeLimit(.minutes(4)))
struct ReceiverUnderAbuseTests {
    static let stalledCount = 2000

    @Test(
        "2,000 stalled connections: /healthz answers, a real result is stored, all are closed within a minute, under 150 MB"
    )
    func stalledConnections() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let receiver = try Self.spawnWithTheUsualFileLimit(kiosk)
            defer { kill(receiver.processIdentifier, SIGKILL) }
            let base = try #require(try await kiosk.waitForListening(output: "receiver"))
            let port = try #require(base.split(separator: ":").last.flatMap { Int($0) })
            // Started with the usual soft limit of 1,024 open files, it raised it to the hard limit.
            let files = try #require(Self.openFilesLimits(of: receiver.processIdentifier))
            #expect(
                files.soft == files.hard,
                "the receiver kept a soft limit of \(files.soft) open files (hard \(files.hard))")

            // An inspection waiting for its result, whose callback address went to the simulator.
            let photo = kiosk.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 5)
            let submit = try await kiosk.run(
                [
                    "submit", "--case", "ABUSE-1", "--photo", "front=\(photo)", "--missing-reason", "front only",
                    "--force",
                ])
            #expect(submit.status == 0, "\(submit.stderr)")
            let entry = try #require(await simulator.ledger().first { $0.caseID == "ABUSE-1" })
            let callbackPath = try #require(entry.callbackURL.flatMap { URL(string: $0)?.path })

            let opening = ContinuousClock.now
            let stalled = try await StalledConnections.open(count: Self.stalledCount, port: port) { index in
                index % 2 == 0
                    ? "POST /callbacks/0123456789abcdef01" : "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"
            }
            defer { stalled.closeAll() }
            let opened = ContinuousClock.now

            // A generous wait: the figure is printed, and a full parallel run slows the receiver's catching up.
            let health = try await RawSocket.exchange(
                port: port,
                request: Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8),
                timeoutSeconds: 30)
            let healthSeconds = Self.seconds(ContinuousClock.now - opened)
            #expect(
                String(decoding: health, as: UTF8.self).hasPrefix("HTTP/1.1 200"),
                "\(String(decoding: health, as: UTF8.self))")

            let document = try JSONSerialization.data(
                withJSONObject: [
                    "status": "Available", "caseId": "ABUSE-1", "inspectionId": entry.session,
                    "relevantImages": [[String: Any]](),
                ] as [String: Any])
            let delivering = ContinuousClock.now
            let delivery = try await Self.post(port: port, path: callbackPath, document: document)
            let deliverySeconds = Self.seconds(ContinuousClock.now - delivering)
            #expect(delivery.hasPrefix("HTTP/1.1 200"), "\(delivery)")
            #expect(try await kiosk.state(of: "ABUSE-1") == "available")

            let left = try await stalled.waitUntilOpen(atMost: 0, seconds: 60)
            let closedSeconds = Self.seconds(ContinuousClock.now - opened)
            #expect(left == 0, "\(left) stalled connections still open a minute after they were opened")
            #expect(ProcessLife.isRunning(receiver.processIdentifier), "the receiver did not survive")
            let peak = try #require(Self.peakMemoryKB(of: receiver.processIdentifier))
            #expect(peak < 150 * 1024, "the receiver's peak memory was \(peak / 1024) MB")
            print(
                """
                receiver under abuse: \(Self.stalledCount) stalled connections opened in \(Self.format(Self.seconds(opened - opening))) s; \
                /healthz answered in \(Self.format(healthSeconds)) s; a real result stored in \(Self.format(deliverySeconds)) s; \
                all stalled closed \(Self.format(closedSeconds)) s after the last opened; receiver VmHWM \(peak / 1024) MB (\(peak) kB)
                """)
        }
    }

    @Test("a webhook result for an inspection not stored is kept, and `status` counts it with when it expires")
    func unmatchedResultsCounted() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let receiver = try kiosk.cli.spawn(
                ["receiver"], environment: ["INSPEKT_WEBHOOK_SECRET": "s3cret"], output: "receiver")
            defer { kill(receiver.processIdentifier, SIGKILL) }
            let base = try #require(try await kiosk.waitForListening(output: "receiver"))
            let port = try #require(base.split(separator: ":").last.flatMap { Int($0) })
            let document = Data(
                #"{"status":"Available","caseId":"ELSEWHERE-1","inspectionId":"in000920250101000000"}"#.utf8)
            let reply = try await Self.post(
                port: port, path: "/webhook", document: document, headers: "X-Inspekt-Secret: s3cret\r\n")
            #expect(reply.hasPrefix("HTTP/1.1 202"), "\(reply)")

            let json = try await kiosk.run(["status", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let unmatched = try #require(object?["unmatched_results"] as? [String: Any], "\(json.stdout)")
            #expect(unmatched["waiting"] as? Int == 1)
            #expect(unmatched["expire_after_days"] as? Int == 7)
            let text = try await kiosk.run(["status"])
            #expect(
                text.stderr.contains("1 unmatched result waits for its inspection; it expires 7 days after it came."),
                "\(text.stderr)")
        }
    }

    /// A JSON POST on a connection of its own; the reply as text.
    static func post(port: Int, path: String, document: Data, headers: String = "") async throws -> String {
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(headers)"
            + "Content-Length: \(document.count)\r\nConnection: close\r\n\r\n"
        let reply = try await RawSocket.exchange(
            port: port, request: Array(head.utf8) + Array(document), timeoutSeconds: 30)
        return String(decoding: reply, as: UTF8.self)
    }

    /// `inspekt receiver` with the defaults, started under a soft limit of 1,024 open files as a login shell has.
    static func spawnWithTheUsualFileLimit(_ kiosk: KioskProcesses) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -S -n 1024 && exec \"$0\" receiver", kiosk.binary]
        process.environment = kiosk.environment
        for (name, path) in [("out", "receiver.out"), ("err", "receiver.err")] {
            FileManager.default.createFile(atPath: kiosk.directory + "/" + path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: kiosk.directory + "/" + path))
            if name == "out" { process.standardOutput = handle } else { process.standardError = handle }
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The soft and hard `Max open files` of a process.
    static func openFilesLimits(of pid: Int32) -> (soft: String, hard: String)? {
        guard let limits = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8),
            let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") })
        else { return nil }
        let fields = line.dropFirst("Max open files".count).split(whereSeparator: \.isWhitespace)
        return fields.count >= 2 ? (String(fields[0]), String(fields[1])) : nil
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }

    /// The process's peak resident memory (`VmHWM`), in kB.
    static func peakMemoryKB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Int($0) }
    }
}
