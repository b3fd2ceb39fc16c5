import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// `inspekt report` writes one self-contained HTML file that a real browser (headless Chromium, no network)
/// renders with the damage boxes where the result puts them, and prints the first page (what a customer signs),
/// one A4 page per photo, and the receipt.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ReportBrowserTests {
    /// The boxes' dark stroke (`HTMLReport.boxDark`).
    static let box = ReportEvidenceTests.dark

    @Test(
        .enabled(
            if: HeadlessChromium.path != nil, "chromium is not installed: scripts/install-prerequisites installs it"))
    func anAvailableInspectionRendersWithItsBoxOnePagePerPhotoAndNoNetwork() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let cli = try CLI(simulator: simulator)
            let sent = try await Self.submit(cli, caseID: "RENT-7", prefix: "OUT", notes: "<b>keys & fuel</b>")
            // One box on the front photo (x 0.3, y 0.4, 0.3 × 0.2 of it), none on the rear; the rear photo scores poorly.
            try await Self.importResult(
                cli, session: sent.session, caseID: "RENT-7",
                images: [
                    Self.image(sent.names[0], box: true),
                    Self.image(sent.names[1], box: false, quality: 0.4, blur: 0.9),
                ])

            // No --output and no INSPEKT_REPORT_DIR: ~/inspekt-reports, made now, and the path is printed.
            let folder = cli.directory + "/inspekt-reports"
            #expect(!FileManager.default.fileExists(atPath: folder))
            let report = try await cli.run(["report", "RENT-7"])
            #expect(report.status == 0, "\(report.stderr)")
            let path = report.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(path == folder + "/report-RENT-7-\(sent.session).html")
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!ReportText.referencesTheNetwork(html), "a network reference in the report")
            #expect(!html.contains("<script"))
            #expect(
                html.components(separatedBy: "src=\"data:image/jpeg;base64,").count == 4,
                "both photos and the damage's close-up")
            #expect(html.contains("! 1 damage found") && html.contains("Inspektlabs recommends: Review"))
            #expect(!html.contains("Available"))
            #expect(html.contains("&lt;b&gt;keys &amp; fuel&lt;/b&gt;"), "the notes are escaped")
            #expect(html.contains("front bumper: dent, severity moderate (0.5), confidence 90%"))
            #expect(html.contains("quality 0.40 (poor), blur 0.90 (blurred)"))
            #expect(html.contains(try #require(sent.sha256.first)), "the receipt lists the SHA-256 of each file")

            // Rendered: the box is drawn where the result puts it. The first photo's frame starts 24 px from
            // the left and is 440 px wide (a 640×480 photo: 330 px high), so the box is 132 × 66 px from x = 156.
            // (The script finds outlines only: the photo shows inside the box.)
            let png = cli.directory + "/report.png"
            try await HeadlessChromium.screenshot(path, to: png, width: 800, height: 2000)
            let boxes = try BoxContrast.boxes(in: png, red: Self.box.red, green: Self.box.green, blue: Self.box.blue)
            #expect(
                boxes.contains { abs($0.minX - 156) <= 4 && abs($0.width - 132) <= 6 && abs($0.height - 66) <= 6 },
                "\(boxes)")

            let pdf = cli.directory + "/report.pdf"
            try await HeadlessChromium.printToPDF(path, to: pdf)
            #expect(
                try HeadlessChromium.pageCount(ofPDF: pdf) == 1 + 2 + 1,
                "the first page, one page per photo, the receipt")

            // A case id that names two inspections is refused with their list, and nothing is written.
            _ = try await Self.submit(cli, caseID: "RENT-7", prefix: "AGAIN", again: true)
            let ambiguous = try await cli.run(["report", "RENT-7", "--output", cli.directory + "/never.html"])
            #expect(ambiguous.status == 2)
            #expect(
                ambiguous.stderr.contains("names 2 inspections") && ambiguous.stderr.contains(sent.session),
                "\(ambiguous.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.directory + "/never.html"))
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test(
        .enabled(
            if: HeadlessChromium.path != nil, "chromium is not installed: scripts/install-prerequisites installs it"))
    func aComparisonShowsOnlyTheNewDamageWithPickupAndReturnSideBySide() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let cli = try CLI(simulator: simulator)
            let pickup = try await Self.submit(cli, caseID: "PICKUP", prefix: "OUT")
            let dropOff = try await Self.submit(cli, caseID: "RETURN", prefix: "BACK")
            let compare = try await cli.run(["compare", "--before", "PICKUP", "--after", "RETURN", "--case", "CMP-1"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let comparison = compare.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // New damage on the return's front photo only.
            try await Self.importResult(
                cli, session: comparison, caseID: "CMP-1",
                images: [
                    Self.image(dropOff.names[0], box: true), Self.image(dropOff.names[1], box: false),
                ])

            let output = cli.directory + "/handover.html"
            let report = try await cli.run(
                ["report", "CMP-1", "--output", output], environment: ["INSPEKT_REPORT_DIR": cli.directory + "/unused"])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == output)
            let html = try String(contentsOfFile: output, encoding: .utf8)
            #expect(!ReportText.referencesTheNetwork(html))
            #expect(html.contains("! 1 new damage found"))
            #expect(html.contains("agent Ana"), "each side's agent")
            #expect(
                html.contains("Pickup: OUT_0.jpg") && html.contains("Return: BACK_0.jpg"), "the front pair side by side"
            )
            #expect(!html.contains("Return: BACK_1.jpg"), "a photo without new damage gets no page")
            #expect(html.components(separatedBy: "<img ").count == 4, "one pair of photos, and the damage's close-up")
            #expect(html.contains(pickup.session) && html.contains(dropOff.session))
            #expect(
                dropOff.sha256.allSatisfy(html.contains) && pickup.sha256.allSatisfy(html.contains),
                "both sides' receipt")

            // The return photo is the right one of the pair (320 px each, 12 px apart, from x = 24): its box at x = 452.
            let png = cli.directory + "/comparison.png"
            try await HeadlessChromium.screenshot(output, to: png, width: 800, height: 2000)
            let boxes = try BoxContrast.boxes(in: png, red: Self.box.red, green: Self.box.green, blue: Self.box.blue)
            #expect(boxes.contains { abs($0.minX - 452) <= 4 && abs($0.width - 96) <= 6 }, "\(boxes)")
            let pdf = cli.directory + "/comparison.pdf"
            try await HeadlessChromium.printToPDF(output, to: pdf)
            #expect(
                try HeadlessChromium.pageCount(ofPDF: pdf) == 1 + 1 + 1,
                "the first page, the one photo with new damage, the receipt")
            #expect(!FileManager.default.fileExists(atPath: cli.directory + "/unused"), "--output wins over the folder")
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    // MARK: Helpers

    struct Sent {
        var session: String
        /// Part names as uploaded (`front_OUT_0.jpg`), front then rear.
        var names: [String]
        var sha256: [String]
    }

    /// `inspekt submit` of two 640×480 photos (front and rear) named `<prefix>_0.jpg`, `<prefix>_1.jpg`.
    static func submit(
        _ cli: CLI, caseID: String, prefix: String, notes: String = "", again: Bool = false
    ) async throws -> Sent {
        var arguments = [
            "submit", "--case", caseID, "--vehicle", "KA01AB1234", "--agent-name", "Ana", "--notes", notes,
            "--missing-reason", "two photos only", "--force", "--json",
        ]
        if again { arguments.append("--again") }
        var names: [String] = []
        for (index, slot) in ["front", "rear"].enumerated() {
            let path = "\(cli.directory)/\(prefix)_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: prefix.count * 10 + index)
            arguments += ["--photo", "\(slot)=\(path)"]
            names.append("\(slot)_\(prefix)_\(index).jpg")
        }
        let outcome = try await cli.run(arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let files = object["files"] as? [[String: Any]] ?? []
        return Sent(
            session: try #require(object["inspection_id"] as? String), names: names,
            sha256: files.compactMap { $0["sha256"] as? String })
    }

    /// A relevant image of a result JSON, with one dent box or none.
    static func image(_ name: String, box: Bool, quality: Double = 0.9, blur: Double = 0.1) -> [String: Any] {
        let boxes: [[String: Any]] =
            box
            ? [
                [
                    "partComponent": "front bumper", "damageType": "dent", "damageSeverityScore": 0.5,
                    "confidenceScore": 0.9,
                    // Corners in pixels of the 640×480 image (API.md §3): x 0.3, y 0.4, 0.3 × 0.2 of it.
                    "coordinates": [192, 192, 384, 288],
                ]
            ] : []
        return [
            "originalImageId": name, "qualityScore": quality, "blurScore": blur, "imageWidth": 640, "imageHeight": 480,
            "boundingBoxInformation": boxes,
        ]
    }

    /// `inspekt import-result` of an Available result with these images (as a trial account downloads it).
    static func importResult(_ cli: CLI, session: String, caseID: String, images: [[String: Any]]) async throws {
        let damaged = images.contains { !(($0["boundingBoxInformation"] as? [Any]) ?? []).isEmpty }
        let document: [String: Any] = [
            "status": "Available", "caseId": caseID, "inspectionId": session, "vendor": "Inspektlabs", "version": "1",
            "uploadStatus": "incomplete upload", "vehicleType": "car", "relevantImages": images,
            "vehicleReadings": ["odometerReading": "48213", "make": "Toyota", "model": "Corolla"],
            "preInspection": ["recommendationStatus": damaged ? "Review" : "Approved", "message": "Checked."],
        ]
        let file = cli.directory + "/result-\(session).json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: file))
        let outcome = try await cli.run(["import-result", file])
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }
}
