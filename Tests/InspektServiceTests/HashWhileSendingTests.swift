import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektTestSupport
import Synchronization
import Testing

/// `inspekt submit` hashes each photo while it is sent: no digest exists before the request, and the
/// digests stored with the acceptance are those of the bytes the server received.
@Suite struct HashWhileSendingTests {
    @Test func digestsStoredWithTheAcceptanceAreThoseOfTheBytesTheServerReceived() async throws {
        let seen = Mutex<[[String?]]>([])
        let box = Mutex<(any InspectionStore)?>(nil)
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { _ in
                guard let store = box.withLock({ $0 }) else { return }
                let digests = (try? store.inspections().first?.photos.map(\.sha256)) ?? []
                seen.withLock { $0.append(digests) }
            }))
        try await stopAfter(fixture) {
            box.withLock { $0 = fixture.store }
            let inspection = try fixture.draft("CASE-STREAM", photos: fixture.photos(3, prefix: "STREAM"))
            try await fixture.service.submit(id: inspection.id, hashWhileSending: true)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            let entry = try #require(await fixture.ledger(caseID: "CASE-STREAM").first)
            #expect(seen.withLock { $0 } == [[nil, nil, nil]], "nothing was hashed before the request")
            #expect(!(try fixture.store.events(inspectionID: inspection.id).contains { $0.kind == "hashed" }))
            #expect(stored.photos.allSatisfy { $0.sha256?.count == 64 })
            #expect(stored.photos.map(\.uploadName) == entry.files.map(\.name))
            #expect(stored.photos.map(\.sha256) == entry.files.map(\.sha256))
        }
    }
}
