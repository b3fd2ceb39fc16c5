import Foundation
import InspektPostgres
import InspektSimulator
import InspektTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9: the fleet's PostgreSQL stops under an open board and starts again. The board stays open and says
/// so on its top line, keeps what the operator typed and chose, starts no upload (no session is asked for
/// before it can be written down), and saves and sends it once the database is back.
@Suite(
    "fleet database outage under an open board",
    .enabled(if: TestPostgresServer.isConfigured, "needs the test cluster (scripts/test)"),
    .timeLimit(.minutes(3)))
struct FleetOutageBoardTests {
    @Test func theBoardKeepsTheCaseWhileTheDatabaseIsDownAndSendsItOnceItIsBack() async throws {
        try await Self.withScene(kiosk: "desk-1") { scene in
            let tmux = try Self.openBoard(scene.kiosk)
            defer { tmux.kill() }
            try await Self.rideOut(
                server: scene.server, stopped: scene.stopped, port: scene.database.port, kiosk: scene.kiosk,
                simulator: scene.simulator,
                tmux: tmux)
        }
    }

    @Test func aDraftTypedWhileTheDatabaseIsDownOutlivesTheBoard() async throws {
        try await Self.withScene(kiosk: "desk-2") { scene in try await Self.cutOff(scene) }
    }

    @Test func aBoardOpensWhileTheDatabaseIsDownAndSavesWhatWaitedOnceItAnswers() async throws {
        try await Self.withScene(kiosk: "desk-3") { scene in try await Self.openWhileDown(scene) }
    }

    /// What each test here runs against: the shared cluster, a fresh database, a simulator and one kiosk.
    struct Scene {
        let server: TestPostgresServer
        let stopped: StoppedFlag
        let database: DatabaseURL
        let simulator: SimulatorHarness
        let kiosk: KioskProcesses
    }

    static func withScene(kiosk id: String, _ body: (Scene) async throws -> Void) async throws {
        let server = try TestPostgresServer()
        let database = try StoreEngine.freshDatabase()
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let stopped = StoppedFlag()
        // Other tests share the cluster: it is started again whatever happens here.
        defer {
            if stopped.isSet {
                do { try server.start() } catch { Issue.record(error, "the test cluster did not start again") }
            }
        }
        try await stopAfter(simulator) {
            let kiosk = KioskProcesses(
                cli: try FleetTests.kiosk(id, baseURL: simulator.baseURL, database: database.description))
            #expect(try await kiosk.run(["db", "migrate"]).status == 0)
            try await body(
                Scene(server: server, stopped: stopped, database: database, simulator: simulator, kiosk: kiosk))
        }
    }

    /// A board with a case begun and saved; then the database stopped and the case's vehicle typed (its save
    /// finds the database down). The caller kills the board.
    static func draftThenOutage(_ scene: Scene, caseID: String, vehicle: String) async throws -> TmuxSession {
        let board = try Self.openBoard(scene.kiosk)
        do {
            _ = try await board.screen("the empty board") { $0.contains("Press n to start one") }
            try board.startCase(caseID)
            try board.send("Tab")
            #expect(try await scene.kiosk.waitFor(caseID, in: ["draft"], timeout: 15))
            try scene.server.stop()
            scene.stopped.set()
            try board.type(vehicle)
            try board.send("Tab")
            return board
        } catch {
            board.kill()
            throw error
        }
    }

    /// A draft changed while the database is down, the board cut off, the database started, a new board opened.
    static func cutOff(_ scene: Scene) async throws {
        let (server, stopped, kiosk) = (scene.server, scene.stopped, scene.kiosk)
        let first = try await Self.draftThenOutage(scene, caseID: "E2E-HELD", vehicle: "B-HELD 7")
        defer { first.kill() }
        _ = try await first.screen("the top line saying the database is unreachable") {
            Self.top($0).contains("unreachable")
        }
        let held = kiosk.directory + "/data/held-drafts"
        #expect(
            await eventually(timeout: 15) {
                ((try? FileManager.default.contentsOfDirectory(atPath: held)) ?? []).count == 1
            })
        // Known to be down now: the next edit waits in the board only, and is kept in the data folder too.
        try first.send("BTab")
        try first.type("8")
        try first.send("Tab")
        // Read as the next board reads it: the draft's `.json` (a copy being written is a `.tmp-` file beside it).
        #expect(
            await eventually(timeout: 15) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: held)) ?? []
                return names.filter { $0.hasSuffix(".json") }.contains { name in
                    (try? String(contentsOfFile: held + "/" + name, encoding: .utf8))?.contains("B-HELD 78") == true
                }
            })

        // The SSH link drops (the terminal hangs up) while the database is still down, and the board ends.
        first.kill()
        #expect(await eventually(timeout: 30) { Self.processes(usingDataDirectory: kiosk.directory + "/data").isEmpty })
        try server.start()
        stopped.clear()

        let second = try Self.openBoard(kiosk)
        defer { second.kill() }
        let saved = try await second.screen("the kept draft saved by the next board", timeout: 30) {
            $0.contains("1 draft typed while the database was unreachable is saved now.")
        }
        // Its row shows what was typed while the database was down.
        let line = saved?.split(separator: "\n").first { $0.contains("E2E-HELD") }
        #expect(line?.contains("B-HELD 7") == true, "\(saved ?? "")")
        #expect(line?.contains("B-HELD 78") == true, "the edit made once the board knew the database was down")
        let row = try await kiosk.status().first { $0["case_id"] as? String == "E2E-HELD" }
        #expect(row?["state"] as? String == "draft")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: held)) ?? []).isEmpty)
    }

    /// A draft edited while the database is down and the board cut off; a new board opened while it is still
    /// down, a case begun on it; the database started.
    static func openWhileDown(_ scene: Scene) async throws {
        let (server, stopped, kiosk) = (scene.server, scene.stopped, scene.kiosk)
        let first = try await Self.draftThenOutage(scene, caseID: "E2E-BEFORE", vehicle: "B-COLD 1")
        defer { first.kill() }
        let held = kiosk.directory + "/data/held-drafts"
        let kept = { ((try? FileManager.default.contentsOfDirectory(atPath: held)) ?? []).count }
        #expect(await eventually(timeout: 15) { kept() == 1 })
        first.kill()
        #expect(await eventually(timeout: 30) { Self.processes(usingDataDirectory: kiosk.directory + "/data").isEmpty })

        // Still down: the board opens all the same, and says so at once.
        let opened = Date()
        let second = try Self.openBoard(kiosk)
        defer { second.kill() }
        let place = "database unreachable (127.0.0.1:\(scene.database.port))"
        let down = try await second.screen("a board opened while the database is down") { Self.top($0).contains(place) }
        #expect(Date().timeIntervalSince(opened) < 10, "the board took \(Date().timeIntervalSince(opened)) s to say so")
        #expect(down.map { Self.top($0).contains("nothing is lost; retrying") } == true, "\(down ?? "")")
        // Keys are answered at once: a new case is begun and typed while it is down.
        try second.startCase("E2E-COLD")
        try second.send("Tab")
        try second.type("B-COLD 2")
        try second.send("Tab")
        #expect(await eventually(timeout: 15) { kept() == 2 }, "the new case is kept in the data folder too")

        try server.start()
        stopped.clear()
        _ = try await second.screen("the top line back to normal", timeout: 30) {
            !Self.top($0).contains("unreachable")
        }
        // What the first board kept and what was typed on this one are both saved, and nothing waits any more.
        #expect(try await kiosk.waitFor("E2E-COLD", in: ["draft"], timeout: 30))
        #expect(await eventually(timeout: 15) { kept() == 0 })
        try second.send("Escape")
        _ = try await second.screen("the question on leaving the form") { $0.contains("Leave this case?") }
        try second.type("k")
        let board = try await second.screen("the board with both cases", timeout: 15) {
            $0.contains("E2E-COLD") && $0.contains("E2E-BEFORE")
        }
        let lines = board?.split(separator: "\n") ?? []
        #expect(lines.first { $0.contains("E2E-COLD") }?.contains("B-COLD 2") == true, "\(board ?? "")")
        #expect(
            lines.first { $0.contains("E2E-BEFORE") }?.contains("B-COLD 1") == true,
            "the draft the first board kept is saved by the second")
        try second.type("q")
        _ = try await second.screen("the program's end") { $0.contains("INSPEKT-EXITED-0") }
        #expect(try second.display("#{alternate_on}") == "0")
    }

    /// The board of a fleet kiosk in tmux, its inbox holding the sample photos.
    static func openBoard(_ kiosk: KioskProcesses) throws -> TmuxSession {
        let inbox = kiosk.directory + "/inbox"
        if !FileManager.default.fileExists(atPath: inbox) { try copySamplePhotos(to: inbox) }
        var variables = kiosk.boardVariables(inbox: inbox)
        for key in ["INSPEKT_DATABASE_URL", "INSPEKT_KIOSK_ID", "INSPEKT_CALLBACK_BASE"] {
            variables[key] = kiosk.environment[key]
        }
        return try TmuxSession(command: TmuxSession.quote(kiosk.binary), width: 100, height: 30, environment: variables)
    }

    /// A case begun, the database stopped, the case finished and submitted, the database started again.
    static func rideOut(
        server: TestPostgresServer, stopped: StoppedFlag, port: Int, kiosk: KioskProcesses, simulator: SimulatorHarness,
        tmux: TmuxSession
    ) async throws {
        _ = try await tmux.screen("the empty board") { $0.contains("Press n to start one") }

        try tmux.startCase("E2E-OFFLINE")
        try tmux.send("Tab")
        #expect(
            try await kiosk.waitFor("E2E-OFFLINE", in: ["draft"], timeout: 15),
            "the draft was not saved while the database was up")

        try server.stop()
        stopped.set()
        try tmux.type("B-OFF 42")
        try tmux.send("Tab")
        let place = "database unreachable (127.0.0.1:\(port))"
        let down = try await tmux.screen("the top line saying the database is unreachable") {
            Self.top($0).contains(place)
        }
        #expect(down.map { Self.top($0).contains("nothing is lost; retrying") } == true, "\(down ?? "")")
        #expect(down?.contains("B-OFF 42") == true, "what was typed stays on the form")

        // The photos and the review need no database; the submit waits for it.
        try tmux.send("C-n")
        try tmux.pickEightPhotosAndSubmit()
        let held = try await tmux.screen("the submit waiting for the database") {
            $0.contains("Waiting for the database")
        }
        #expect(held.map { Self.top($0).contains(place) } == true)
        #expect(held?.contains("E2E-OFFLINE") == true)
        #expect(await simulator.ledger().isEmpty, "nothing may be uploaded while the database is down")
        #expect(
            await simulator.simulator.sessionsIssued() == 0, "no session may be asked for before it can be written down"
        )
        #expect(simulator.simulator.uploadBytesReceived == 0)

        try server.start()
        stopped.clear()
        let back = try await tmux.screen("the top line back to normal", timeout: 30) {
            !Self.top($0).contains("unreachable")
        }
        #expect(back.map { Self.top($0).contains("inspekt") } == true)
        #expect(
            try await kiosk.waitFor("E2E-OFFLINE", in: ["processing"], timeout: 60), "the held submit did not go on")
        let row = try await kiosk.status().first { $0["case_id"] as? String == "E2E-OFFLINE" }
        #expect(row?["photos"] as? Int == 8, "the photos chosen while the database was down were saved")
        #expect(await simulator.ledger().filter { $0.caseID == "E2E-OFFLINE" }.count == 1)

        // The board's own writes move the store's change marker too: the upload screen keeps its inspection.
        _ = try await tmux.screen("the acceptance on the upload screen") { $0.contains("Upload accepted") }
        let settled = try await screenAfter(seconds: 1.5, tmux)
        #expect(settled.contains("E2E-OFFLINE") && settled.contains("Upload accepted"), "\(settled)")

        // The terminal is given back as it was.
        try tmux.send("Escape")
        _ = try await tmux.screen("the board") { Self.top($0).contains("Board") }
        try tmux.type("q")
        _ = try await tmux.screen("the quit question") { $0.contains("Quit inspekt?") }
        try tmux.type("y")
        _ = try await tmux.screen("the program's end") { $0.contains("INSPEKT-EXITED-0") }
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    /// Processes of this machine whose environment names `directory` as their data folder.
    static func processes(usingDataDirectory directory: String) -> [String] {
        let wanted = Data("INSPEKT_DATA_DIR=\(directory)\0".utf8)
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { pid in
            guard Int32(pid) != nil, Int32(pid) != getpid(),
                let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { return false }
            return environment.range(of: wanted) != nil
        }
    }

    /// The screen a moment later (what must stay, not what must come).
    static func screenAfter(seconds: Double, _ tmux: TmuxSession) async throws -> String {
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        return try tmux.capture()
    }

    /// The first line of a screen: the board's title bar.
    static func top(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// The repository's sample photos with their own times, as `inspekt demo` lays them out.
    static func copySamplePhotos(to inbox: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for photo in try E2EEnvironment.samplePhotos() {
            let copy = inbox + "/" + (photo as NSString).lastPathComponent
            try manager.copyItem(atPath: photo, toPath: copy)
            if let date = try manager.attributesOfItem(atPath: photo)[.modificationDate] {
                try manager.setAttributes([.modificationDate: date], ofItemAtPath: copy)
            }
        }
    }
}

/// Whether the test stopped the shared cluster and has not started it again yet.
final class StoppedFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
    func clear() { value.withLock { $0 = false } }
}

extension KioskProcesses {
    /// A kiosk over a command line set up elsewhere (e.g. a fleet kiosk with its database).
    init(cli: CLI) {
        var cli = cli
        cli.environment["LANG"] = "C.UTF-8"
        cli.environment["LC_ALL"] = "C.UTF-8"
        self.cli = cli
    }
}
