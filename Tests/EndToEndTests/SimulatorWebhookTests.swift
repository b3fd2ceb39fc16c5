import Foundation
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `inspekt simulator --webhook URL --webhook-secret S` through the real binaries: with no reachable
/// `callback_url`, the result still reaches `inspekt receiver` through its account-wide `/webhook`
/// (`INSPEKT_WEBHOOK_SECRET`), and lands on the inspection it names.
@Suite("the simulator's account webhook", .timeLimit(.minutes(2)))
struct SimulatorWebhookTests {
    @Test func aResultComesThroughTheWebhookWhenTheCallbackURLIsUnreachable() async throws {
        let receiverPort = FreeLoopbackPort.find()
        let host = try CLI(baseURL: "http://127.0.0.1:9")
        let simulator = try host.spawn([
            "simulator", "--listen", "127.0.0.1:0", "--processing-delay", "0.3",
            "--webhook", "http://127.0.0.1:\(receiverPort)/webhook", "--webhook-secret", "s3cret",
        ])
        var processes = [simulator]
        do {
            let listening = try await CompareCommandTests.waitForText(
                "simulator listening on http://", in: host.directory + "/stdout.log")
            let cli = try CLI(baseURL: try #require(listening.split(separator: " ").last.map(String.init)))
            processes.append(
                try cli.spawn(
                    ["receiver", "--listen", "127.0.0.1:\(receiverPort)"],
                    environment: ["INSPEKT_WEBHOOK_SECRET": "s3cret"]))
            _ = try await CompareCommandTests.waitForText(
                "Receiving results on http://", in: cli.directory + "/stderr.log")

            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 640, height: 480, seed: 5)
            // Nothing listens on the discard port: only the webhook can bring the result.
            let submit = try await cli.run(
                [
                    "submit", "--case", "HOOK-1", "--vehicle", "KA01AB1234", "--photo", "front=\(photo)",
                    "--missing-reason", "front only", "--force",
                ],
                environment: ["INSPEKT_CALLBACK_BASE": "http://127.0.0.1:9"])
            #expect(submit.status == 0, "\(submit.stderr)")
            let session = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            var row: [String: Any]?
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                row = try await cli.status().first { $0["case_id"] as? String == "HOOK-1" }
                if row?["state"] as? String == "available" { break }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            #expect(row?["state"] as? String == "available", "\(row ?? [:])")
            #expect(row?["session"] as? String == session)
        } catch {
            await Self.stop(processes)
            throw error
        }
        await Self.stop(processes)
    }

    /// SIGTERM, then waits (without blocking the cooperative pool) until each has exited.
    static func stop(_ processes: [Process]) async {
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while processes.contains(where: \.isRunning), Date() < deadline {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
