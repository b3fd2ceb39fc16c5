import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Pickup and return on the board, through the real binary in tmux: `v` shows the car's inspections in time
/// order, `c` offers the pickup, Enter asks Inspektlabs (the simulator) for the comparison, and its row shows
/// on the board until its result arrives; Enter opens it as the new damage only, each return photo beside the
/// pickup photo of the same part, Enter shows both large with the box, and `p` writes its report.
@Suite("v and c on the board", .timeLimit(.minutes(4)))
struct HistoryCompareBoardTests {
    /// Text as the report writes it (`&`, `<`, `>`, quotes as entities).
    enum HTMLEscape {
        static func text(_ value: String) -> String {
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
    }

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
        let reports = kiosk.directory + "/reports"
        var variables = kiosk.boardVariables(inbox: inbox)
        variables["INSPEKT_REPORT_DIR"] = reports
        // The board's own receiver takes every result, those of `inspekt submit` included.
        let callbackBase = "http://" + (variables["INSPEKT_RECEIVER_LISTEN"] ?? "")
        let tmux = try TmuxSession(
            command: TmuxSession.quote(kiosk.binary), width: 150, height: 70, environment: variables)
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
        func line(_ screen: String, _ text: String) -> Substring? {
            screen.split(separator: "\n").first { $0.contains(text) }
        }
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

        // What each result lists, as `inspekt status --json` reads the store: the comparison's new damage, and
        // damage the return shares with the pickup (the same part, the same kind), which is not new.
        let rows = try await kiosk.status()
        let comparison = try #require(rows.first { $0["case_id"] as? String == "RETURN-CMP" })
        func damage(_ caseID: String, _ key: String) -> [(part: String, kind: String)] {
            let row = rows.first { $0["case_id"] as? String == caseID }
            return (row?[key] as? [[String: Any]] ?? []).map {
                ($0["part"] as? String ?? "", $0["damage"] as? String ?? "")
            }
        }
        let newDamage = damage("RETURN-CMP", "new_damage")
        let atPickup = Set(damage("PICKUP", "damage").map { "\($0.part): \($0.kind)" })
        let seenBefore = damage("RETURN", "damage").filter { atPickup.contains("\($0.part): \($0.kind)") }
        try #require(!newDamage.isEmpty, "the seeds give the return new damage")
        try #require(!seenBefore.isEmpty, "the seeds give the return damage the pickup had")

        // Enter on it: the new damage only, photo by photo, each return photo beside a pickup photo.
        try tmux.send("g")
        try tmux.send("Enter")
        let result = try await tmux.screen("the comparison's new damage beside the pickup photos") { screen in
            screen.contains("New damage on the photos") && screen.contains("Pickup  ") && screen.contains("Return  ")
                && newDamage.allSatisfy { screen.contains("\($0.part): \($0.kind)") }
        }
        let listed = try #require(result)
        let count = newDamage.count
        #expect(listed.contains("! \(count) new damage\(count == 1 ? "" : "s") found"), "\(listed)")
        #expect(!listed.contains("Available"), "the verdict in words")
        for old in seenBefore {
            #expect(
                !listed.contains("\(old.part): \(old.kind)"),
                "\(old.part) (\(old.kind)) was there at pickup:\n\(listed)")
        }
        #expect(line(listed, "    Pickup  ")?.contains("PICKUP_") == true, "\(listed)")
        #expect(line(listed, "    Return  ")?.contains("RETURN_") == true, "\(listed)")

        // Enter: the first new damage large, the pickup photo beside the return photo with the box; Tab the next.
        for index in 0..<count {
            try tmux.send(index == 0 ? "Enter" : "Tab")
            if index > 0 { try tmux.send("Enter") }
            let large = try await tmux.screen("new damage \(index + 1) of \(count) shown large") { screen in
                screen.contains("\(index + 1) of \(count). ") && screen.contains("Pickup: ")
                    && screen.contains("Return: ")
                    && screen.contains("┏") && !screen.contains("Loading the photo")
            }
            if let large {
                let titles = try #require(line(large, "Return: "))
                #expect(
                    titles.contains("Pickup: ") && titles.contains("PICKUP_") && titles.contains("RETURN_"),
                    "side by side:\n\(large)")
                let box = try #require(line(large, "┏"))
                #expect(box.contains("┏ \(index + 1) "), "the box is numbered:\n\(large)")
                let returnAt =
                    titles.range(of: "Return: ").map { titles.distance(from: titles.startIndex, to: $0.lowerBound) }
                    ?? 0
                let boxAt = box.range(of: "┏").map { box.distance(from: box.startIndex, to: $0.lowerBound) } ?? -1
                #expect(boxAt >= returnAt, "the box is on the return photo:\n\(large)")
                #expect(!large.contains("cannot be read"), "\(large)")
            }
            try tmux.send("Escape")
            _ = try await tmux.screen("the list again") { $0.contains("New damage on the photos") }
        }

        // `p`: the comparison's report, written into the report folder.
        try tmux.send("p")
        let written = try await tmux.screen("the report's path") { $0.contains("Report written to ") }
        let path =
            try #require(written.flatMap { line($0, "Report written to ") }).split(separator: " ").last.map(String.init)
            ?? ""
        let html = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(path.hasPrefix(reports + "/report-RETURN-CMP-"), "\(path)")
        #expect(html.contains("\(count) new damage\(count == 1 ? "" : "s") found"))
        for part in newDamage { #expect(html.contains(HTMLEscape.text("\(part.part): \(part.kind)"))) }
        for old in seenBefore {
            #expect(!html.contains(HTMLEscape.text("\(old.part): \(old.kind)")), "\(old) in the report")
        }

        // The store agrees: one comparison of these two inspections, labelled as one by `inspekt status`.
        let session = { (caseID: String) in rows.first { $0["case_id"] as? String == caseID }?["session"] as? String }
        #expect(comparison["kind"] as? String == "comparison")
        #expect(comparison["before"] as? String == session("PICKUP"))
        #expect(comparison["after"] as? String == session("RETURN"))
        #expect(await simulator.ledger().filter { $0.kind == .comparison }.count == 1)
        let text = try await kiosk.run(["status"])
        #expect(line(text.stdout, "RETURN-CMP")?.contains("comparison") == true, "\(text.stdout)")
    }
}
