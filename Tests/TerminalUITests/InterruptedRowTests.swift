import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// A row whose upload process is gone reads "Interrupted" with how to continue, never "Uploading 0%".
@Suite struct InterruptedRowTests {
    @Test func anUploadWithoutALiveHolderReadsInterruptedAndTakesR() {
        var inspection = Inspection(facts: CaseFacts(caseID: "CASE-GONE"), state: .uploading)
        let live = BoardScreen.stateText(inspection, tracking: nil, now: Date(), glyphs: .unicode)
        #expect(live.text.hasPrefix("Uploading"))

        inspection.interrupted = true
        let gone = BoardScreen.stateText(inspection, tracking: nil, now: Date(), glyphs: .ascii)
        #expect(gone.text == "Interrupted - r continues it")
        #expect(!gone.text.contains("Uploading"))
        #expect(inspection.isInterruptedUpload)

        // Only an upload can be interrupted: the same flag on a processed row changes nothing.
        inspection.state = .processing
        #expect(!inspection.isInterruptedUpload)
    }
}
