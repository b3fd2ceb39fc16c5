import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

/// A failed upload that cannot have reached Inspektlabs goes back to draft, so its photos can be picked again.
@Suite struct ReopenForEditingTests {
    /// A photo vanished after it was selected: the upload fails before any request, the inspection reopens
    /// as a draft with its facts and photos, and once the photo is picked again it uploads.
    @Test func vanishedPhotoFailureReopensAsDraftAndThenUploads() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let photos = try fixture.photos(2)
            let inspection = try fixture.draft("CASE-REOPEN", photos: photos)
            try fixture.service.markReady(id: inspection.id)
            try FileManager.default.removeItem(atPath: photos[1].path)
            _ = await fixture.service.resumeAll()
            let failed = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(failed.state == .failedRetryable)
            #expect(failed.failureReason?.contains("no longer there") == true)

            let reopened = try fixture.service.reopenForEditing(id: inspection.id)

            #expect(reopened.state == .draft)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .draft)
            #expect(stored.facts == inspection.facts)
            #expect(stored.photos.map(\.path) == photos.map(\.path))
            #expect(try fixture.service.history(id: inspection.id).last?.detail == "Reopened for editing")
            #expect(await fixture.ledger(caseID: "CASE-REOPEN").isEmpty)

            // Picked again: the new file goes up, one inspection on the server.
            var edited = stored
            let again = try fixture.photos(1, prefix: "AGAIN")[0]
            edited.photos[1].path = again.path
            try fixture.service.save(edited)
            let session = try await fixture.service.submit(id: inspection.id)
            let ledger = await fixture.ledger(caseID: "CASE-REOPEN")
            #expect(ledger.map(\.session) == [session])
            #expect(ledger.first?.files.count == 2)
        }
    }

    /// The whole body left and the reply was lost: Inspektlabs may have the inspection, so only a retry
    /// (same session) is allowed; the photos cannot change.
    @Test func maybeAcceptedUploadIsRefusedWithTheReason() async throws {
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600, dropRate: 1, maxDrops: 1), maxAttempts: 1)
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-NOREOPEN", photos: fixture.photos(2))
            await #expect(throws: ServiceError.self) { try await fixture.service.submit(id: inspection.id) }
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .failedRetryable)
            #expect(try fixture.store.currentSession(inspectionID: inspection.id)?.bodySent == true)

            let error = #expect(throws: ServiceError.self) { try fixture.service.reopenForEditing(id: inspection.id) }

            #expect(
                error?.description
                    == "This upload may already have reached Inspektlabs; it can only be retried, not changed.")
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .failedRetryable)
        }
    }

    @Test func draftCannotBeReopened() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-DRAFT", photos: fixture.photos(1))
            let error = #expect(throws: ServiceError.self) { try fixture.service.reopenForEditing(id: inspection.id) }
            #expect(error?.description.contains("Cannot change its photos") == true)
        }
    }
}
