import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 22, Done-when 3 (the board's part): in tmux, the inbox lists a video with its size and duration, the
/// case becomes a video walk-around, and review sends the video alone in one request.
@Suite("a video walk-around on the board, end to end", .timeLimit(.minutes(2)))
struct VideoBoardEndToEndTests {
    @Test("the board lists a video with its duration, takes it as the walk-around and sends it alone")
    func theBoardSendsAVideoWalkAround() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let video = inbox + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 102, size: 3_000_000, seed: 5), to: video)
            try PhotoFixtures.writeJPEG(to: inbox + "/front.jpg", width: 640, height: 480)
            // The video the oldest file, so that G (the list's end) highlights it.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: video)

            let board = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), width: 100, height: 30,
                environment: kiosk.boardVariables(inbox: inbox))
            defer { board.kill() }
            _ = try await board.screen("the empty board") { $0.contains("Press n to start one") }
            try board.type("n")
            _ = try await board.screen("the case form") { $0.contains("Case id") }
            try board.type("E2E-VIDEO")
            try board.send("F2")
            let listed = try await board.screen("the video listed with its size and duration", timeout: 30) { screen in
                screen.split(separator: "\n").contains {
                    $0.contains("walk.mp4") && $0.contains("3.0 MB") && $0.contains("video 1:42")
                }
            }
            #expect(listed != nil)
            try board.type("G")
            try board.type(" ")
            _ = try await board.screen("the case made a video walk-around") {
                $0.contains("Coverage: video") && $0.contains("Video walk-around")
            }
            try board.send("F2")
            _ = try await board.screen("the review") { $0.contains("none: a video walk-around films every side") }
            try board.send("Enter")
            _ = try await board.screen("the upload accepted", timeout: 60) { $0.contains("Upload accepted") }

            let entries = await simulator.ledger()
            #expect(entries.count == 1)
            #expect(entries.first?.caseID == "E2E-VIDEO")
            #expect(entries.first?.files.map(\.name) == ["video_walk.mp4"])
            #expect(entries.first?.files.map(\.size) == [3_000_000])
            #expect(try entries.first?.files.map(\.sha256) == [SubmitVideoTests.sha256sum(video)])
            let row = try await kiosk.status().first { $0["case_id"] as? String == "E2E-VIDEO" }
            #expect(row?["media"] as? String == "video", "\(row ?? [:])")
            #expect((row?["video"] as? [String: Any])?["duration_seconds"] as? Double == 102)

            // The video gone from the kiosk (inbox and sent folder alike): the detail shows the stored duration.
            try FileManager.default.removeItem(atPath: inbox)
            try board.send("Escape")
            _ = try await board.screen("the board with the case") { $0.contains("Board") && $0.contains("E2E-VIDEO") }
            try board.send("Enter")
            let detail = try await board.screen("the detail with the video's duration") { screen in
                screen.split(separator: "\n").contains { $0.contains("walk.mp4") && $0.contains("1:42") }
            }
            #expect(detail != nil)
        }
    }
}
