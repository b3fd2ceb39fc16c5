import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 10 §2 and §3 on the board: the detail lists the damage on its photo, Enter shows the photo
/// large, `e` and `p` write the receipt and the report into the report folder and say where.
@Suite(.timeLimit(.minutes(3)))
struct DetailReportKeysTests {
    @Test func damageOnThePhotoEnterShowsItAndEAndPWriteIntoTheReportFolder() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let kiosk = try KioskProcesses(simulator: simulator)
            let sent = try await ReportBrowserTests.submit(kiosk.cli, caseID: "RENT-9", prefix: "OUT")
            try await ReportBrowserTests.importResult(
                kiosk.cli, session: sent.session, caseID: "RENT-9",
                images: [
                    ReportBrowserTests.image(sent.names[0], box: true),
                    ReportBrowserTests.image(sent.names[1], box: false),
                ])
            let reports = kiosk.directory + "/reports"
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            var variables = kiosk.boardVariables(inbox: inbox)
            variables["INSPEKT_REPORT_DIR"] = reports
            let startedIn = FileManager.default.currentDirectoryPath
            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: startedIn)) ?? [])
            let tmux = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), width: 200, height: 40, environment: variables)
            defer { tmux.kill() }

            _ = try await tmux.screen("the board with the case") { $0.contains("RENT-9") }
            try tmux.send("Enter")
            let detail = try await tmux.screen("the damage on its photo") {
                $0.contains("Damage on the photos")
                    && $0.contains("1. front bumper: dent, severity moderate (0.5), confidence 90%")
            }
            #expect(
                detail?.contains("! Available — 1 damaged part — recommendation: Review") == true, "\(detail ?? "")")
            #expect(detail?.contains("photo quality 0.90") == false, "good scores are not called out")

            try tmux.send("Enter")
            let large = try await tmux.screen("the photo shown large") { $0.contains("1 of 1. front bumper: dent") }
            #expect(large?.contains("Front — OUT_0.jpg") == true)
            try tmux.send("Escape")
            _ = try await tmux.screen("the detail again") { $0.contains("Damage on the photos") }

            try tmux.send("e")
            let receipt = "\(reports)/receipt-RENT-9-\(sent.session).json"
            _ = try await tmux.screen("the receipt's path") { $0.contains("Receipt written to \(receipt)") }
            #expect(FileManager.default.fileExists(atPath: receipt))

            try tmux.send("p")
            let report = "\(reports)/report-RENT-9-\(sent.session).html"
            _ = try await tmux.screen("the report's path") { $0.contains("Report written to \(report)") }
            let html = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
            #expect(html.contains("front bumper: dent") && !ReportText.referencesTheNetwork(html))
            // Nothing lands in the folder the program was started from.
            let after = Set((try? FileManager.default.contentsOfDirectory(atPath: startedIn)) ?? [])
            #expect(after.subtracting(before).filter { $0.hasPrefix("receipt-") || $0.hasPrefix("report-") }.isEmpty)
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }
}
