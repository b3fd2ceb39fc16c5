import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 22, Done-when 1: `inspekt submit` with Q Score on (INSPEKT_QSCORE_URL), the built binary against the
/// damage simulator and the Q Score simulator on loopback. A blurred photo and a wrong-side photo are refused by
/// name and nothing is sent; clean photos go with their scores in `status --json`; a faulty Q Score never blocks.
@Suite struct QScoreSubmitTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    /// Eight sharp photos, one per walk-around slot, as `--photo` arguments; `markers` gives a slot's photo a Q Score
    /// marker (a JPEG comment the local checks do not read).
    func walkAround(_ cli: CLI, set: Int, markers: [String: String] = [:]) throws -> [String] {
        var arguments: [String] = []
        for (index, slot) in Self.walkAround.enumerated() {
            let path = "\(cli.directory)/\(slot)-\(set).jpg"
            let seed = index + 1 + 100 * set
            if let marker = markers[slot] {
                try PhotoFixtures.writeJPEG(to: path, seed: seed, comment: marker)
            } else {
                try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed)
            }
            arguments += ["--photo", "\(slot)=\(path)"]
        }
        return arguments
    }

    @Test func aBlurredAndAWrongSidePhotoAreRefusedByNameAndNothingIsSent() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start()
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            let on: [String: String?] = ["INSPEKT_QSCORE_URL": qScore.baseURL]
            let photos = try walkAround(
                cli, set: 1, markers: ["rear": "qscore Q_score=2 blur=1", "front": "qscore orientation=Rear"])

            let refused = try await cli.run(["submit", "--case", "CASE-QS"] + photos, environment: on)
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(
                refused.stderr.contains("Q Score: rear-1.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)"),
                "\(refused.stderr)")
            #expect(refused.stderr.contains("Q Score: front-1.jpg (Front): shows the Rear, not the Front"))
            #expect(refused.stderr.contains("Not sent: 2 photos above."))
            #expect(!refused.stderr.contains("front-left-1.jpg"), "a clean photo is not named")
            // Nothing went: no session opened, no upload byte, nothing stored.
            #expect(await simulator.ledger().isEmpty)
            #expect(await simulator.simulator.sessionsIssued() == 0)
            #expect(simulator.simulator.uploadBytesReceived == 0)
            #expect(try await cli.status().isEmpty)
            #expect(await qScore.requests().count == 8)

            // --no-qscore does not ask, --force asks and sends all the same.
            let skipped = try await cli.run(["submit", "--case", "CASE-QS", "--no-qscore"] + photos, environment: on)
            #expect(skipped.status == 0, "\(skipped.stderr)")
            #expect(!skipped.stderr.contains("Q Score"), "\(skipped.stderr)")
            #expect(await qScore.requests().count == 8)
            let forcedPhotos = try walkAround(cli, set: 2, markers: ["left": "qscore orientation=Right"])
            let forced = try await cli.run(["submit", "--case", "CASE-QF", "--force"] + forcedPhotos, environment: on)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(
                forced.stderr.contains(
                    "Q Score: left-2.jpg (Left side): shows the Right, not the Left side (sent anyway: --force)"))
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-QS", "CASE-QF"])
        }
    }

    @Test func cleanPhotosGoWithTheirScoresInStatusJSON() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start()
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            // A corner may show either of its sides; "Unclear" is never wrong.
            let photos = try walkAround(
                cli, set: 3,
                markers: ["rear-right": "qscore orientation=Right luma=3", "right": "qscore orientation=Unclear"])
            let sent = try await cli.run(
                ["submit", "--case", "CASE-QOK"] + photos, environment: ["INSPEKT_QSCORE_URL": qScore.baseURL])
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stderr.contains("Q Score: 8 photos checked, the lowest 3 of 5."), "\(sent.stderr)")
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-QOK"])

            let row = try #require(try await cli.status().first { $0["case_id"] as? String == "CASE-QOK" })
            let quality = try #require(row["photo_quality"] as? [[String: Any]])
            #expect(quality.compactMap { $0["slot"] as? String } == Self.walkAround)
            let front = try #require(quality.first)
            #expect(front["file"] as? String == "front-3.jpg")
            #expect(front["q_score"] as? Int == 4)
            #expect(front["orientation"] as? String == "Front")
            #expect(front["blur"] as? Int == 4)
            #expect(front["luma"] as? Int == 4)
            #expect(front["resolution"] as? String == "640 x 480")
            let corner = try #require(quality.first { $0["slot"] as? String == "rear-right" })
            #expect(corner["orientation"] as? String == "Right")
            #expect(corner["q_score"] as? Int == 3 && corner["luma"] as? Int == 3)
            #expect(quality.first { $0["slot"] as? String == "right" }?["orientation"] as? String == "Unclear")
            // Both hosts' tokens (JWTs start with eyJ) and the key stay out of the log.
            let log = try String(contentsOfFile: cli.directory + "/data/inspekt.log", encoding: .utf8)
            #expect(log.contains("q score asked"))
            #expect(!log.contains("eyJ"))
            #expect(!log.contains("demo-key"))
        }
    }

    /// Slow (over 5 s), 500, 401 and 403 (the account refused): the upload goes, the photos are "not checked", said
    /// once.
    @Test(arguments: [QScoreFault.slow, .serverError, .unauthorized, .forbidden])
    func aFaultyQScoreNeverBlocks(_ fault: QScoreFault) async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: fault, slowSeconds: 8))
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            // Even a photo Q Score would fault: a host that did not answer refuses nothing.
            let photos = try walkAround(cli, set: 4, markers: ["rear": "qscore Q_score=1 blur=1"])
            let sent = try await cli.run(
                ["submit", "--case", "CASE-QDOWN"] + photos, environment: ["INSPEKT_QSCORE_URL": qScore.baseURL])
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stderr.components(separatedBy: "not checked").count == 2, "said once: \(sent.stderr)")
            #expect(sent.stderr.contains("Q Score: the photos were not checked ("), "\(sent.stderr)")
            if fault == .unauthorized || fault == .forbidden {
                #expect(sent.stderr.contains("Q Score refused this account"), "\(sent.stderr)")
            }
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-QDOWN"])
            let row = try #require(try await cli.status().first { $0["case_id"] as? String == "CASE-QDOWN" })
            #expect(row["photo_quality"] == nil)
        }
    }
}
