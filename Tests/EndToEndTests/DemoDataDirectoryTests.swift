import Foundation
import Testing

/// `inspekt demo` with INSPEKT_DATA_DIR: the board says where the data lives, and a draft survives a restart.
@Suite("inspekt demo keeps its data in INSPEKT_DATA_DIR", .timeLimit(.minutes(2)))
struct DemoDataDirectoryTests {
    @Test("a draft made in the demo is on the board again after a restart; the banner fits 80 columns")
    func draftSurvivesARestart() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = folder + "/kept"
        var environment = E2EEnvironment.variables(directory: folder)
        environment["INSPEKT_DATA_DIR"] = kept
        let command = try E2EEnvironment.demoCommand()

        let first = try TmuxSession(command: command, width: 120, height: 30, environment: environment)
        defer { first.kill() }
        let board = try first.waitFor(text: "Demo data in \(kept) (INSPEKT_DATA_DIR)")
        #expect(board.contains("DEMO"))
        try first.type("n")
        try first.waitFor(text: "Case id")
        try first.type("E2E-KEPT")
        try first.send("Tab")
        try first.send("Escape")
        try first.waitFor(text: "Leave this case?")
        try first.type("k")
        try first.waitFor("the draft on the board") { $0.contains("Board") && $0.contains("E2E-KEPT") }
        try first.type("q")
        try first.waitFor(text: "INSPEKT-EXITED-0")
        #expect(FileManager.default.fileExists(atPath: kept))

        // Again, at 80 columns: the same data, and the banner whole in the title bar.
        let second = try TmuxSession(command: command, width: 80, height: 24, environment: environment)
        defer { second.kill() }
        let again = try second.waitFor("the kept draft") { $0.contains("E2E-KEPT") }
        let title = again.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.contains("DEMO: local simulator :"), "banner cut: \(title)")
        #expect(!title.contains("…"))
    }
}
