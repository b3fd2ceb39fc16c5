import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 22, Done-when 2: `inspekt demo` in tmux with its Q Score simulator. Photos put on slots are scored in the
/// background; the checklist shows `Q 4/5` and a wrong side; review lists the doubtful photos and asks before sending.
@Suite("Q Score on the board, end to end", .timeLimit(.minutes(2)))
struct QScoreBoardEndToEndTests {
    @Test("the checklist shows scores and a wrong side, and review asks before sending them")
    func scoresOnTheChecklistAndAQuestionAtReview() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // Eight photos written oldest first, so that `a` suggests shot_1 for Front … shot_8 for Front-right. The
        // simulator reads its verdict from a JPEG comment: shot_1 shows the Rear, shot_3 scores 2 and is blurred;
        // the others score 4 on their slot's side.
        let markers = [1: "qscore orientation=Rear", 3: "qscore Q_score=2 blur=1"]
        let start = Date(timeIntervalSince1970: 1_714_564_800)
        for n in 1...8 {
            let path = inbox + "/shot_\(n).jpg"
            try PhotoFixtures.writeJPEG(to: path, seed: 700 + n, comment: markers[n] ?? "plain photo \(n)")
            try FileManager.default.setAttributes(
                [.modificationDate: start.addingTimeInterval(Double(n) * 60)], ofItemAtPath: path)
        }
        var environment = E2EEnvironment.variables(directory: folder)
        environment["TZ"] = "UTC"
        let tmux = try TmuxSession(
            command: try E2EEnvironment.demoCommand(["--inbox", inbox]), width: 120, height: 40,
            environment: environment)
        defer { tmux.kill() }
        try tmux.waitFor(text: "DEMO")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-QSCORE")
        try tmux.send("F2")
        try tmux.waitFor("the eight shots listed") { screen in
            (1...8).allSatisfy { screen.contains("shot_\($0).jpg") }
        }
        try tmux.type("a")
        // The checklist's rows, by their digit and slot (the inbox pane names the slots too).
        func row(_ screen: String, _ slot: String) -> String {
            screen.split(separator: "\n").flatMap { $0.split(separator: "│") }.first { $0.contains(slot) }.map(
                String.init) ?? ""
        }
        let board = try tmux.waitFor("every photo scored", timeout: 30) { screen in
            // All eight answered ("Q …" while a photo is asked about).
            screen.contains("Coverage 8/8") && !screen.contains("Q …")
                && row(screen, "1 ✓ Front ").contains("shows the Rear")
                && row(screen, "3 ✓ Left side").contains("Q 2/5") && row(screen, "5 ✓ Rear ").contains("Q 4/5")
        }
        #expect(row(board, "8 ✓ Front-right").contains("Q 4/5"), "\(board)")
        #expect(!row(board, "2 ✓ Front-left").contains("shows"), "\(board)")

        try tmux.send("F2")
        let review = try tmux.waitFor("review lists the doubtful photos", timeout: 20) { screen in
            screen.contains("shot_3.jpg (Left side): Q Score 2 of 5, blurred (blur 1 of 5)")
                && screen.contains("shot_1.jpg (Front): shows the Rear, not the Front")
        }
        #expect(!review.contains("! shot_2.jpg"), "\(review)")
        try tmux.send("Enter")
        let question = try tmux.waitFor("asked before sending", timeout: 20) { screen in
            screen.contains("Send photos Q Score doubts?") || screen.contains("Send doubtful photos?")
        }
        #expect(question.contains("shot_1.jpg (Front): shows the Rear"), "\(question)")
        // Going back sends nothing; saying yes sends.
        try tmux.send("n")
        try tmux.waitFor("back on the review") {
            !$0.contains("doubts?") && !$0.contains("doubtful photos?") && $0.contains("Checks")
        }
        try tmux.send("Enter")
        try tmux.waitFor(text: "doubt")
        try tmux.send("y")
        try tmux.waitFor("the upload under way", timeout: 30) { screen in
            screen.contains("Overall")
                || screen.split(separator: "\n").contains { $0.contains("E2E-QSCORE") && $0.contains("Available") }
        }
    }

    @Test("Q Score slower than 5 s holds no key back: the photos are not checked, said once, and go without a question")
    func aSlowQScoreNeverHoldsTheBoardBack() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: .slow, slowSeconds: 8))
        try await stopAfter(simulator, qScore) {
            let kiosk = try KioskProcesses(simulator: simulator)
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            for n in 1...8 {
                let path = inbox + "/slow_\(n).jpg"
                try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: 800 + n)
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(Double(n * 60 - 3600))], ofItemAtPath: path)
            }
            var environment = kiosk.boardVariables(inbox: inbox)
            environment["INSPEKT_QSCORE_URL"] = qScore.baseURL
            let tmux = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), width: 120, height: 40, environment: environment)
            defer { tmux.kill() }
            _ = try await tmux.screen("the board") { $0.contains("Press n") || $0.contains("inspections") }
            try tmux.type("n")
            _ = try await tmux.screen("case entry") { $0.contains("Case id") }
            try tmux.type("E2E-SLOWQ")
            try tmux.send("C-n")
            _ = try await tmux.screen("the inbox listed") { screen in
                (1...8).allSatisfy { screen.contains("slow_\($0).jpg") }
            }
            // Eight photos on their slots and the review open while Q Score has not answered about any of them.
            try tmux.type("a")
            _ = try await tmux.screen("photos being asked about", timeout: 3) {
                $0.contains("Coverage 8/8") && $0.contains("Q …")
            }
            try tmux.send("F2")
            let review = try await tmux.screen("the review at once", timeout: 3) {
                $0.contains("Review") && $0.contains("checking")
            }
            #expect(review != nil)
            try tmux.send("Escape")
            // The host's 5 s deadline passes: said once, each photo "Q -".
            let photos = try await tmux.screen("the photos not checked", timeout: 30) { screen in
                screen.contains("Q Score: not checked (Q Score did not answer within 5 s)") || screen.contains("Q -")
            }
            #expect(
                photos?.contains(
                    "Q Score: not checked (Q Score did not answer within 5 s); the photos go all the same.") ?? false,
                "\(photos ?? "")")
            _ = try await tmux.screen("every photo not checked", timeout: 30) {
                !$0.contains("Q …") && $0.contains("8 ✓ Front-right")
            }
            try tmux.send("F2")
            _ = try await tmux.screen("the review says so", timeout: 10) {
                $0.contains("not checked, they go all the same")
            }
            try tmux.send("Enter")
            let sent = try await tmux.screen("the upload, no question asked", timeout: 30) { screen in
                screen.contains("Overall") || screen.contains("doubts?")
            }
            #expect(sent?.contains("doubts?") == false, "\(sent ?? "")")
        }
    }
}
