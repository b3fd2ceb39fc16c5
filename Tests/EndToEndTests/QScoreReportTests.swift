import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// `inspekt report` shows what Q Score said of each photo at submit (score, orientation, blur, luma), rendered by a
/// real browser one page per photo; an inspection sent without Q Score says "not checked" for each.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct QScoreReportTests {
    /// `submit --json` of `photos`; returns the inspection id (the session).
    func submit(
        _ cli: CLI, caseID: String, _ arguments: [String], environment: [String: String?]
    ) async throws
        -> String
    {
        let sent = try await cli.run(["submit", "--case", caseID, "--json"] + arguments, environment: environment)
        #expect(sent.status == 0, "\(sent.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])
        return try #require(object["inspection_id"] as? String)
    }

    /// The report's Q Score line of each photo page, in order.
    func qualityLines(_ cli: CLI, caseID: String, to path: String) async throws -> [String] {
        let report = try await cli.run(["report", caseID, "--output", path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        return html.components(separatedBy: "\n").filter { $0.hasPrefix("<p class=\"quality\">") }.map {
            $0.replacingOccurrences(of: "<p class=\"quality\">", with: "").replacingOccurrences(of: "</p>", with: "")
        }
    }

    @Test(
        .enabled(
            if: HeadlessChromium.path != nil, "chromium is not installed: scripts/install-prerequisites installs it"))
    func eachPhotoPageShowsItsQScoreFiguresOrNotChecked() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start()
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            let photos = try QScoreSubmitTests().walkAround(
                cli, set: 8, markers: ["rear-right": "qscore orientation=Right luma=3"])
            let session = try await submit(
                cli, caseID: "CASE-QR", photos, environment: ["INSPEKT_QSCORE_URL": qScore.baseURL])
            try await ReportBrowserTests.importResult(cli, session: session, caseID: "CASE-QR", images: [])
            let path = cli.directory + "/scored.html"
            let lines = try await qualityLines(cli, caseID: "CASE-QR", to: path)
            #expect(lines.count == 8, "\(lines)")
            #expect(lines.first == "Q Score 4 of 5, orientation Front, blur 4 of 5, luma 4 of 5", "\(lines)")
            let corner = lines.count == 8 ? lines[5] : ""
            #expect(corner.contains("orientation Right") && corner.contains("luma 3 of 5"), "\(corner)")
            // Rendered, the lines keep one page per photo: the first page, eight photos, the receipt.
            let pdf = cli.directory + "/scored.pdf"
            try await HeadlessChromium.printToPDF(path, to: pdf)
            #expect(try HeadlessChromium.pageCount(ofPDF: pdf) == 1 + 8 + 1)

            let unchecked = try QScoreSubmitTests().walkAround(cli, set: 9)
            let other = try await submit(
                cli, caseID: "CASE-QN", unchecked + ["--no-qscore"],
                environment: ["INSPEKT_QSCORE_URL": qScore.baseURL])
            try await ReportBrowserTests.importResult(cli, session: other, caseID: "CASE-QN", images: [])
            let none = try await qualityLines(cli, caseID: "CASE-QN", to: cli.directory + "/unchecked.html")
            #expect(none == Array(repeating: "Q Score: not checked", count: 8), "\(none)")
        }
    }
}
