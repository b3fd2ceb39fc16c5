import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// A video walk-around whose upload may have been accepted goes again as a new inspection as photos do: a second
/// session, the same video alone, and a receipt naming the bytes the simulator received.
@Suite struct VideoUploadAgainTests {
    @Test func aVideoThatMayHaveBeenAcceptedGoesAgainAsNewWithTheSameBytes() async throws {
        // The first upload is accepted but answered 504: with one attempt allowed, it is left unconfirmed.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let path = cli.directory + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 64, size: 2_200_000, seed: 11), to: path)
            let submit = try await cli.run(
                ["submit", "--case", "CASE-VAGAIN", "--video", path], environment: ["INSPEKT_MAX_ATTEMPTS": "1"])
            #expect(submit.status != 0, "\(submit.stdout)")
            let first = await simulator.ledger()
            #expect(first.count == 1)
            let row = try #require(try await cli.status().first)
            // What upload-again-as-new takes: a failed upload, or one that may have been accepted.
            #expect(["failed-retryable", "may-have-been-accepted"].contains(row["state"] as? String), "\(row)")

            let again = try await cli.run(
                ["upload-again-as-new", "CASE-VAGAIN", "--confirm-may-bill-twice"], timeout: 90)
            #expect(again.status == 0, "\(again.stderr)")
            let both = await simulator.ledger()
            #expect(both.count == 2)
            let second = try #require(both.first { $0.session != first.first?.session })
            #expect(again.stdout.contains("accepted as a new inspection \(second.session)"), "\(again.stdout)")
            #expect(second.files.map(\.name) == ["video_walk.mp4"])
            let sha256 = try SubmitVideoTests.sha256sum(path)
            #expect(both.map { $0.files.map(\.sha256) } == [[sha256], [sha256]])

            let html = try await SubmitVideoTests.receipt(cli, caseID: second.session)
            #expect(html.contains("<td class=\"hash\">\(sha256)</td><td>verified (video, not embedded)</td>"))
            #expect(html.contains("walk.mp4, 2200000 B, 1:04"))
            let rows = try await cli.status()
            #expect(rows.contains { $0["session"] as? String == second.session && $0["media"] as? String == "video" })
        }
    }
}
