import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// `inspekt submit` against the simulator refuses what the board's review refuses, and `--force`,
/// `--missing-reason` and `--again` let the operator say otherwise.
@Suite struct SubmitGateTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    /// Eight good photos, one per walk-around slot, as `--photo` arguments; another `set` writes other pictures
    /// (a photo already sent with another case is refused without --force).
    func walkAround(_ cli: CLI, replacing: [String: String] = [:], set: Int = 0) throws -> [String] {
        var arguments: [String] = []
        for (index, slot) in Self.walkAround.enumerated() {
            var path = "\(cli.directory)/\(slot)\(set == 0 ? "" : "-\(set)").jpg"
            if let other = replacing[slot] {
                path = other
            } else {
                try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: index + 1 + 100 * set)
            }
            arguments += ["--photo", "\(slot)=\(path)"]
        }
        return arguments
    }

    @Test func aTinyPhotoIsRefusedWithItsSizeAndForceSendsIt() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let tiny = cli.directory + "/tiny.jpg"
            try PhotoFixtures.writeJPEG(to: tiny, width: 200, height: 150, seed: 3)
            let photos = try walkAround(cli, replacing: ["rear": tiny])

            let refused = try await cli.run(["submit", "--case", "CASE-TINY"] + photos)
            #expect(refused.status == 2)
            #expect(
                refused.stderr.contains(
                    "Inspektlabs would reject tiny.jpg (Rear): 200×150 px, under Inspektlabs' 320×240"),
                "\(refused.stderr)")
            #expect(refused.stderr.contains("--force"))
            #expect(await simulator.ledger().isEmpty)

            let forced = try await cli.run(["submit", "--case", "CASE-TINY", "--force"] + photos)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-TINY"])
        }
    }

    @Test func darkBlurredAndDuplicatePhotosAreNamedAndRefusedWithoutATerminal() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let dark = cli.directory + "/dark.jpg"
            let soft = cli.directory + "/soft.jpg"
            try PhotoFixtures.writeJPEG(to: dark, width: 640, height: 480, seed: 4, pattern: .dark)
            try PhotoFixtures.writeJPEG(to: soft, width: 640, height: 480, seed: 5, pattern: .smooth)
            var photos = try walkAround(cli, replacing: ["left": dark, "right": soft])
            // The front photo once more, under another name, as the interior.
            let copy = cli.directory + "/copy-of-front.jpg"
            try FileManager.default.copyItem(atPath: cli.directory + "/front.jpg", toPath: copy)
            photos += ["--photo", "interior=\(copy)"]

            let refused = try await cli.run(["submit", "--case", "CASE-DOUBT"] + photos)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("Check: dark.jpg (Left side): too dark (brightness "), "\(refused.stderr)")
            #expect(refused.stderr.contains("Check: soft.jpg (Right side): looks blurred (sharpness "))
            #expect(refused.stderr.contains("Check: copy-of-front.jpg (Interior): same picture as Front (front.jpg)"))
            #expect(refused.stderr.contains("Not sent: "))
            #expect(refused.stderr.contains(" findings above. Replace the photos, or add --force to send anyway."))
            #expect(await simulator.ledger().isEmpty)
            #expect(try await cli.status().isEmpty)

            let forced = try await cli.run(["submit", "--case", "CASE-DOUBT", "--force"] + photos)
            #expect(forced.status == 0, "\(forced.stderr)")
        }
    }

    @Test func anIncompleteWalkAroundNeedsAReasonAndAnAcceptedCaseNeedsAgain() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let all = try walkAround(cli)
            _ = try walkAround(cli, set: 1)
            let frontAndRear = [
                "--photo", "front=\(cli.directory)/front-1.jpg", "--photo", "rear=\(cli.directory)/rear-1.jpg",
            ]

            let incomplete = try await cli.run(["submit", "--case", "CASE-PART"] + frontAndRear)
            #expect(incomplete.status == 2)
            #expect(
                incomplete.stderr.contains(
                    "Walk-around photos missing: Front-left, Left side, Rear-left, Rear-right, Right side, Front-right."
                ), "\(incomplete.stderr)")
            #expect(incomplete.stderr.contains("--missing-reason"))
            let withReason = try await cli.run(
                ["submit", "--case", "CASE-PART", "--missing-reason", "against a wall"] + frontAndRear)
            #expect(withReason.status == 0, "\(withReason.stderr)")

            let first = try await cli.run(["submit", "--case", "CASE-TWICE"] + all)
            #expect(first.status == 0, "\(first.stderr)")
            let session = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let second = try await cli.run(["submit", "--case", "CASE-TWICE"] + all)
            #expect(second.status == 2)
            #expect(
                second.stderr.contains(
                    "Case CASE-TWICE already has an accepted inspection on this kiosk (Processing, inspection id \(session))"
                ),
                "\(second.stderr)")
            #expect(second.stderr.contains("--again"))
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-TWICE" }.count == 1)
            // A second inspection of the case takes new photos: the first one's would be refused as sent before.
            let again = try await cli.run(
                ["submit", "--case", "CASE-TWICE", "--again"] + (try walkAround(cli, set: 2)))
            #expect(again.status == 0, "\(again.stderr)")
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-TWICE" }.count == 2)
        }
    }
}
