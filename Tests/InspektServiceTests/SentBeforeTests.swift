import Foundation
import InspektCore
import InspektLanguage
import InspektService
import InspektTestSupport
import InspektWords
import Testing

/// Photos already sent with another inspection are known by their bytes, not their names: the pickup's
/// photos handed in again for the return under other names are found, each naming the pickup's case.
@Suite struct SentBeforeTests {
    /// Submits a pickup of `count` photos, then copies each under another name; returns the copies.
    func pickupAndCopies(
        _ fixture: ServiceFixture, count: Int = 3
    ) async throws -> (pickup: Inspection, copies: [String]) {
        let photos = try fixture.photos(count, width: 640, height: 480, prefix: "PICKUP")
        let pickup = try fixture.draft("PICKUP-1", photos: photos)
        try await fixture.service.submit(id: pickup.id)
        let copies = try photos.enumerated().map { index, photo in
            let copy = "\(fixture.directory)/return-\(index).jpg"
            try FileManager.default.copyItem(atPath: photo.path, toPath: copy)
            return copy
        }
        return (pickup, copies)
    }

    func sizes(_ paths: [String]) -> [String: Int64] {
        Dictionary(
            uniqueKeysWithValues: paths.map { path in
                (
                    path,
                    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
                )
            })
    }

    @Test func copiesUnderOtherNamesAreFoundByTheirBytesNamingThePickup() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let (pickup, copies) = try await pickupAndCopies(fixture)
            // Same size, other bytes: not a copy.
            let other = fixture.directory + "/other.jpg"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: copies[0]))
            bytes[bytes.count / 2] ^= 0x55
            try bytes.write(to: URL(fileURLWithPath: other))

            let found = try await fixture.service.photosSentBefore(sizes(copies + [other]), excluding: nil)
            #expect(Set(found.keys) == Set(copies))
            #expect(found.values.allSatisfy { $0.caseID == "PICKUP-1" && $0.inspectionID == pickup.id })
            // The pickup's own photos do not count against the pickup.
            #expect(
                try await fixture.service.photosSentBefore(sizes(pickup.photos.map(\.path)), excluding: pickup.id)
                    .isEmpty)
        }
    }

    @Test func aDraftsPhotosAreNotSentYet() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let photos = try fixture.photos(2, width: 640, height: 480, prefix: "DRAFT")
            _ = try fixture.draft("DRAFT-1", photos: photos)
            #expect(try await fixture.service.photosSentBefore(sizes(photos.map(\.path)), excluding: nil).isEmpty)
        }
    }

    @Test func theReviewsChecksNameTheCaseEachReusedPhotoWasSentWith() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let (_, copies) = try await pickupAndCopies(fixture, count: 2)
            let fresh = try fixture.photos(1, width: 640, height: 480, prefix: "FRESH")[0]
            let selection = [
                PhotoSelection(slot: .front, path: copies[0]), PhotoSelection(slot: .rear, path: copies[1]),
                PhotoSelection(slot: .left, path: fresh.path),
            ]
            let returned = try fixture.draft("RETURN-1", photos: selection)
            let findings = await fixture.service.photoFindings(for: selection, excluding: returned.id)
            let reused = findings.filter { if case .alreadySent = $0.kind { true } else { false } }
            #expect(reused.map(\.path) == [copies[0], copies[1]])
            #expect(
                reused.map(Languages.english.finding) == [
                    "return-0.jpg (Front): already sent with PICKUP-1 (the same bytes)",
                    "return-1.jpg (Rear): already sent with PICKUP-1 (the same bytes)",
                ])
            #expect(reused.allSatisfy { !$0.blocksSubmit }, "sent again when the operator says so")
        }
    }
}
