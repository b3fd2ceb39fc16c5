import Foundation
import InspektTestSupport
import Testing

/// `inspekt demo` in tmux, driven like an operator: a case, eight photos, submit, the result.
@Suite("inspekt demo, end to end", .timeLimit(.minutes(2)))
struct DemoWalkAroundTests {
    @Test("a case with the eight walk-around photos uploads, then shows Available on the board")
    func walkAroundReachesAvailable() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The eight walk-around samples, each padded after its end marker to 3 MB, so that the
        // 24 MB outlast the kernel's socket buffers and the progress can be read part-way.
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let padding = Data(repeating: 0x5A, count: 3_000_000)
        for sample in try E2EEnvironment.samplePhotos().prefix(8) {
            let photo = try Data(contentsOf: URL(fileURLWithPath: sample)) + padding
            try photo.write(to: URL(fileURLWithPath: inbox + "/" + (sample as NSString).lastPathComponent))
        }
        // Throttled to 3 MB/s, and a short processing delay.
        let command = try E2EEnvironment.demoCommand([
            "--inbox", inbox, "--processing-delay", "1", "--bandwidth", "3000000",
        ])
        let tmux = try TmuxSession(command: command, environment: E2EEnvironment.variables(directory: folder))
        defer { tmux.kill() }

        try tmux.waitFor(text: "DEMO")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-4711")
        try tmux.send("F2")
        // The inbox is listed and its second pass has read every capture time (June 2024, not
        // today's copy time): from then on the rows keep their order while the digits assign.
        try tmux.waitFor("capture times of the eight photos") { screen in
            screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count == 8
        }
        for digit in 1...8 {
            try tmux.type("\(digit)")
        }
        try tmux.waitFor("all eight walk-around slots filled") { screen in
            screen.contains("Coverage 8/8") && !screen.contains("missing")
        }
        try tmux.send("F2")
        try tmux.waitFor(text: "Review")
        try tmux.send("Enter")

        // Upload progress first, caught part-way…
        let progress = try tmux.waitFor("upload progress below 100%", timeout: 20) { screen in
            screen.split(separator: "\n").contains { line in
                line.contains("Overall") && line.firstMatch(of: /[^0-9]([1-9][0-9]?)%/) != nil
            }
        }
        #expect(progress.contains("E2E-4711"))
        // …then back on the board, the result for that case.
        try tmux.send("Escape")
        let board = try tmux.waitFor("Available for E2E-4711", timeout: 40) { screen in
            screen.split(separator: "\n").contains { $0.contains("E2E-4711") && $0.contains("Available") }
        }
        #expect(board.contains("E2E-4711"))
    }

    @Test("in a folder of 458 files, a suggests the walk-around photos in capture-time order")
    func suggestByCaptureTimeInABigFolder() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // Eight photos written a→h (so h has the newest modification time) but taken h→a:
        // only their capture times put shot_h first.
        let taken = Date(timeIntervalSince1970: 1_714_564_800)  // 2024-05-01 12:00 UTC
        let letters = ["a", "b", "c", "d", "e", "f", "g", "h"]
        for (i, letter) in letters.enumerated() {
            try PhotoFixtures.writeJPEG(
                to: inbox + "/shot_\(letter).jpg", width: 64, height: 48, seed: i,
                captureTime: taken.addingTimeInterval(Double(7 - i) * 60))
        }
        // 450 more files whose header must be read (named .jpg, holding text: never candidates) make the
        // folder bigger than any small-folder limit.
        let filler = folder + "/filler.jpg"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data("not a photo".utf8)))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 946_684_800)], ofItemAtPath: filler)
        for n in 0..<450 {
            try FileManager.default.linkItem(atPath: filler, toPath: inbox + String(format: "/filler_%04d.jpg", n))
        }

        var environment = E2EEnvironment.variables(directory: folder)
        environment["TZ"] = "UTC"
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(["--inbox", inbox]), environment: environment)
        defer { tmux.kill() }
        try tmux.waitFor(text: "DEMO")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-ORDER")
        try tmux.send("F2")
        // The second pass has read the capture times once the shots show a May date instead of today's.
        try tmux.waitFor("capture times of the shots") { screen in
            let lines = screen.split(separator: "\n")
            return ["shot_a", "shot_h"].allSatisfy { name in lines.contains { $0.contains(name) && $0.contains("05-0") }
            }
        }
        try tmux.type("a")
        // Pane by pane (the inbox and the checklist share rows): the slot and the file in one pane.
        func assigned(_ screen: String, _ slot: String, _ file: String) -> Bool {
            screen.split(separator: "\n").flatMap { $0.split(separator: "│") }.contains {
                $0.contains(slot) && $0.contains(file)
            }
        }
        // The whole frame, not the first rows of one drawn part-way.
        let screen = try tmux.waitFor("suggested by capture time") { screen in
            assigned(screen, "Front ", "shot_h.jpg") && screen.contains("Coverage 8/8")
                && !screen.contains("missing")
        }
        #expect(assigned(screen, "Front ", "shot_h.jpg"))
        #expect(assigned(screen, "Front-right", "shot_a.jpg"))
        #expect(assigned(screen, "Rear ", "shot_d.jpg"))
    }
}
