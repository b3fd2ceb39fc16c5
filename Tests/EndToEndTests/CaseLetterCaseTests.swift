import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Case ids on the command line follow the board's rule: "return-7" is the case RETURN-7 when asking whether it
/// was accepted before, and a lookup that misses only by letter case names the case it found.
@Suite struct CaseLetterCaseTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    /// Eight photos of their own (`seed` apart from other sets), one per walk-around slot, as `--photo` arguments.
    func walkAround(_ cli: CLI, name: String, seed: Int) throws -> [String] {
        var arguments: [String] = []
        for (index, slot) in Self.walkAround.enumerated() {
            let path = "\(cli.directory)/\(name)-\(slot).jpg"
            try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed + index)
            arguments += ["--photo", "\(slot)=\(path)"]
        }
        return arguments
    }

    @Test func lettersInAnotherCaseAreTheSameCaseAndLookupsNameTheCaseTheyMissed() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let first = try await cli.run(["submit", "--case", "RETURN-7"] + walkAround(cli, name: "first", seed: 10))
            #expect(first.status == 0, "\(first.stderr)")

            // The same case in other letters asks for --again, as the board's review asks "Submit this case again?".
            let lower = try await cli.run(["submit", "--case", "return-7"] + walkAround(cli, name: "second", seed: 40))
            #expect(lower.status == 2)
            #expect(
                lower.stderr.contains("Case return-7 already has an accepted inspection on this kiosk as RETURN-7"),
                "\(lower.stderr)")
            #expect(lower.stderr.contains("--again"))
            #expect(await simulator.ledger().count == 1)

            // Lookups: named, never picked in its place.
            let status = try await cli.run(["status", "--case", "return-7"])
            #expect(
                status.stderr.contains("No inspections for case return-7; did you mean RETURN-7?"), "\(status.stderr)")
            #expect(!status.stdout.contains("RETURN-7"))
            let report = try await cli.run(["report", "return-7", "--output", cli.directory + "/r.html"])
            #expect(report.status == 2)
            #expect(report.stderr.contains("did you mean RETURN-7?"), "\(report.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.directory + "/r.html"))
            let compare = try await cli.run(["compare", "--before", "return-7", "--after", "RETURN-7"])
            #expect(compare.status == 2)
            #expect(compare.stderr.contains("\"return-7\"; did you mean RETURN-7?"), "\(compare.stderr)")
            // The exact case id is found as before.
            let exact = try await cli.run(["status", "--case", "RETURN-7"])
            #expect(exact.stdout.contains("RETURN-7"), "\(exact.stdout)\(exact.stderr)")
        }
    }
}
