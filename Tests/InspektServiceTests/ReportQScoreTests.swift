import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

/// The HTML report shows what Q Score said of each photo before it was sent (API.md §6), as kept at submit;
/// "not checked" for a photo it said nothing of.
@Suite struct ReportQScoreTests {
    @Test func eachPhotoPageShowsItsQScoreOrNotChecked() async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start()
        try await stopAfter(fixture, qScore) {
            var configuration = fixture.service.configuration
            configuration.qScoreURL = qScore.baseURL
            let service = InspektService(
                configuration: configuration, store: fixture.store, client: fixture.client,
                logger: fixture.quietLogger)
            var photos = try fixture.photos(2, width: 640, height: 480, prefix: "QR")
            let dark = fixture.directory + "/QR_dark.jpg"
            try PhotoFixtures.writeJPEG(to: dark, seed: 7, comment: "qscore Q_score=3 luma=2 orientation=Unclear")
            photos.append(PhotoSelection(slot: .left, path: dark))
            var inspection = try service.createDraft(CaseFacts(caseID: "RENT-Q", vehicle: "KA01", vehicleType: .carSUV))
            inspection.photos = photos
            try service.save(inspection)
            // Q Score is asked about the first and the last photo only: the second was not checked.
            let report = try #require(await service.askQScore(about: [photos[0], photos[2]], caseID: "RENT-Q"))
            try service.keepQScores(report, inspectionID: inspection.id)
            let session = try await service.submit(id: inspection.id, missingReason: "three photos")
            let document: [String: Any] = ["status": "Available", "caseId": "RENT-Q", "inspectionId": session]
            _ = try service.importResult(try JSONSerialization.data(withJSONObject: document))

            let html = try service.reportHTML(id: inspection.id)
            let lines = html.components(separatedBy: "\n").filter { $0.hasPrefix("<p class=\"quality\">") }
            #expect(
                lines == [
                    "<p class=\"quality\">Q Score 4 of 5, orientation Front, blur 4 of 5, luma 4 of 5</p>",
                    "<p class=\"quality\">Q Score: not checked</p>",
                    "<p class=\"quality\">Q Score 3 of 5, orientation Unclear, blur 4 of 5, luma 2 of 5</p>",
                ])
        }
    }
}
