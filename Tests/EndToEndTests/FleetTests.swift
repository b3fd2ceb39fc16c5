import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fleet mode through the real binaries: kiosks with their own data folders and `INSPEKT_KIOSK_ID`s share one
/// PostgreSQL (`INSPEKT_DATABASE_URL`), and one central `inspekt receiver` takes every result at the
/// account webhook.
@Suite("fleet mode", .timeLimit(.minutes(3)))
struct FleetTests {
    /// A kiosk of the fleet: its own folder, its kiosk id, the shared database.
    static func kiosk(_ id: String, baseURL: String, database: String) throws -> CLI {
        var cli = try CLI(baseURL: baseURL)
        cli.environment["INSPEKT_DATABASE_URL"] = database
        cli.environment["INSPEKT_KIOSK_ID"] = id
        // Kiosks sit behind NAT: nothing answers their callback_url, only the account webhook brings results.
        cli.environment["INSPEKT_CALLBACK_BASE"] = "http://127.0.0.1:9"
        return cli
    }

    @Test func threeKiosksAndOneCentralReceiverEachSeeTheirOwnResults() async throws {
        let database = try StoreEngine.freshDatabase().description
        let receiverPort = FreeLoopbackPort.find()
        var configuration = SimulatorConfiguration(processingDelay: 0.3)
        configuration.webhookURL = "http://127.0.0.1:\(receiverPort)/webhook"
        configuration.webhookSecret = "fleet-secret"
        let simulator = try await SimulatorHarness.start(configuration)
        let kiosks = try ["kiosk-1", "kiosk-2", "kiosk-3"].map {
            try Self.kiosk($0, baseURL: simulator.baseURL, database: database)
        }
        let migrate = try await kiosks[0].run(["db", "migrate"])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        var central = try Self.kiosk("central", baseURL: simulator.baseURL, database: database)
        central.environment["INSPEKT_WEBHOOK_SECRET"] = "fleet-secret"
        let receiver = try central.spawn(["receiver", "--listen", "127.0.0.1:\(receiverPort)"])
        let pid = receiver.processIdentifier
        do {
            try await Self.checkFleet(
                simulator: simulator, kiosks: kiosks, central: central, receiverPort: receiverPort)
        } catch {
            kill(pid, SIGTERM)
            await simulator.stop()
            throw error
        }
        kill(pid, SIGTERM)
        await simulator.stop()
    }

    /// Every kiosk submits two; the central receiver stores every result; each kiosk sees its own.
    static func checkFleet(simulator: SimulatorHarness, kiosks: [CLI], central: CLI, receiverPort: Int) async throws {
        _ = try await CompareCommandTests.waitForText(
            "Receiving results on http://", in: central.directory + "/stderr.log")
        #expect(await eventually { (try? await health(port: receiverPort)) == 200 })

        let submits = kiosks.enumerated().map { number, kiosk in Task { try await submitTwo(kiosk, number: number + 1) }
        }
        for submit in submits { try await submit.value }
        for (number, kiosk) in kiosks.enumerated() {
            let own = Set(["FLEET-\(number + 1)-1", "FLEET-\(number + 1)-2"])
            let arrived = await eventually(timeout: 30) {
                let rows = (try? await kiosk.status()) ?? []
                return rows.count == 2 && rows.allSatisfy { $0["state"] as? String == "available" }
            }
            let rows = try await kiosk.status()
            #expect(arrived, "\(kiosk.environment["INSPEKT_KIOSK_ID"] ?? ""): \(rows)")
            #expect(Set(rows.compactMap { $0["case_id"] as? String }) == own)
            #expect(rows.allSatisfy { $0["kiosk"] as? String == "kiosk-\(number + 1)" })
        }
        let fleet = try await kiosks[1].run(["status", "--json", "--all-kiosks"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(fleet.stdout.utf8)) as? [String: Any])
        let items = try #require(all["inspections"] as? [[String: Any]])
        #expect(items.count == 6)
        #expect(Set(items.compactMap { $0["kiosk"] as? String }) == ["kiosk-1", "kiosk-2", "kiosk-3"])
        #expect(items.allSatisfy { $0["state"] as? String == "available" })
        let ledger = await simulator.ledger().map(\.caseID)
        #expect(ledger.sorted() == (1...3).flatMap { kiosk in (1...2).map { "FLEET-\(kiosk)-\($0)" } }.sorted())
        let table = try await kiosks[0].run(["status", "--all-kiosks"])
        #expect(table.stdout.hasPrefix("KIOSK "), "\(table.stdout)")
    }

    @Test func resumeOnTwoHostsLeavesTheUploadToTheKioskThatCapturedIt() async throws {
        let database = try StoreEngine.freshDatabase().description
        // 8 photos of ~200 KB through a 200 KB/s server: about 8 s on the wire, time to kill the submit.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let capturing = try Self.kiosk("kiosk-a", baseURL: simulator.baseURL, database: database)
            let other = try Self.kiosk("kiosk-b", baseURL: simulator.baseURL, database: database)
            #expect(try await capturing.run(["db", "migrate"]).status == 0)
            var photos: [String] = []
            for (index, slot) in [
                "front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right",
            ].enumerated() {
                let path = "\(capturing.directory)/IMG_\(index).jpg"
                try PhotoFixtures.writeJPEG(to: path, approximateBytes: 200_000, seed: index, width: 320, height: 240)
                photos += ["--photo", "\(slot)=\(path)"]
            }
            let submit = try capturing.spawn(["submit", "--case", "FLEET-KILL"] + photos)
            #expect(
                await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived >= 200_000 }, "no bytes moved")
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(try await other.status().isEmpty, "kiosk-b lists only its own inspections")

            // Both at once, as two hosts would.
            let fromA = Task { try await capturing.run(["resume"], timeout: 90) }
            let fromB = Task { try await other.run(["resume"], timeout: 90) }
            let a = try await fromA.value
            let b = try await fromB.value
            #expect(a.status == 0, "\(a.stderr)")
            #expect(a.stdout.contains("FLEET-KILL: accepted as in"), "\(a.stdout)")
            #expect(b.status == 0, "\(b.stderr)")
            #expect(
                b.stdout.contains("FLEET-KILL: captured on kiosk kiosk-a, which holds its photos; left for it."),
                "\(b.stdout)")
            #expect(await simulator.ledger().filter { $0.caseID == "FLEET-KILL" }.count == 1)
            let fleet = try await other.run(["status", "--json", "--all-kiosks"])
            let object = try JSONSerialization.jsonObject(with: Data(fleet.stdout.utf8)) as? [String: Any]
            let rows = object?["inspections"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["kiosk"] as? String } == ["kiosk-a"])
            #expect(rows.map { $0["state"] as? String } == ["processing"])
        }
    }

    /// Two one-photo inspections from this kiosk, cases FLEET-<number>-1 and -2.
    static func submitTwo(_ kiosk: CLI, number: Int) async throws {
        for round in 1...2 {
            let photo = kiosk.directory + "/front-\(round).jpg"
            try PhotoFixtures.writeJPEG(to: photo, width: 320, height: 240, seed: number * 10 + round)
            let submit = try await kiosk.run(
                [
                    "submit", "--case", "FLEET-\(number)-\(round)", "--photo", "front=\(photo)", "--missing-reason",
                    "front only",
                    "--force",
                ])
            #expect(submit.status == 0, "\(submit.stderr)")
        }
    }

    /// GET /healthz on the receiver: its status code.
    static func health(port: Int) async throws -> Int {
        let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

/// What an operator sees when the fleet database cannot be used: the host named, the password never.
@Suite("fleet database faults", .timeLimit(.minutes(2)))
struct FleetDatabaseFaultTests {
    @Test func aDatabaseThatIsDownIsNamedWithoutItsPassword() async throws {
        var cli = try CLI(baseURL: "http://127.0.0.1:9")
        cli.environment["INSPEKT_DATABASE_URL"] =
            "postgres://fleet:hunter2-secret@127.0.0.1:\(FreeLoopbackPort.find())/fleet"
        for arguments in [
            ["status"], ["status", "--json"], ["db", "migrate"], ["receiver", "--listen", "127.0.0.1:0"],
        ] {
            let outcome = try await cli.run(arguments, timeout: 30)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.stderr.contains("127.0.0.1"), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("PostgreSQL"), "\(arguments): \(outcome.stderr)")
            #expect(!(outcome.stdout + outcome.stderr).contains("hunter2"), "\(arguments)")
        }
        let log = (try? String(contentsOfFile: cli.directory + "/data/inspekt.log", encoding: .utf8)) ?? ""
        #expect(!log.contains("hunter2"))
        let help = try await cli.run(["status", "--help"])
        #expect(!help.stdout.contains("hunter2"))
    }

    @Test func aDatabaseFromANewerInspektIsRefusedAndLeftAlone() async throws {
        let database = try StoreEngine.freshDatabase().description
        var cli = try CLI(baseURL: "http://127.0.0.1:9")
        cli.environment["INSPEKT_DATABASE_URL"] = database
        let unmigrated = try await cli.run(["status"])
        #expect(unmigrated.status == 1)
        #expect(unmigrated.stderr.contains("run `inspekt db migrate`"), "\(unmigrated.stderr)")
        #expect(try await cli.run(["db", "migrate"]).status == 0)
        #expect(try await cli.run(["status"]).status == 0)

        // A later inspekt migrated it further (psql, PostgreSQL's own client, plays that part).
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [database, "-q", "-c", "INSERT INTO inspekt_schema (version) VALUES (99)"]
        try psql.run()
        while psql.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(psql.terminationStatus == 0)
        for arguments in [["status"], ["db", "migrate"]] {
            let refused = try await cli.run(arguments)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stderr.contains("set up by a newer inspekt"), "\(arguments): \(refused.stderr)")
        }
    }
}
