import Foundation
import InspektCore
import InspektService
import InspektTestSupport
import Testing

/// Drafts kept in `held-drafts/` while the fleet database was away are saved by the next board: one that cannot be
/// sent (its photo deleted meanwhile) is named and keeps its file, and the others are saved all the same.
@Suite struct KeptDraftSaveTests {
    @Test func aKeptDraftThatCannotBeSentIsNamedAndTheOthersAreSaved() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            var broken = try fixture.draft("CASE-GONE", photos: fixture.photos(8, prefix: "gone"))
            var fine = try fixture.draft("CASE-FINE", photos: fixture.photos(2, prefix: "fine"))
            broken.facts.vehicle = "KA01AB1234"
            broken.updatedAt = Date(timeIntervalSinceNow: -60)  // the older edit: saved first
            fine.facts.vehicle = "typed while down"
            fine.updatedAt = Date()
            fixture.service.holdDraft(broken, submitted: true)
            fixture.service.holdDraft(fine)
            try FileManager.default.removeItem(atPath: broken.photos[3].path)

            let done = await fixture.service.saveHeldDrafts()
            #expect(done.saved == 2)
            #expect(done.sent == 0)
            #expect(done.notSaved.map(\.caseID) == ["CASE-GONE"])
            #expect(done.notSaved.first?.reason.contains("gone_3.jpg") == true, "\(done.notSaved)")
            #expect(try fixture.store.inspection(id: fine.id)?.facts.vehicle == "typed while down")
            #expect(try fixture.store.inspection(id: broken.id)?.facts.vehicle == "KA01AB1234")
            let kept = try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/data/held-drafts")
            #expect(kept == ["\(broken.id).json"])
            #expect(await fixture.ledger(caseID: "CASE-GONE").isEmpty)
        }
    }
}
