import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// The upload's figures follow what happens now: the rate over the last seconds, and the wait for
/// Inspektlabs' answer once every byte is out.
@Suite struct UploadFiguresTests {
    func progress(_ sent: Int64, of total: Int64 = 1_000_000) -> UploadProgress {
        UploadProgress(
            files: [UploadProgress.File(name: "front_a.jpg", sent: sent, total: total)], current: sent < total ? 0 : nil
        )
    }

    @Test func theRateIsAMovingAverageAndTimeLeftFollowsIt() {
        var tracking = UploadTracking()
        let start = ScreenFixtures.now
        // 10 s at 50 KB/s, then 5 s at 10 KB/s: the rate shows the slow link, not the average since the start.
        for second in 0...10 {
            tracking.record(
                progress(Int64(second) * 50_000, of: 2_000_000), at: start.addingTimeInterval(Double(second)))
        }
        #expect(tracking.rate.map { abs($0 - 50_000) < 1 } == true)
        for second in 1...5 {
            tracking.record(
                progress(500_000 + Int64(second) * 10_000, of: 2_000_000),
                at: start.addingTimeInterval(Double(10 + second)))
        }
        #expect(tracking.rate.map { abs($0 - 10_000) < 1 } == true, "\(String(describing: tracking.rate))")
        #expect(tracking.secondsLeft.map { abs($0 - 145) < 1 } == true, "\(String(describing: tracking.secondsLeft))")
    }

    @Test func onceTheBodyIsOutTheScreenWaitsForInspektlabs() {
        var state = ScreenFixtures.upload()
        let files = (state.inspection(id: "insp-9")?.photos ?? []).map {
            UploadProgress.File(name: $0.uploadName, sent: $0.size, total: $0.size)
        }
        _ = update(&state, .tick(ScreenFixtures.now.addingTimeInterval(30)))
        _ = update(
            &state, .service(.uploadProgress(inspectionID: "insp-9", UploadProgress(files: files, current: nil))))
        let screen = text(view(state, size: state.size))
        #expect(screen.contains("waiting for Inspektlabs to confirm"), "\(screen)")
        #expect(!(screen.split(separator: "\n").first { $0.contains("Overall") } ?? "").contains("left"))
        _ = update(&state, .service(.uploadAccepted(inspectionID: "insp-9", session: "sess-9f3a")))
        #expect(!text(view(state, size: state.size)).contains("waiting for Inspektlabs to confirm"))
    }
}
