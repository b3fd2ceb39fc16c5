import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// A report a customer signs: its damage boxes read on a greyscale print, it shows only the photo bytes that
/// were sent, and a comparison names each side's agent and kiosk and pairs a close-up with the pickup photo
/// that shows the same part. Real binary, real simulator, real files, headless Chromium.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ReportEvidenceTests {
    /// The boxes' dark stroke (`HTMLReport.boxDark`), by which the measuring script finds them.
    static let dark = (red: 0x80, green: 0x00, blue: 0x1A)

    @Test(
        .enabled(
            if: HeadlessChromium.path != nil, "chromium is not installed: scripts/install-prerequisites installs it"))
    func boxesStandOutOnAGreyscalePrintOfADarkAndOfAWhiteCar() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let cli = try CLI(simulator: simulator)
            // A black car's front and a white car's rear: each stroke alone would vanish on one of them.
            let sent = try await Self.submit(
                cli, caseID: "GREY-1", photos: [("front", "DARK_0", .dark), ("rear", "BRIGHT_1", .bright)])
            try await ReportBrowserTests.importResult(
                cli, session: sent.session, caseID: "GREY-1",
                images: [
                    Self.image("front_DARK_0.jpg", part: "hood", box: [0.3, 0.4, 0.6, 0.6]),
                    Self.image("rear_BRIGHT_1.jpg", part: "trunk", box: [0.2, 0.3, 0.55, 0.55]),
                ])
            let output = cli.directory + "/grey.html"
            let report = try await cli.run(["report", "GREY-1", "--output", output])
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: output, encoding: .utf8)
            #expect(html.contains("! 2 damages found"))
            #expect(!html.contains("Available"), "the verdict in words, never the API's status")
            // The numbers on the boxes are those of the list: hood 1 on the front, trunk 2 on the rear.
            #expect(
                html.contains("<div class=\"part\">1. Hood</div>")
                    && html.contains("<div class=\"part\">2. Trunk</div>"))
            let frontPage = try #require(html.components(separatedBy: "<section class=\"photo\">").dropFirst().first)
            #expect(
                frontPage.contains(">1</span>") && !frontPage.contains(">2</span>")
                    && frontPage.contains("<ol start=\"1\">"))

            let png = cli.directory + "/grey.png"
            try await HeadlessChromium.screenshot(output, to: png, width: 800, height: 2600)
            let boxes = try BoxContrast.boxes(in: png, red: Self.dark.red, green: Self.dark.green, blue: Self.dark.blue)
            // Both photo pages' boxes and both close-ups on the first page.
            #expect(boxes.count >= 4, "\(boxes)")
            #expect(
                boxes.contains { $0.photo < 60 } && boxes.contains { $0.photo > 200 }, "a box on each car: \(boxes)")
            for box in boxes {
                #expect(box.contrast >= 80, "the box vanishes in grey: \(box)")
                // The stroke that carries it: the light one on the dark car, the dark one on the white car.
                if box.photo < 60 { #expect(box.light - box.photo >= 80, "\(box)") }
                if box.photo > 200 { #expect(box.photo - box.dark >= 80, "\(box)") }
            }
            // The front photo page's box is where the result puts it: 0.3 of a 440 px frame from x = 24, 0.3 wide.
            #expect(
                boxes.contains { abs($0.minX - 156) <= 4 && abs($0.width - 132) <= 6 && abs($0.height - 66) <= 6 },
                "\(boxes)")
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test func aPhotoReplacedAfterItsUploadIsNamedAndNotShownAndOneGoneIsSaid() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let cli = try CLI(simulator: simulator)
            let sent = try await ReportBrowserTests.submit(cli, caseID: "SWAP-1", prefix: "OUT")
            try await ReportBrowserTests.importResult(
                cli, session: sent.session, caseID: "SWAP-1",
                images: [
                    ReportBrowserTests.image(sent.names[0], box: true),
                    ReportBrowserTests.image(sent.names[1], box: false),
                ])
            // A camera that reuses names: another picture now lies under the front photo's name.
            let front = cli.directory + "/OUT_0.jpg"
            try PhotoFixtures.writeJPEG(to: front, width: 640, height: 480, seed: 999)
            let replaced = try Data(contentsOf: URL(fileURLWithPath: front))
            let output = cli.directory + "/swap.html"
            let report = try await cli.run(["report", "SWAP-1", "--output", output])
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: output, encoding: .utf8)
            #expect(html.contains("OUT_0.jpg has changed on this kiosk since it was sent"), "named in its place")
            // Past the JPEG headers (which two photos of one camera share): the replaced picture's own bytes.
            let picture = String(replaced.base64EncodedString().dropFirst(4000).prefix(400))
            #expect(picture.count == 400 && !html.contains(picture), "the replaced bytes are not embedded")
            #expect(
                html.components(separatedBy: "data:image/jpeg;base64,").count == 2,
                "only the rear photo, whose bytes are those sent")
            #expect(html.contains("changed since upload"), "the receipt says so beside its SHA-256")
            #expect(html.contains(try #require(sent.sha256.first)), "the receipt keeps the SHA-256 that was sent")

            // The rear photo gone from the kiosk: said, not shown; nothing is embedded any more.
            try FileManager.default.removeItem(atPath: cli.directory + "/OUT_1.jpg")
            let again = try await cli.run(["report", "SWAP-1", "--output", output])
            #expect(again.status == 0, "\(again.stderr)")
            let second = try String(contentsOfFile: output, encoding: .utf8)
            #expect(second.contains("OUT_1.jpg is no longer on this kiosk"))
            #expect(!second.contains("data:image/jpeg;base64,"))
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test func aComparisonNamesEachSidesAgentAndKioskAndPairsACloseUpWithThePickupPhotoOfThatSide() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let cli = try CLI(simulator: simulator)
            _ = try await Self.submit(
                cli, caseID: "OUT-5", photos: [("front", "OUT_0", .detailed), ("left", "OUT_1", .detailed)],
                agent: "Ana", kiosk: "desk-1")
            let back = try await Self.submit(
                cli, caseID: "BACK-5",
                photos: [
                    ("front", "BACK_0", .detailed), ("left", "BACK_1", .detailed), ("damage", "BACK_CLOSE", .detailed),
                ], agent: "Ravi", kiosk: "desk-2")
            let compare = try await cli.run(["compare", "--before", "OUT-5", "--after", "BACK-5", "--case", "CMP-5"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let comparison = compare.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // New damage seen on the return's close-up only.
            try await ReportBrowserTests.importResult(
                cli, session: comparison, caseID: "CMP-5",
                images: [
                    Self.image("damage_BACK_CLOSE.jpg", part: "left front door", box: [0.25, 0.3, 0.75, 0.7]),
                    Self.image("front_BACK_0.jpg", part: nil, box: nil),
                ])
            let output = cli.directory + "/cmp.html"
            let report = try await cli.run(
                ["report", "CMP-5", "--output", output], environment: ["INSPEKT_KIOSK_ID": "desk-3"])
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: output, encoding: .utf8)
            let firstPage = try #require(html.components(separatedBy: "<section class=\"photo\">").first)
            #expect(firstPage.contains("! 1 new damage found"))
            #expect(
                firstPage.contains("agent Ana") && firstPage.contains("kiosk desk-1"), "the pickup's agent and kiosk")
            #expect(
                firstPage.contains("agent Ravi") && firstPage.contains("kiosk desk-2"), "the return's agent and kiosk")
            #expect(!html.contains("not entered"))
            #expect(firstPage.contains("1. Left front door") && firstPage.contains("dent, moderate severity"))
            #expect(firstPage.contains("Found on the return's Damage close-up photo (BACK_CLOSE.jpg)"))
            #expect(!firstPage.contains(back.session), "ids go to the receipt")
            // Beside the close-up: the pickup's left side, which faces the left front door.
            #expect(html.contains("Pickup: OUT_1.jpg — Left side, this angle faces the left front door"))
            #expect(!html.contains("No pickup photo"))
            #expect(html.contains("Report written on</th><td>desk-3"))
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    // MARK: Helpers

    /// `inspekt submit` of 640×480 photos drawn with their pattern, on `slot`, named `<name>.jpg`.
    static func submit(
        _ cli: CLI, caseID: String, photos: [(slot: String, name: String, pattern: PhotoFixtures.Pattern)],
        agent: String = "Ana",
        kiosk: String? = nil
    ) async throws -> ReportBrowserTests.Sent {
        var arguments = [
            "submit", "--case", caseID, "--vehicle", "KA01AB1234", "--agent-name", agent,
            "--missing-reason", "a few photos only", "--force", "--json",
        ]
        for (index, photo) in photos.enumerated() {
            let path = "\(cli.directory)/\(photo.name).jpg"
            try PhotoFixtures.writeJPEG(
                to: path, width: 640, height: 480, seed: caseID.count * 10 + index, pattern: photo.pattern)
            arguments += ["--photo", "\(photo.slot)=\(path)"]
        }
        let outcome = try await cli.run(arguments, environment: kiosk.map { ["INSPEKT_KIOSK_ID": $0] } ?? [:])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let files = object["files"] as? [[String: Any]] ?? []
        return ReportBrowserTests.Sent(
            session: try #require(object["inspection_id"] as? String),
            names: photos.map { "\($0.slot)_\($0.name).jpg" },
            sha256: files.compactMap { $0["sha256"] as? String })
    }

    /// A relevant image with one damage at corners `[x1, y1, x2, y2]` (fractions), or none.
    static func image(_ name: String, part: String?, box: [Double]?) -> [String: Any] {
        var boxes: [[String: Any]] = []
        if let part, let box {
            // `coordinates` is the documented field (API.md §3); `boundingBox` the name this reader took before it.
            boxes.append([
                "partComponent": part, "damageType": "dent", "damageSeverityScore": 0.5, "confidenceScore": 0.9,
                "coordinates": box,
            ])
        }
        return ["originalImageId": name, "qualityScore": 0.9, "blurScore": 0.1, "boundingBoxInformation": boxes]
    }
}
