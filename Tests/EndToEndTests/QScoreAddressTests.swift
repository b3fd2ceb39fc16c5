import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// `inspekt submit` with a malformed `INSPEKT_QSCORE_URL` alone: the built binary says why in words, once, leaves
/// the photos "not checked" and sends the inspection all the same.
@Suite struct QScoreAddressTests {
    @Test(arguments: ["http//nope", "ftp://x"])
    func aMalformedQScoreAddressIsSaidOnceAndNeverBlocks(_ url: String) async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let photos = try QScoreSubmitTests().walkAround(cli, set: 7)
            let sent = try await cli.run(
                ["submit", "--case", "CASE-QURL"] + photos, environment: ["INSPEKT_QSCORE_URL": url])
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(
                sent.stderr.contains(
                    "Q Score: the photos were not checked (INSPEKT_QSCORE_URL \"\(url)\" is not a web address: "
                        + "it must start with http:// or https:// and name a host); they go all the same."),
                "\(sent.stderr)")
            #expect(sent.stderr.components(separatedBy: "not checked").count == 2, "said once: \(sent.stderr)")
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-QURL"])
        }
    }
}
