import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// A video in the inbox shows its length where a photo shows its capture time, and in the preview.
@Suite struct InboxVideoViewTests: KeyScript {
    @Test func aVideoShowsItsDurationInTheListAndThePreview() {
        var state = ScreenFixtures.base(ScreenFixtures.large)
        _ = update(&state, .key(.character("n")))
        for c in "CASE-V1" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.function(2)))
        let now = ScreenFixtures.now
        let items = [
            InboxItem(name: "walk.mp4", path: "/srv/inbox/walk.mp4", size: 3_000_000, modified: now, duration: 102),
            InboxItem(
                name: "IMG_1.jpg", path: "/srv/inbox/IMG_1.jpg", size: 2_000_000, modified: now, captureTime: now),
        ]
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", items))))
        let text = shown(state)
        let row = text.split(separator: "\n").first { $0.contains("walk.mp4") } ?? ""
        #expect(row.contains("3.0 MB"), "\(text)")
        #expect(row.contains("video 1:42"), "\(text)")
        #expect(!(text.split(separator: "\n").first { $0.contains("IMG_1.jpg") } ?? "").contains("video"))
    }
}
