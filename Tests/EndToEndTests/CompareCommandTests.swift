import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 10, done-when 2 through the real binaries: `inspekt simulator`, `inspekt receiver`, two
/// `inspekt submit` of one car, `inspekt compare`, and `inspekt status --json` showing the new damage.
@Suite struct CompareCommandTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    @Test func pickupReturnCompareThroughTheBinariesShowsTheNewDamageAndALostReplyMakesNoSecondComparison() async throws
    {
        // The simulator process drops the reply to the first accepted comparison: the kiosk must find
        // out from "Inspection Id already exists" that its request was taken, and make no second one.
        let host = try CLI(baseURL: "http://127.0.0.1:9")
        let simulator = try host.spawn([
            "simulator", "--listen", "127.0.0.1:0", "--processing-delay", "0.3", "--drop-comparison-replies", "1",
        ])
        defer { kill(simulator.processIdentifier, SIGTERM) }
        let listening = try await Self.waitForText("simulator listening on http://", in: host.directory + "/stdout.log")
        let baseURL = try #require(listening.split(separator: " ").last.map(String.init))

        let cli = try CLI(baseURL: baseURL)
        let receiver = try cli.spawn(["receiver", "--listen", "127.0.0.1:0"])
        defer { kill(receiver.processIdentifier, SIGTERM) }
        let note = try await Self.waitForText("Receiving results on http://", in: cli.directory + "/stderr.log")
        let callbackBase = try #require(note.components(separatedBy: " ").first { $0.hasPrefix("http://") })
        let environment: [String: String?] = ["INSPEKT_CALLBACK_BASE": callbackBase]

        var sessions: [String: String] = [:]
        for (caseID, vehicle, seedBase) in [("PICKUP", "KA01AB1234", 0), ("RETURN", "ka-01 ab 1234", 100)] {
            var arguments = ["submit", "--case", caseID, "--vehicle", vehicle, "--force"]
            for (index, slot) in Self.walkAround.enumerated() {
                let path = "\(cli.directory)/\(caseID)_\(index).jpg"
                try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seedBase + index)
                arguments += ["--photo", "\(slot)=\(path)"]
            }
            let submit = try await cli.run(arguments, environment: environment)
            #expect(submit.status == 0, "\(submit.stderr)")
            sessions[caseID] = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let pickup = try #require(sessions["PICKUP"])
        let dropOff = try #require(sessions["RETURN"])

        let compare = try await cli.run(
            ["compare", "--before", "PICKUP", "--after", "RETURN", "--case", "CMP-1", "--json"],
            environment: environment,
            timeout: 90)
        #expect(compare.status == 0, "\(compare.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let comparison = try #require(object["inspection_id"] as? String)
        #expect(comparison.hasPrefix("in"))
        #expect(object["kind"] as? String == "comparison")
        #expect(object["before"] as? String == pickup)
        #expect(object["after"] as? String == dropOff)
        #expect(object["case_id"] as? String == "CMP-1")

        // The server holds exactly one comparison, of these two inspections.
        let comparisons = try await Self.ledger(baseURL).filter { $0.kind == .comparison }
        #expect(comparisons.map(\.session) == [comparison])
        #expect(comparisons.first?.inspectionID1 == pickup)
        #expect(comparisons.first?.inspectionID2 == dropOff)
        let simulatorLog = (try? String(contentsOfFile: host.directory + "/stderr.log", encoding: .utf8)) ?? ""
        #expect(simulatorLog.contains("comparison accepted, reply dropped"), "the fault was injected: \(simulatorLog)")

        // Every result reaches the receiver; status lists the comparison with the damage new since pickup.
        var rows: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            rows = try await cli.status()
            if rows.count == 3, rows.allSatisfy({ $0["state"] as? String == "available" }) { break }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        func row(_ session: String) throws -> [String: Any] {
            try #require(rows.first { $0["session"] as? String == session })
        }
        let compared = try row(comparison)
        #expect(compared["state"] as? String == "available", "\(rows)")
        #expect(compared["kind"] as? String == "comparison")
        #expect(compared["case_id"] as? String == "CMP-1")
        #expect(compared["before"] as? String == pickup)
        #expect(compared["after"] as? String == dropOff)
        let newDamage = try #require(compared["new_damage"] as? [[String: Any]])
        for ordinary in [try row(pickup), try row(dropOff)] {
            #expect(ordinary["kind"] as? String == "inspection")
            #expect(ordinary["damage"] is [[String: Any]])
            #expect(ordinary["recommendation"] is String)
        }
        func key(_ item: [String: Any]) -> String {
            "\(item["part"] as? String ?? "")|\(item["damage"] as? String ?? "")"
        }
        let atPickup = Set((try row(pickup)["damage"] as? [[String: Any]] ?? []).map(key))
        let expected = (try row(dropOff)["damage"] as? [[String: Any]] ?? []).filter { !atPickup.contains(key($0)) }
        #expect(!expected.isEmpty, "the return photos show damage that the pickup photos do not")
        #expect(newDamage.map(key) == expected.map(key))
        #expect(newDamage.map { $0["photo"] as? String } == expected.map { $0["photo"] as? String })
        for item in newDamage {
            #expect(Set(item.keys) == ["part", "damage", "severity", "photo"])
            #expect((item["photo"] as? String)?.contains("_RETURN_") == true, "a photo of the return inspection")
        }

        // A case id that names two inspections is refused with their list; nothing is sent.
        let again = cli.directory + "/again.jpg"
        try PhotoFixtures.writeJPEG(to: again, width: 640, height: 480, seed: 7)
        let third = try await cli.run(
            [
                "submit", "--case", "PICKUP", "--photo", "front=\(again)", "--missing-reason", "front only", "--force",
                "--again",
            ], environment: environment)
        #expect(third.status == 0, "\(third.stderr)")
        let thirdSession = third.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let ambiguous = try await cli.run(["compare", "--before", "PICKUP", "--after", "RETURN", "--case", "CMP-2"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("names 2 inspections"), "\(ambiguous.stderr)")
        #expect(ambiguous.stderr.contains(pickup) && ambiguous.stderr.contains(thirdSession), "\(ambiguous.stderr)")
        #expect(try await Self.ledger(baseURL).filter { $0.kind == .comparison }.count == 1)
    }

    /// Waits until a line containing `text` appears in the file; returns that line.
    static func waitForText(_ text: String, in path: String, seconds: Double = 60) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let content = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if let line = content.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        Issue.record("\(text) never appeared in \(path)")
        throw CancellationError()
    }

    /// `GET /__simulator/ledger` of a simulator process.
    static func ledger(_ baseURL: String) async throws -> [LedgerEntry] {
        let url = try #require(URL(string: baseURL + "/__simulator/ledger"))
        let (data, _) = try await URLSession.shared.data(from: url)
        return try Ledger.decoder.decode(Ledger.self, from: data).inspections
    }
}
