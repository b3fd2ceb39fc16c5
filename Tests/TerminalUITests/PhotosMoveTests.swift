import Foundation
import InspektCore
import TerminalUITestSupport
import Testing

@testable import TerminalUI

@Suite struct PhotosMoveTests {
    /// The cells that differ between two frames, as (x, y).
    private func changes(_ before: Screen, _ after: Screen, _ size: Size) -> [(x: Int, y: Int)] {
        (0..<size.height).flatMap { y in (0..<size.width).filter { before[$0, y] != after[$0, y] }.map { (x: $0, y: y) }
        }
    }

    /// A one-row move in the inbox list repaints the two pointer cells alone (issue 12: at most 30 bytes per
    /// move): no position counter, and the preview keeps the photo shown until the next one's facts are read.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func oneRowMoveChangesOnlyThePointerThenThePreviewWhenRead(size: Size) throws {
        var state = SampleStates.photos(files: 200, size: size)
        // The newest file is unusable (its preview says so): start on the one below, read.
        _ = update(&state, .key(.character("j")))
        let first = try #require(state.photos.highlighted)
        let facts = PhotoFacts(mediaType: .jpeg, size: 2_400_000, pixelWidth: 4000, pixelHeight: 3000)
        _ = update(&state, .screen(.photos(.photoFactsLoaded(path: first.path, facts))))
        let before = view(state, size: size)
        #expect(
            update(&state, .key(.character("j"))).contains(
                .screen(.photos(.loadPhotoFacts(path: state.photos.highlighted?.path ?? "")))))
        let moved = view(state, size: size)
        let pointer = changes(before, moved, size)
        #expect(pointer.count == 2)
        #expect(pointer.allSatisfy { $0.x == 1 })
        #expect(moved.rowText(pointer[1].y).contains("▶"))
        #expect(!(0..<size.height).contains { moved.rowText($0).contains("Reading") })
        // The first photo's name twice (its row, the preview), the highlighted one's once (its row).
        #expect(moved.framedText.components(separatedBy: first.name).count == 3)

        // The next photo's facts arrive: only its name differs in the preview (the same kind of photo).
        let second = try #require(state.photos.highlighted)
        _ = update(&state, .screen(.photos(.photoFactsLoaded(path: second.path, facts))))
        let read = view(state, size: size)
        let preview = changes(moved, read, size)
        #expect(!preview.isEmpty)
        #expect(Set(preview.map(\.y)).count == 1)
        #expect(read.framedText.components(separatedBy: second.name).count == 3)
    }
}
