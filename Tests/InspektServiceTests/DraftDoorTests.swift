import Foundation
import InspektCore
import InspektService
import Testing

/// Review's Enter is one command: the draft as shown is saved and submitted in one call, and a draft
/// save that lands late (an earlier edit's effect finishing after the submit) can never pull the
/// submitted inspection back to a draft, whatever order the effects finish in.
@Suite struct DraftDoorTests {
    /// Waits, without sleeping, until the service says the upload of `id` was accepted.
    static func accepted(_ id: String, in events: AsyncStream<ServiceEvent>) async -> Bool {
        for await event in events {
            if case .uploadAccepted(let acceptedID, _) = event, acceptedID == id { return true }
            if case .uploadFailed(let failedID, _) = event, failedID == id { return false }
        }
        return false
    }

    @Test("a draft save that lands after the submit is dropped; the inspection stays submitted")
    func lateSaveAfterSubmit() async throws {
        let fixture = try await ServiceFixture.start()
        let events = fixture.service.events()
        var draft = try fixture.draft("CASE-LATE", photos: try fixture.photos(8))
        let stale = draft
        draft.facts.notes = "checked twice"
        try fixture.service.submit(draft, missingReason: nil)
        #expect(try fixture.service.saveDraft(stale) == false)
        #expect(try fixture.service.inspection(id: draft.id)?.state != .draft)
        #expect(await Self.accepted(draft.id, in: events))
        let stored = try #require(try fixture.service.inspection(id: draft.id))
        #expect(stored.state == .processing)
        #expect(stored.facts.notes == "checked twice")
        await fixture.stop()
    }

    @Test("a draft save that lands before the submit is replaced by the draft the submit carries")
    func lateSaveBeforeSubmit() async throws {
        let fixture = try await ServiceFixture.start()
        let events = fixture.service.events()
        let photos = try fixture.photos(8)
        var draft = try fixture.draft("CASE-EARLY", photos: Array(photos.prefix(5)))
        let stale = draft
        draft.photos = photos
        #expect(try fixture.service.saveDraft(stale))
        try fixture.service.submit(draft, missingReason: nil)
        #expect(await Self.accepted(draft.id, in: events))
        let stored = try #require(try fixture.service.inspection(id: draft.id))
        #expect(stored.photos.count == 8)
        #expect(await fixture.ledger(caseID: "CASE-EARLY").count == 1)
        await fixture.stop()
    }

    @Test("save and submit racing each other: never a draft afterwards, one inspection each")
    func racingSaveAndSubmit() async throws {
        let fixture = try await ServiceFixture.start()
        let photos = try fixture.photos(8)
        for round in 0..<6 {
            let events = fixture.service.events()
            var draft = try fixture.draft("CASE-RACE-\(round)", photos: Array(photos.prefix(7)))
            let stale = draft
            draft.photos = photos
            let service = fixture.service
            let submitted = draft
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = try? service.saveDraft(stale) }
                group.addTask { try? service.submit(submitted, missingReason: nil) }
            }
            #expect(try service.inspection(id: draft.id)?.state != .draft, "round \(round)")
            #expect(await Self.accepted(draft.id, in: events), "round \(round)")
        }
        #expect(await fixture.simulator.ledger().count == 6)
        await fixture.stop()
    }
}
