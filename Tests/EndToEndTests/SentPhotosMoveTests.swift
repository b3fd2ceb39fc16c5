import Foundation
import InspektTestSupport
import Testing

/// With `INSPEKT_MOVE_SENT=1` the board moves an accepted inspection's photos to `sent/<case id>/` in the inbox.
@Suite("sent photos move out of the inbox", .timeLimit(.minutes(2)))
struct SentPhotosMoveTests {
    @Test("the eight photos of an accepted inspection end up in sent/<case id>/, every byte kept")
    func acceptedPhotosMoveToTheSentFolder() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        var originals: [String: Data] = [:]
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            let name = (sample as NSString).lastPathComponent
            try FileManager.default.copyItem(atPath: sample, toPath: inbox + "/" + name)
            originals[name] = try Data(contentsOf: URL(fileURLWithPath: sample))
        }
        var environment = E2EEnvironment.variables(directory: folder)
        environment["INSPEKT_MOVE_SENT"] = "1"
        let command = try E2EEnvironment.demoCommand(["--inbox", inbox, "--processing-delay", "3600"])
        let tmux = try TmuxSession(command: command, width: 80, height: 24, environment: environment)
        defer { tmux.kill() }

        try tmux.submitEightPhotoWalkAround(caseID: "E2E-MOVE")
        try tmux.waitFor(text: "Upload accepted", timeout: 30)

        let sent = inbox + "/sent/E2E-MOVE"
        let deadline = Date().addingTimeInterval(10)
        func moved() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: sent)) ?? []).sorted() }
        while Date() < deadline, moved().count < 8 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(moved() == originals.keys.sorted())
        for (name, bytes) in originals {
            #expect(FileManager.default.contents(atPath: sent + "/" + name) == bytes, "\(name)")
            #expect(!FileManager.default.fileExists(atPath: inbox + "/" + name), "\(name) is still in the inbox")
        }
    }
}
