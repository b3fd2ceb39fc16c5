import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §2 and §5 through the real binary: hostile server text, file names and numbers reach the
/// terminal escaped (text and --json) and never crash `inspekt status`.
@Suite(.timeLimit(.minutes(5))) struct HostileOutputTests {
    /// Characters that must never reach a terminal raw.
    static func hidden(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: false  // the program's own line breaks
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: true
            default: false
            }
        }
    }

    private func submit(_ cli: CLI, caseID: String, photo: String) async throws -> String {
        let outcome = try await cli.run([
            "submit", "--case", caseID, "--photo", "front=\(photo)", "--missing-reason", "front only", "--force",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aHostileServerMessageIsEscapedInStatusAndInStatusJSON() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 320, height: 240, seed: 3)
            let session = try await submit(cli, caseID: "CASE-EVIL", photo: photo)

            let message = "Bad\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}gpj.exe \\ end\u{85}\u{2028}\u{FEFF}"
            let result: [String: Any] = [
                "status": "Rejected", "inspectionId": session, "caseId": "CASE-EVIL", "message": message,
            ]
            let file = cli.directory + "/result.json"
            try JSONSerialization.data(withJSONObject: result).write(to: URL(fileURLWithPath: file))
            let imported = try await cli.run(["import-result", file])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(Self.hidden(imported.stdout + imported.stderr).isEmpty, "\(imported.stdout)")

            let text = try await cli.run(["status"])
            #expect(text.status == 0)
            #expect(Self.hidden(text.stdout + text.stderr).isEmpty, "\(text.stdout.debugDescription)")
            #expect(
                text.stdout.contains(#"rejected: Bad\e[2J\e]0;pwned\x07\u{202e}gpj.exe \\ end\x85\u{2028}\u{feff}"#),
                "\(text.stdout)")

            let json = try await cli.run(["status", "--json"])
            #expect(json.status == 0)
            #expect(Self.hidden(json.stdout).isEmpty, "\(json.stdout.debugDescription)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let row = try #require((object["inspections"] as? [[String: Any]])?.first)
            #expect(row["reason"] as? String == message)  // the value is unchanged; only its spelling is escaped
        }
    }

    @Test func aHostileFileNameIsEscapedOnStderrAndInJSON() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let name = "x\u{1B}]0;pwned\u{07}\u{202E}\\y.jpg"
            try Data("not a photo".utf8).write(to: URL(fileURLWithPath: cli.directory + "/" + name))
            for json in [false, true] {
                let outcome = try await cli.run(
                    [
                        "submit", "--case", "CASE-NAME", "--photo", "front=\(cli.directory)/\(name)",
                        "--missing-reason", "front only", "--force",
                    ] + (json ? ["--json"] : []))
                #expect(outcome.status == 2)
                #expect(Self.hidden(outcome.stdout + outcome.stderr).isEmpty, "\(outcome.stderr.debugDescription)")
                #expect(
                    outcome.stderr.contains(#"x\e]0;pwned\x07\u{202e}\\y.jpg is named as jpeg"#), "\(outcome.stderr)")
            }
            #expect(await simulator.ledger().isEmpty)
        }
    }

    @Test func statusShowsEveryHostileResultWithoutCrashing() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 320, height: 240, seed: 4)
            let count = HostileResults.all(session: "", caseID: "").count
            for index in 0..<count {
                let caseID = "CASE-HOSTILE-\(index)"
                let session = try await submit(cli, caseID: caseID, photo: photo)
                let (name, document) = HostileResults.all(session: session, caseID: caseID)[index]
                let file = cli.directory + "/hostile-\(index).json"
                try document.write(to: URL(fileURLWithPath: file))
                let imported = try await cli.run(["import-result", file])
                #expect(imported.status == 0, "\(name): \(imported.stderr)")
            }
            let text = try await cli.run(["status"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.components(separatedBy: "available: ").count - 1 == count, "\(text.stdout)")
            #expect(text.stdout.contains("CASE-HOSTILE-5  available"), "\(text.stdout)")
            #expect(text.stdout.contains("available: 40 damaged parts"), "\(text.stdout)")

            let json = try await cli.run(["status", "--json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let rows = try #require(object["inspections"] as? [[String: Any]])
            #expect(rows.count == count)
            #expect(rows.allSatisfy { $0["verdict"] as? String == "Available" && $0["damaged_parts"] is Int })
        }
    }

    @Test func submitSaysWhereTheResultArrivesAndWarnsOnceWhenItCannot() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let photo = cli.directory + "/front.jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 320, height: 240, seed: 5)
            func submit(_ caseID: String, _ environment: [String: String?]) async throws -> String {
                let outcome = try await cli.run(
                    [
                        "submit", "--case", caseID, "--photo", "front=\(photo)", "--missing-reason", "front only",
                        "--force",
                    ], environment: environment)
                #expect(outcome.status == 0, "\(outcome.stderr)")
                return outcome.stderr
            }

            let local = try await submit("CASE-WHERE", ["INSPEKT_CALLBACK_BASE": "http://127.0.0.1:8787"])
            #expect(local.contains("Inspektlabs will post the result to http://127.0.0.1:8787"), "\(local)")
            #expect(local.contains("inspekt status --case CASE-WHERE"))
            #expect(local.contains("inspekt import-result FILE"))
            #expect(!local.contains("/callbacks/"))  // the address's token stays private
            #expect(!local.contains("cannot reach"))

            // 0.0.0.0 reaches the simulator on this machine, but is not a loopback name: an API elsewhere.
            let port = try #require(URLComponents(string: simulator.baseURL)?.port)
            let far = try await submit("CASE-FAR", ["INSPEKT_BASE_URL": "http://0.0.0.0:\(port)"])
            #expect(far.components(separatedBy: "Results cannot reach this kiosk").count == 2, "said once:\n\(far)")
            #expect(far.contains("Set INSPEKT_CALLBACK_BASE to the public https:// address"), "\(far)")
            #expect(far.contains("The result cannot be delivered to this kiosk"), "\(far)")
            #expect(far.contains("inspekt import-result FILE"))

            let plain = try await submit(
                "CASE-PLAIN",
                [
                    "INSPEKT_BASE_URL": "http://0.0.0.0:\(port)",
                    "INSPEKT_CALLBACK_BASE": "http://kiosk.example.com:8787",
                ])
            #expect(
                plain.contains(
                    "INSPEKT_CALLBACK_BASE is http://kiosk.example.com:8787: results will travel unencrypted"),
                "\(plain)")
            #expect(plain.contains("Inspektlabs will post the result to http://kiosk.example.com:8787"))
            #expect(await simulator.ledger().count == 3)
        }
    }
}
