import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Pickup and return on the board, through the real binary in tmux: `v` shows the car's inspections in time
/// order, `c` offers the pickup, Enter asks Inspektlabs (the simulator) for the comparison, and its row shows
/// on the board until its result arrives and opens as the new damage only.
@Suite("v and c on the board", .timeLimit(.minutes(4)))
struct HistoryCompareBoardTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    @Test func vShowsTheCarsHistoryAndCComparesTheReturnWithThePickup() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 0.5))
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
        let inbox = kiosk.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let variables = kiosk.boardVariables(inbox: inbox)
        // The board's own receiver takes every result, those of `inspekt submit` included.
        let callbackBase = "http://" + (variables["INSPEKT_RECEIVER_LISTEN"] ?? "")
        let tmux = try TmuxSession(command: TmuxSession.quote(kiosk.binary), width: 120, height: 40, environment: variables)
        defer { tmux.kill() }
        _ = try await tmux.screen("the empty board") { $0.contains("Press n to start one") }

        // Two accepted inspections of one car, typed two ways: pickup, then return with other photos.
        for (caseID, vehicle, seed) in [("PICKUP", "KA01AB1234", 0), ("RETURN", "ka-01 ab 1234", 100)] {
            var arguments = ["submit", "--case", caseID, "--vehicle", vehicle, "--force"]
            for (index, slot) in Self.walkAround.enumerated() {
                let path = "\(kiosk.directory)/\(caseID)_\(index).jpg"
                try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed + index)
                arguments += ["--photo", "\(slot)=\(path)"]
            }
            let submit = try await kiosk.run(arguments, environment: ["INSPEKT_CALLBACK_BASE": callbackBase])
            #expect(submit.status == 0, "\(submit.stderr)")
        }
        func line(_ screen: String, _ text: String) -> Substring? { screen.split(separator: "\n").first { $0.contains(text) } }
        let both = try await tmux.screen("both results on the board", timeout: 30) { screen in
            ["PICKUP ", "RETURN "].allSatisfy { line(screen, $0)?.contains("Available") ?? false }
        }
        try #require(both != nil)

        // `v` on the return (the newest row): the car's inspections, oldest first.
        try tmux.send("g")
        try tmux.send("v")
        let history = try await tmux.screen("the vehicle history") { $0.contains("2 inspections, oldest first") }
        let shown = try #require(history)
        let pickupAt = try #require(shown.range(of: "PICKUP")), returnAt = try #require(shown.range(of: "RETURN "))
        #expect(pickupAt.lowerBound < returnAt.lowerBound, "oldest first:\n\(shown)")
        #expect(line(shown, "▶")?.contains("RETURN") == true, "the return is highlighted:\n\(shown)")

        // `c`: the picker offers the pickup, already chosen; Enter asks for the comparison.
        try tmux.send("c")
        let picker = try await tmux.screen("the comparison picker") { screen in
            screen.contains("What is new on RETURN") && line(screen, "▶")?.contains("PICKUP") == true
        }
        #expect(picker != nil)
        try tmux.send("Enter")
        let started = try await tmux.screen("the comparison's row on the board") { screen in
            line(screen, "RETURN-CMP")?.contains("compare:") ?? false
        }
        #expect(started != nil)
        let finished = try await tmux.screen("the comparison's result on the board", timeout: 30) { screen in
            line(screen, "RETURN-CMP")?.contains("compare: Available") ?? false
        }
        #expect(finished != nil)

        // Enter on it: the new damage only, under its verdict.
        try tmux.send("g")
        try tmux.send("Enter")
        let result = try await tmux.screen("the comparison result") { screen in
            screen.contains("New damage since PICKUP") && screen.contains("Verdict")
        }
        #expect(result != nil)

        // The store agrees: one comparison of these two inspections, labelled as one by `inspekt status`.
        let rows = try await kiosk.status()
        let comparison = try #require(rows.first { $0["case_id"] as? String == "RETURN-CMP" })
        let session = { (caseID: String) in rows.first { $0["case_id"] as? String == caseID }?["session"] as? String }
        #expect(comparison["kind"] as? String == "comparison")
        #expect(comparison["before"] as? String == session("PICKUP"))
        #expect(comparison["after"] as? String == session("RETURN"))
        #expect(comparison["new_damage"] is [[String: Any]])
        #expect(await simulator.ledger().filter { $0.kind == .comparison }.count == 1)
        let text = try await kiosk.run(["status"])
        #expect(line(text.stdout, "RETURN-CMP")?.contains("comparison") == true, "\(text.stdout)")
        if let result, let verdictLine = line(result, "Verdict") {
            let parts = (comparison["new_damage"] as? [[String: Any]])?.count ?? 0
            #expect(verdictLine.contains(parts == 0 ? "No new damage" : "new damaged part"), "\(result)")
        }
    }
}
