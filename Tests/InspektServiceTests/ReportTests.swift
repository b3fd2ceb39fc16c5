import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// The HTML report as the service writes it from a real store: escaped, self-contained, boxes on their photos.
@Suite struct ReportTests {
    /// An accepted inspection of two 640×480 photos with `notes`, and its result imported.
    private func reported(
        _ fixture: ServiceFixture, notes: String, images: [[String: Any]], message: String
    ) async throws -> Inspection {
        var inspection = try fixture.service.createDraft(
            CaseFacts(caseID: "RENT-1", vehicle: "KA01AB1234", vehicleType: .carSUV, notes: notes))
        inspection.photos = try fixture.photos(2, width: 640, height: 480, prefix: "OUT")
        try fixture.service.save(inspection)
        let session = try await fixture.service.submit(id: inspection.id, missingReason: "two photos")
        let document: [String: Any] = [
            "status": "Available", "caseId": "RENT-1", "inspectionId": session, "vehicleType": "van",
            "relevantImages": images, "vehicleReadings": ["odometerReading": "48213", "vinReading": "WVW<1>"],
            "preInspection": ["recommendationStatus": "Review", "message": message],
        ]
        _ = try fixture.service.importResult(try JSONSerialization.data(withJSONObject: document))
        return try #require(try fixture.store.inspection(id: inspection.id))
    }

    @Test func everyTextIsEscapedAndBoxesInPixelsLandOnTheirPhoto() async throws {
        let fixture = try await ServiceFixture.start()
        do {
            let images: [[String: Any]] = [
                [
                    "originalImageId": "front_OUT_0.jpg",
                    "boundingBoxInformation": [
                        [
                            "partComponent": "hood <img src=x onerror=alert(1)>", "damageType": "dent\u{1B}[2J",
                            "coordinates": ["x": 160, "y": 120, "width": 320, "height": 240],
                        ]
                    ],
                ],
                [
                    "originalImageId": "nobody.jpg",
                    "boundingBoxInformation": [["partComponent": "roof", "damageType": "hail"]],
                ],
            ]
            let inspection = try await reported(
                fixture, notes: "\"quoted\" & <b>bold</b>", images: images, message: "see <i>this</i>")
            let html = try fixture.service.reportHTML(id: inspection.id)

            #expect(!html.contains("<img src=x"), "markup from the result stays text")
            #expect(html.contains("hood &lt;img src=x onerror=alert(1)&gt;: dent\\e[2J"))
            #expect(html.contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"))
            #expect(html.contains("see &lt;i&gt;this&lt;/i&gt;"))
            #expect(html.contains("WVW&lt;1&gt;"))
            #expect(!html.contains("\u{1B}"))
            // 160,120 320×240 pixels of a 640×480 photo: a quarter in from the left and the top, half its size.
            #expect(html.contains("<rect x=\"0.250\" y=\"0.250\" width=\"0.500\" height=\"0.500\"/>"))
            #expect(
                html.contains("<span class=\"tag\" style=\"left:25.000%;top:25.000%\">1</span>"),
                "the box's number, as listed")
            #expect(html.contains("Damage not placed on a photo") && html.contains("Roof: hail"))
            #expect(
                html.contains("Vehicle type Van (entered: SUV)"),
                "the vehicle type Inspektlabs saw differs from the one entered")
            // The kiosk that captured the inspection (the store's `INSPEKT_KIOSK_ID`), not merely the host writing the report.
            #expect(html.contains("Kiosk</th><td>kiosk-a"))
            #expect(html.components(separatedBy: "<section class=\"photo\">").count == 3, "a page per photo")
            let text = html.replacingOccurrences(
                of: "data:image/jpeg;base64,[A-Za-z0-9+/=]*", with: "", options: .regularExpression)
            #expect(!text.lowercased().contains("http"), "no network reference outside the photos' bytes")
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func aPhotoGoneFromTheKioskIsSaidAndTheReportGoesToTheReportFolder() async throws {
        let fixture = try await ServiceFixture.start()
        do {
            let inspection = try await reported(fixture, notes: "", images: [], message: "No damage detected.")
            try FileManager.default.removeItem(atPath: try #require(inspection.photos.first?.path))
            let folder = fixture.directory + "/reports/nested"
            #expect(ReportFolder.path(environment: ["INSPEKT_REPORT_DIR": folder, "HOME": "/home/x"]) == folder)
            #expect(ReportFolder.path(environment: ["HOME": "/home/x"]) == "/home/x/inspekt-reports")
            let path = try fixture.service.writeReport(id: inspection.id, into: folder)
            #expect(path == folder + "/report-RENT-1-\(try #require(inspection.session)).html")
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.contains("OUT_0.jpg is no longer on this kiosk"))
            #expect(html.components(separatedBy: "data:image/jpeg;base64,").count == 2, "the other photo is embedded")
            #expect(html.contains("✓ No damage found") && html.contains("Inspektlabs recommends: Review"))
            #expect(!html.contains("Available"))
            let receipt = try fixture.service.exportReceipt(id: inspection.id, into: folder)
            #expect(receipt == folder + "/receipt-RENT-1-\(try #require(inspection.session)).json")
            #expect(FileManager.default.fileExists(atPath: receipt))
            // The reference a person types: the case id, or the inspection id.
            #expect(try fixture.service.reportSubject(matching: "RENT-1").id == inspection.id)
            #expect(try fixture.service.reportSubject(matching: try #require(inspection.session)).id == inspection.id)
            #expect(throws: ComparisonError.unknownReference("NOPE")) {
                try fixture.service.reportSubject(matching: "NOPE")
            }
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }
}
