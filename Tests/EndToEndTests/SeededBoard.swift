import Foundation
import Testing

/// The real binary's board in tmux over `count` seeded inspections (`inspekt-bench bench-ui seed`), in a real
/// SQLite file, with no Inspektlabs to reach. `stop` kills the terminal, any receiver it left and the folder.
struct SeededBoard {
    let folder: String
    let data: String
    let tmux: TmuxSession

    static func start(count: Int, environment extra: [String: String] = [:]) throws -> SeededBoard {
        let folder = try E2EEnvironment.temporaryDirectory()
        let binary = try InspektBinary.path()
        let data = folder + "/data"
        DetachedReceivers.track(dataDirectory: data)
        let seeded = try Spawn.run(binary + "-bench", ["bench-ui", "seed", "--data-dir", data, "--count", "\(count)"])
        #expect(seeded.status == 0, "\(seeded.output)")
        var environment = E2EEnvironment.variables(directory: folder)
        environment["INSPEKT_DATA_DIR"] = data
        environment["INSPEKT_API_KEY"] = "e2e-board-key"
        environment["INSPEKT_BASE_URL"] = "http://127.0.0.1:9"
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:0"
        environment["INSPEKT_INBOX"] = folder
        environment.merge(extra) { _, given in given }
        let tmux = try TmuxSession(command: TmuxSession.quote(binary), width: 100, height: 30, environment: environment)
        return SeededBoard(folder: folder, data: data, tmux: tmux)
    }

    func stop() {
        tmux.kill()
        DetachedReceivers.stop(dataDirectory: data)
        try? FileManager.default.removeItem(atPath: folder)
    }
}
