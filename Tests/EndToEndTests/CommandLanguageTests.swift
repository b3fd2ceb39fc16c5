import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// The headless commands and the report speak the operator's language, chosen the POSIX way (`INSPEKT_LANG` over
/// `LC_ALL`, `LC_MESSAGES`, `LANG`); `--json` stays English, and a language without a catalog reads English.
@Suite(.timeLimit(.minutes(5)))
struct CommandLanguageTests {
    static let hindi: [String: String?] = ["INSPEKT_LANG": "hi"]
    static let spanish: [String: String?] = ["LC_ALL": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"]
    static let unknown: [String: String?] = ["LC_ALL": "xx_YY.UTF-8", "LANG": "xx_YY.UTF-8"]

    func photo(_ cli: CLI, _ name: String, seed: Int) throws -> String {
        let path = "\(cli.directory)/\(name).jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed)
        return path
    }

    @Test func submitStatusAndReportInHindiWhileJSONStaysEnglish() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let front = try photo(cli, "front", seed: 1)

            // Refusals: a case id with a space, a walk-around with missing sides.
            let badCase = try await cli.run(
                ["submit", "--case", "CASE 1", "--photo", "front=\(front)"], environment: Self.hindi)
            #expect(badCase.status == 2)
            #expect(badCase.stderr.contains("केस आईडी में खाली जगह (space) नहीं हो सकता (स्थान 5)"), "\(badCase.stderr)")
            let missing = try await cli.run(
                ["submit", "--case", "CASE-HI", "--photo", "front=\(front)"], environment: Self.hindi)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("चारों ओर के फ़ोटो छूटे हैं: आगे-बाएँ, "), "\(missing.stderr)")
            #expect(!missing.stderr.contains("Walk-around photos missing"))
            // The photo checks: a photo Inspektlabs would reject, a file that is gone.
            let tiny = cli.directory + "/tiny.jpg"
            try PhotoFixtures.writeJPEG(to: tiny, width: 200, height: 150, seed: 3)
            let gone = try await cli.run(
                [
                    "submit", "--case", "CASE-HI", "--photo", "front=\(cli.directory)/gone.jpg", "--missing-reason",
                    "धूप",
                ],
                environment: Self.hindi)
            #expect(gone.status == 2)
            #expect(gone.stderr.contains("gone.jpg अब वहाँ नहीं है"), "\(gone.stderr)")
            let small = try await cli.run(
                ["submit", "--case", "CASE-HI", "--photo", "front=\(tiny)", "--missing-reason", "धूप"],
                environment: Self.hindi)
            #expect(small.status == 2)
            #expect(
                small.stderr.contains(
                    "Inspektlabs इसे अस्वीकार करेगा: tiny.jpg (आगे): 200×150 px, Inspektlabs की न्यूनतम 320×240 से छोटी"),
                "\(small.stderr)")
            #expect(await simulator.ledger().isEmpty)

            // Accepted: the session on stdout, the warnings and where the result arrives in Hindi.
            let sent = try await cli.run(
                ["submit", "--case", "CASE-HI", "--photo", "front=\(front)", "--missing-reason", "धूप"],
                environment: Self.hindi)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout.hasPrefix("in"), "\(sent.stdout)")
            #expect(sent.stderr.contains("चेतावनी: नंबर प्लेट या VIN नहीं दिया (--vehicle)"), "\(sent.stderr)")
            #expect(sent.stderr.contains("उसे `inspekt status --case CASE-HI` से (या बोर्ड पर) देखें"), "\(sent.stderr)")
            #expect(!sent.stderr.contains("See it with"))

            let status = try await cli.run(["status"], environment: Self.hindi)
            #expect(status.status == 0, "\(status.stderr)")
            let lines = status.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("केस") == true, "\(status.stdout)")
            #expect(lines.first?.contains("निरीक्षण आईडी") == true)
            #expect(status.stdout.contains("प्रोसेस हो रहा है"))
            #expect(status.stdout.contains("नतीजे का इंतज़ार"))
            #expect(!status.stdout.contains("processing"))
            // Where results arrive, on stderr: the receiver that submit started, or none.
            #expect(
                status.stderr.contains("प्रोसेस ") || status.stderr.contains("कोई रिसीवर नहीं चल रहा"), "\(status.stderr)")
            #expect(!status.stderr.contains("Results are received") && !status.stderr.contains("(process "))
            // The columns line up by what the terminal draws, not by the characters stored.
            let header = try #require(lines.first)
            let row = try #require(lines.dropFirst().first)
            // "प्रोसेस हो रहा है" is 17 scalars, 10 clusters and 14 columns: the header's "स्थिति" (5 columns) is padded to 14.
            #expect(header.contains("स्थिति" + String(repeating: " ", count: 9 + 2) + "फ़ोटो"), "\(header)")
            #expect(row.contains("CASE-HI  प्रोसेस हो रहा है  1     in"), "\(row)")

            // Machines read --json: English whatever the language.
            let json = try await cli.run(["status", "--json"], environment: Self.hindi)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let item = try #require((object["inspections"] as? [[String: Any]])?.first)
            #expect(item["state"] as? String == "processing")
            #expect(!json.stdout.contains("निरीक्षण"))

            // The report: headings, labels, the verdict and the dates in Hindi.
            let session = sent.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await ReportBrowserTests.importResult(cli, session: session, caseID: "CASE-HI", images: [])
            let path = cli.directory + "/report-hi.html"
            let report = try await cli.run(["report", "CASE-HI", "--output", path], environment: Self.hindi)
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.contains("<html lang=\"hi\">"))
            for words in [
                "नुकसान रिपोर्ट — CASE-HI", "कोई नुकसान नहीं मिला", "<th>गाड़ी</th>", "<h2>रसीद</h2>", "नतीजा मिलने का समय", "पढ़ा गया: ओडोमीटर",
            ] {
                #expect(html.contains(words), "\(words)")
            }
            for english in ["Damage report", "Receipt", "Result received", "Inspected"] {
                #expect(!html.contains(english), "\(english)")
            }
            // Day first: 07/12/2026, not 2026-12-07.
            #expect(html.range(of: #"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d"#, options: .regularExpression) != nil)
            #expect(html.range(of: #"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"#, options: .regularExpression) == nil)

            // resume, upload-again and compare refuse in Hindi too.
            let resume = try await cli.run(["resume"], environment: Self.hindi)
            #expect(resume.stderr.contains("आगे बढ़ाने को कुछ नहीं"), "\(resume.stderr)")
            let again = try await cli.run(
                ["upload-again-as-new", "NOPE-1", "--confirm-may-bill-twice"], environment: Self.hindi)
            #expect(again.status == 2)
            #expect(again.stderr.contains("इस कियॉस्क पर कोई निरीक्षण NOPE-1 नहीं है"), "\(again.stderr)")
            let compare = try await cli.run(
                ["compare", "--before", "NOPE-1", "--after", "CASE-HI"], environment: Self.hindi)
            #expect(compare.status == 2)
            #expect(compare.stderr.contains("निरीक्षण आईडी \"NOPE-1\" नहीं है"), "\(compare.stderr)")
        }
    }

    @Test func lcAllSpanishAndAnUnknownLanguageReadEnglish() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let front = try photo(cli, "front", seed: 2)
            let arguments = ["submit", "--case", "CASE ES", "--photo", "front=\(front)"]

            let spanish = try await cli.run(arguments, environment: Self.spanish)
            #expect(spanish.status == 2)
            #expect(spanish.stderr.contains("El caso no puede contener un espacio (posición 5)"), "\(spanish.stderr)")
            let missing = try await cli.run(
                ["submit", "--case", "CASE-ES", "--photo", "front=\(front)"], environment: Self.spanish)
            #expect(missing.stderr.contains("Faltan fotos de la vuelta: "), "\(missing.stderr)")
            let sent = try await cli.run(
                ["submit", "--case", "CASE-ES", "--photo", "front=\(front)", "--missing-reason", "sol"],
                environment: Self.spanish)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stderr.contains("aviso: sin matrícula ni VIN"), "\(sent.stderr)")
            var noKey = Self.spanish
            noKey["INSPEKT_API_KEY"] = .some(nil)
            let unset = try await cli.run(arguments, environment: noKey)
            #expect(unset.status == 2)
            #expect(unset.stderr.contains("INSPEKT_API_KEY no está definida"), "\(unset.stderr)")
            let status = try await cli.run(["status"], environment: Self.spanish)
            #expect(status.stdout.hasPrefix("CASO     ESTADO"), "\(status.stdout)")
            #expect(status.stdout.contains("esperando el resultado"))

            let english = try await cli.run(arguments, environment: Self.unknown)
            #expect(english.status == 2)
            #expect(english.stderr.contains("a space (position 5)"), "\(english.stderr)")
            let englishStatus = try await cli.run(["status"], environment: Self.unknown)
            #expect(englishStatus.stdout.hasPrefix("CASE     STATE"), "\(englishStatus.stdout)")
            #expect(englishStatus.stdout.contains("waiting for the result"))
        }
    }

    @Test func qScoreRefusalsInHindi() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start()
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            let photos = try QScoreSubmitTests().walkAround(
                cli, set: 3, markers: ["rear": "qscore Q_score=2 blur=1", "front": "qscore orientation=Rear"])
            var environment = Self.hindi
            environment["INSPEKT_QSCORE_URL"] = qScore.baseURL
            let refused = try await cli.run(["submit", "--case", "CASE-QHI"] + photos, environment: environment)
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(
                refused.stderr.contains("Q Score: rear-3.jpg (पीछे): Q Score 5 में से 2, धुंधली (blur 5 में से 1)"),
                "\(refused.stderr)")
            #expect(refused.stderr.contains("Q Score: front-3.jpg (आगे): पीछे का हिस्सा दिखाती है, आगे नहीं"))
            #expect(refused.stderr.contains("नहीं भेजा गया: ऊपर 2 फ़ोटो हैं।"))
            #expect(await simulator.ledger().isEmpty)
        }
    }

    @Test func qScoreDownIsSaidInHindiAndThePhotosGo() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: .serverError))
        try await stopAfter(simulator, qScore) {
            let cli = try CLI(simulator: simulator)
            let photos = try QScoreSubmitTests().walkAround(cli, set: 4)
            var environment = Self.hindi
            environment["INSPEKT_QSCORE_URL"] = qScore.baseURL
            let sent = try await cli.run(["submit", "--case", "CASE-QDHI"] + photos, environment: environment)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stderr.contains("Q Score: फ़ोटो जाँचे नहीं गए ("), "\(sent.stderr)")
            #expect(sent.stderr.contains("); फिर भी वे भेजे जाएँगे।"))
            #expect(await simulator.ledger().map(\.caseID) == ["CASE-QDHI"])
        }
    }

    @Test func theProgressLineAndCtrlCSpeakHindi() async throws {
        // 8 photos of ~200 KB through 200 KB/s: about 8 s on the wire, long enough to draw progress and interrupt.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let submit = try kiosk.slowSubmit(case: "CASE-HICC", environment: ["INSPEKT_LANG": "hi"])
            defer { submit.finish() }
            #expect(try await kiosk.waitFor("CASE-HICC", in: ["uploading"]))
            // The rate and the time left come once a few seconds of bytes were measured.
            #expect(await eventually(timeout: 30) { submit.text.contains(" बाकी") }, "\(submit.text)")
            submit.type("\u{03}")
            let code = try await submit.exit(within: 10)
            #expect(code == 130, "submit ended with \(String(describing: code))")
            let said = submit.text
            #expect(said.contains("रोका गया: केस CASE-HICC का अपलोड Inspektlabs की पुष्टि से पहले रुक गया।"), "\(said)")
            #expect(!said.contains("Interrupted: the upload"))
        }
    }
}
