import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// The report draws a result's boxes from `coordinates` as API.md §3 documents it, on the photo they belong to.
@Suite struct ReportCoordinatesTests {
    @Test func cornersInPixelsOfTheMeasuredImageAndAPolygonInPhotoPixelsLandOnTheirPhotos() async throws {
        let fixture = try await ServiceFixture.start()
        do {
            var inspection = try fixture.service.createDraft(CaseFacts(caseID: "RENT-2", vehicle: "KA01AB1234"))
            inspection.photos = try fixture.photos(2, width: 640, height: 480, prefix: "BOX")
            try fixture.service.save(inspection)
            let session = try await fixture.service.submit(id: inspection.id, missingReason: "two photos")
            let images: [[String: Any]] = [
                // Corners in pixels of the 1280×960 image Inspektlabs measured: x 0.1, y 0.5, 0.5 × 0.25 of it.
                [
                    "originalImageId": "front_BOX_0.jpg", "imageWidth": 1280, "imageHeight": 960,
                    "boundingBoxInformation": [
                        [
                            "partComponent": "front bumper", "damageType": "scratch",
                            "coordinates": [128, 480, 768, 720],
                        ]
                    ],
                ],
                // A polygon in pixels with no image size: of the photo itself (640×480): x 0.2, y 0.125, 0.4 × 0.5.
                [
                    "originalImageId": "front-left_BOX_1.jpg",
                    "boundingBoxInformation": [
                        [
                            "partComponent": "left front door", "damageType": "dent",
                            "coordinates": [["x": 128, "y": 120], ["x": 384, "y": 60], ["x": 300, "y": 300]],
                        ]
                    ],
                ],
            ]
            let document: [String: Any] = [
                "status": "Available", "caseId": "RENT-2", "inspectionId": session, "relevantImages": images,
                "preInspection": ["recommendationStatus": "Review"],
            ]
            _ = try fixture.service.importResult(try JSONSerialization.data(withJSONObject: document))
            let html = try fixture.service.reportHTML(id: inspection.id)
            // Each box on its photo's page, in both strokes (light under dark): an x/y swap lands elsewhere.
            let corners = "<rect x=\"0.100\" y=\"0.500\" width=\"0.500\" height=\"0.250\""
            let polygon = "<rect x=\"0.200\" y=\"0.125\" width=\"0.400\" height=\"0.500\""
            #expect(html.components(separatedBy: corners).count - 1 >= 2, "corners in measured pixels")
            #expect(html.components(separatedBy: polygon).count - 1 >= 2, "polygon in photo pixels")
            #expect(!html.contains("<rect x=\"0.500\" y=\"0.100\""))
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }
}
