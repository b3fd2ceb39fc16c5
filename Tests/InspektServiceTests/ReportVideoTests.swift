import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Testing

/// The report of a video walk-around: the video described (file, size, duration, SHA-256) and the damage of the
/// frames its result describes (API.md §7), never "not a picture".
@Suite struct ReportVideoTests {
    @Test func aVideoWalkAroundIsDescribedWithItsFramesDamageAndOutlivesItsFile() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 102, size: 2_500_000, seed: 9), to: path)
            let draft = try fixture.draft("CASE-RV", photos: [PhotoSelection(slot: .video, path: path)])
            let session = try await fixture.service.submit(id: draft.id)
            // Frames as Inspektlabs names them, with the documented fields only.
            let images: [[String: Any]] = [
                [
                    "originalImageId": "front_walk.mp4-frame1.jpg",
                    "boundingBoxInformation": [
                        ["partComponent": "front bumper", "damageType": "dent", "damageSeverityScore": 0.8]
                    ],
                ],
                [
                    "originalImageId": "rear_walk.mp4-frame5.jpg",
                    "boundingBoxInformation": [["partComponent": "tail <b>lamp</b>", "damageType": "crack"]],
                ],
                ["originalImageId": "left_walk.mp4-frame3.jpg", "boundingBoxInformation": []],
            ]
            let document: [String: Any] = [
                "status": "Available", "caseId": "CASE-RV", "inspectionId": session, "relevantImages": images,
            ]
            _ = try fixture.service.importResult(try JSONSerialization.data(withJSONObject: document))
            let sha256 = try #require(try fixture.store.inspection(id: draft.id)?.photos.first?.sha256)

            let html = try fixture.service.reportHTML(id: draft.id)
            #expect(html.contains("<th>Video walk-around</th><td>walk.mp4, 2500000 B, 1:42</td>"), "first page")
            #expect(html.contains("<h2>Video walk-around: walk.mp4</h2>"))
            #expect(html.contains("<th>Size</th><td>2500000&nbsp;B</td>"))
            #expect(html.contains("<th>Duration</th><td>1:42</td>"))
            #expect(html.contains("<th>SHA-256</th><td><span class=\"hash\">\(sha256)</span></td>"))
            #expect(
                html.contains(
                    "front bumper: dent, severity severe (0.8) — Found on the video walk-around (walk.mp4), frame front_walk.mp4-frame1.jpg"
                ))
            #expect(html.contains("tail &lt;b&gt;lamp&lt;/b&gt;: crack"), "the result's text stays text")
            #expect(html.contains("2 damages found"))
            #expect(
                html.contains(
                    "<td>video_walk.mp4</td><td>2500000&nbsp;B</td><td class=\"hash\">\(sha256)</td><td>verified (video, not embedded)</td>"
                ))
            for wrong in ["not a picture", "not an image", "Damage not placed on a photo", "<h2>Photo 1", "Q Score"] {
                #expect(!html.contains(wrong), "\(wrong)")
            }

            // The file gone: the video is still described, from what was stored when it was sent.
            try FileManager.default.removeItem(atPath: path)
            let later = try fixture.service.reportHTML(id: draft.id)
            #expect(later.contains("<th>Duration</th><td>1:42</td>"))
            #expect(later.contains("<td>not on this kiosk</td>"))
        }
    }
}
