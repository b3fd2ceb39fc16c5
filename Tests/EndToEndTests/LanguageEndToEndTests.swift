import Foundation
import Testing

/// The real binary in tmux picks its language from the environment, the POSIX way.
@Suite("the board in the operator's language, end to end", .timeLimit(.minutes(3)))
struct LanguageEndToEndTests {
    @Test(
        "INSPEKT_LANG=hi reads Hindi, LC_ALL=es_ES.UTF-8 Spanish, an unknown language English",
        arguments: [
            (["INSPEKT_LANG": "hi"], ["केस आईडी", "3 निरीक्षण", "ड्राफ़्ट"]),
            (["LC_ALL": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"], ["Caso", "Vehículo", "3 inspecciones", "Borrador"]),
            (["LC_ALL": "xx_YY.UTF-8", "LANG": "xx_YY.UTF-8"], ["Case id", "Vehicle", "3 inspections", "Draft"]),
        ])
    func theBoardSpeaksTheLanguageAsked(language: [String: String], expected: [String]) throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = try InspektBinary.path()
        let data = folder + "/data"
        DetachedReceivers.track(dataDirectory: data)
        defer { DetachedReceivers.stop(dataDirectory: data) }
        let seeded = try Spawn.run(binary + "-bench", ["bench-ui", "seed", "--data-dir", data, "--count", "3"])
        #expect(seeded.status == 0, "\(seeded.output)")
        var environment = E2EEnvironment.variables(directory: folder)
        environment["INSPEKT_DATA_DIR"] = data
        environment["INSPEKT_API_KEY"] = "e2e-language-key"
        environment["INSPEKT_BASE_URL"] = "http://127.0.0.1:9"
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:0"
        environment["INSPEKT_INBOX"] = folder
        environment.merge(language) { _, new in new }
        let tmux = try TmuxSession(command: TmuxSession.quote(binary), width: 100, height: 30, environment: environment)
        defer { tmux.kill() }
        let screen = try tmux.waitFor("the board in its language") { screen in
            expected.allSatisfy { screen.contains($0) }
        }
        #expect(screen.contains("BENCH-00002"))
        try tmux.send("q")
    }
}
