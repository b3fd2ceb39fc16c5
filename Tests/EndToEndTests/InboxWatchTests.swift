import Foundation
import Testing

/// The photos screen watches its folder: a photo copied in shows with no key pressed, and a file still
/// being written is shown as arriving until it is whole.
@Suite("watched inbox, end to end", .timeLimit(.minutes(2)))
struct InboxWatchTests {
    @Test("a photo copied into the inbox is listed without a key; a half-written one shows as arriving")
    func photosAppearWhileTheScreenIsOpen() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let samples = try E2EEnvironment.samplePhotos()
        try #require(samples.count >= 4)
        for sample in samples.prefix(2) {
            try FileManager.default.copyItem(
                atPath: sample, toPath: inbox + "/" + (sample as NSString).lastPathComponent)
        }
        let command = try E2EEnvironment.demoCommand(["--inbox", inbox])
        let tmux = try TmuxSession(
            command: command, width: 100, height: 30, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }
        try tmux.waitFor(text: "DEMO")
        try tmux.type("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-WATCH")
        try tmux.send("C-n")
        try tmux.waitFor("the two photos listed") { $0.contains("IMG_0101.jpg") && $0.contains("IMG_0102.jpg") }

        // Copied in while the screen is open; no key is pressed from here on.
        let third = (samples[2] as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: samples[2], toPath: inbox + "/" + third)
        let listed = try tmux.waitFor("\(third) listed with no key pressed", timeout: 20) { $0.contains(third) }
        #expect(listed.contains("1 new photo in the inbox."))

        // Written a piece at a time: shown as arriving while it grows.
        let fourth = (samples[3] as NSString).lastPathComponent
        let bytes = try Data(contentsOf: URL(fileURLWithPath: samples[3]))
        let target = inbox + "/" + fourth
        #expect(FileManager.default.createFile(atPath: target, contents: bytes.prefix(2_000)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try handle.seekToEnd()
        var written = 2_000
        var sawArriving = false
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !sawArriving {
            let next = min(bytes.count - 1, written + 300)
            if next > written {
                try handle.write(contentsOf: bytes[written..<next])
                written = next
            }
            let screen = try tmux.capture()
            sawArriving = screen.split(separator: "\n").contains { $0.contains(fourth) && $0.contains("arriving") }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let last = try tmux.capture()
        #expect(sawArriving, "\(fourth) was never shown as arriving:\n\(last)")
        // Finished: it settles into an ordinary row (its capture date shows).
        try handle.write(contentsOf: bytes[written...])
        try handle.close()
        try tmux.waitFor("\(fourth) complete", timeout: 20) { screen in
            screen.split(separator: "\n").contains {
                $0.contains(fourth) && !$0.contains("arriving") && $0.contains("06-01")
            }
        }
    }
}
