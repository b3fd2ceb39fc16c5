import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Photos that can be trusted, with real files, the real binary and the simulator: the pickup's photos handed
/// in again for the return under other names are marked, named and refused; a JPEG cut to a third of its
/// length is refused as incomplete.
@Suite("photos that can be trusted", .timeLimit(.minutes(3)))
struct TrustedPhotosTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    /// The pickup: eight photos written in `folder/pickup`, submitted as `caseID` for one car.
    static func submitPickup(
        _ caseID: String, run: ([String]) async throws -> CLI.Outcome, folder: String
    ) async throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder + "/pickup", withIntermediateDirectories: true)
        var arguments = ["submit", "--case", caseID, "--vehicle", "KA01AB1234"]
        var paths: [String] = []
        for (index, slot) in walkAround.enumerated() {
            let path = "\(folder)/pickup/IMG_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: 300 + index)
            arguments += ["--photo", "\(slot)=\(path)"]
            paths.append(path)
        }
        let pickup = try await run(arguments)
        #expect(pickup.status == 0, "\(pickup.stderr)")
        return paths
    }

    /// A 640×480 photo cut to a third of its length, as a copy interrupted would leave it.
    static func writeCut(to path: String, seed: Int) throws {
        try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
    }

    @Test func aReturnOfThePickupsPhotosUnderOtherNamesIsRefusedNamingThePickupAndForceSendsIt() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let pickup = try await Self.submitPickup("PICKUP-19", run: { try await cli.run($0) }, folder: cli.directory)
            // The same bytes under the names a second card would give them.
            var arguments = ["submit", "--case", "RETURN-19", "--vehicle", "KA01AB1234"]
            for (index, slot) in Self.walkAround.enumerated() {
                let copy = "\(cli.directory)/DSC_\(9000 + index).jpg"
                try FileManager.default.copyItem(atPath: pickup[index], toPath: copy)
                arguments += ["--photo", "\(slot)=\(copy)"]
            }

            let refused = try await cli.run(arguments)
            #expect(refused.status == 2)
            #expect(
                refused.stderr.contains("Check: DSC_9000.jpg (Front): already sent with PICKUP-19 (the same bytes)"),
                "\(refused.stderr)")
            #expect(refused.stderr.contains("Check: DSC_9007.jpg (Front-right): already sent with PICKUP-19"))
            #expect(refused.stderr.contains("8 photos were already sent with PICKUP-19 (the same bytes)"))
            #expect(refused.stderr.contains("--force"))
            #expect(await simulator.ledger().map(\.caseID) == ["PICKUP-19"], "nothing of the return was sent")
            #expect(try await cli.status().contains { $0["case_id"] as? String == "RETURN-19" } == false)

            let forced = try await cli.run(arguments + ["--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(await simulator.ledger().map(\.caseID) == ["PICKUP-19", "RETURN-19"])
        }
    }

    @Test func aJPEGCutToAThirdIsRefusedAsIncompleteEvenWithForce() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            var arguments = ["submit", "--case", "CASE-CUT", "--vehicle", "KA01AB1234"]
            for (index, slot) in Self.walkAround.enumerated() {
                let path = "\(cli.directory)/\(slot).jpg"
                if slot == "rear" {
                    try Self.writeCut(to: path, seed: 400)
                } else {
                    try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: 400 + index)
                }
                arguments += ["--photo", "\(slot)=\(path)"]
            }
            for extra in [[], ["--force"]] {
                let refused = try await cli.run(arguments + extra)
                #expect(refused.status == 2)
                #expect(
                    refused.stderr.contains("rear.jpg is incomplete: the file ends before its picture does"),
                    "\(refused.stderr)")
            }
            #expect(await simulator.ledger().isEmpty)
            #expect(try await cli.status().isEmpty)
        }
    }

    @Test func theBoardMarksHidesAndNamesReusedPhotosAndShowsAnIncompleteOne() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            try await drive(simulator)
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    private func drive(_ simulator: SimulatorHarness) async throws {
        let kiosk = try KioskProcesses(simulator: simulator)
        let pickup = try await Self.submitPickup("PICKUP-19", run: { try await kiosk.run($0) }, folder: kiosk.directory)
        // The return's card: the pickup's eight under new names, one new photo, and one cut to a third.
        let inbox = kiosk.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for (index, path) in pickup.enumerated() {
            try FileManager.default.copyItem(atPath: path, toPath: "\(inbox)/RET_\(index).jpg")
        }
        try PhotoFixtures.writeJPEG(to: inbox + "/NEW.jpg", width: 640, height: 480, seed: 500)
        try Self.writeCut(to: inbox + "/CUT.jpg", seed: 501)
        // Settled an hour ago: none is still arriving.
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox) {
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: inbox + "/" + name)
        }
        let tmux = try TmuxSession(
            command: TmuxSession.quote(kiosk.binary), width: 120, height: 40,
            environment: kiosk.boardVariables(inbox: inbox))
        defer { tmux.kill() }
        _ = try await tmux.screen("the pickup on the board") { $0.contains("PICKUP-19") }
        try tmux.type("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("RETURN-19")
        try tmux.send("C-n")

        func lines(_ screen: String, _ text: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.contains(text) }
        }
        // Each of the eight rows of the list, whatever its name, marked with the pickup's case id.
        func markedRows(_ screen: String) -> Set<String> {
            Set(
                lines(screen, "sent PICKUP-19").compactMap { line in
                    (0..<8).map { "RET_\($0).jpg" }.first { line.contains($0) }
                })
        }
        let marked = try await tmux.screen("the pickup's photos marked with its case id") { screen in
            markedRows(screen).count == 8 && lines(screen, "CUT.jpg").first?.contains("incomplete") == true
        }
        let photos = try #require(marked)
        #expect(lines(photos, "NEW.jpg").first?.contains("sent") == false, "\(photos)")

        // s hides them, as its help says, and shows them again.
        try tmux.type("s")
        let hidden = try await tmux.screen("the sent photos hidden") { screen in
            lines(screen, "sent PICKUP-19").isEmpty && !lines(screen, "NEW.jpg").isEmpty
                && !lines(screen, "CUT.jpg").isEmpty
                && screen.contains("Inbox 1-2 of 2")
        }
        #expect(
            hidden?.contains("Photos sent with other inspections are hidden (8 known); s shows them.") == true,
            "\(hidden ?? "")")
        try tmux.type("s")
        _ = try await tmux.screen("the sent photos shown again") { screen in
            markedRows(screen).count == 8 && screen.contains("Inbox 1-10 of 10")
        }

        // The incomplete one says so, and cannot be put on a slot.
        try tmux.type("/")
        try tmux.type("CUT")
        try tmux.send("Enter")
        _ = try await tmux.screen("the incomplete photo's preview") { screen in
            screen.contains("Inbox 1-1 of 1") && screen.contains("Cannot be sent: incomplete")
        }
        try tmux.send("Enter")
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(try tmux.capture().contains("Coverage 0/8"))
        try tmux.type("/")
        try tmux.send("Escape")
        _ = try await tmux.screen("the filter cleared") { $0.contains("Inbox 1-10 of 10") }

        // A sent one asks first, naming the pickup; at review it is named again, and Enter asks before sending.
        try tmux.type("/")
        try tmux.type("RET_0")
        try tmux.send("Enter")
        try tmux.send("Enter")
        _ = try await tmux.screen("the question before a sent photo goes on a slot") {
            $0.contains("RET_0.jpg was already sent with PICKUP-19")
        }
        try tmux.type("y")
        _ = try await tmux.screen("RET_0 on the front slot") { $0.contains("Coverage 1/8") }
        try tmux.type("n")
        let review = try await tmux.screen("the review naming the pickup") { screen in
            screen.contains("RET_0.jpg (Front): already sent with PICKUP-19 (the same bytes)")
        }
        #expect(review?.contains("no plate or VIN") == true, "\(review ?? "")")
        try tmux.send("Enter")
        _ = try await tmux.screen("the question before sending it again") { $0.contains("Send photos already sent?") }
        try tmux.type("n")
        try await Task.sleep(nanoseconds: 500_000_000)
        #expect(await simulator.ledger().map(\.caseID) == ["PICKUP-19"], "the return was not sent")
    }
}
