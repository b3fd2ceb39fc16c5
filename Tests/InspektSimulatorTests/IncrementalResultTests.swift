import Foundation
import InspektCore
import InspektSimulator
import Testing

@Suite("Comparison results")
struct IncrementalResultTests {
    static func walkAround(seedBase: Int) -> [(String, [UInt8])] {
        ResultDeliveryTests.walkAround.enumerated().map { index, slot in
            ("\(slot)_IMG_\(seedBase + index).jpg", TestImages.jpeg(width: 1024, height: 768, seed: seedBase + index))
        }
    }

    /// Every box of a result document as (photo, part, damage type).
    static func boxes(_ json: [String: Any]) -> [[String]] {
        (json["relevantImages"] as? [[String: Any]] ?? []).flatMap { image in
            (image["boundingBoxInformation"] as? [[String: Any]] ?? []).map { box in
                [
                    image["originalImageId"] as? String ?? "", box["partComponent"] as? String ?? "",
                    box["damageType"] as? String ?? "",
                ]
            }
        }
    }

    /// Uploads both inspections and the comparison, all with callbacks; returns the three delivered documents.
    func deliveries(
        pickup: [(String, [UInt8])], dropOff: [(String, [UInt8])],
        configuration: SimulatorConfiguration = SimulatorConfiguration(processingDelay: 0.2)
    ) async throws -> (earlier: [String: Any], later: [String: Any], comparison: [String: Any], session: String) {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            return try await withSimulator(configuration) { _, wire in
                let earlier = try await wire.uploadInspection(caseID: "PICKUP", files: pickup, callbackURL: callbackURL)
                let later = try await wire.uploadInspection(caseID: "RETURN", files: dropOff, callbackURL: callbackURL)
                let grant = try await wire.authenticateIncremental()
                let reply = try await wire.compare(
                    bearer: grant.refreshToken,
                    fields: [
                        "case_id": "CMP-1", "session": grant.session, "inspection_id_1": earlier,
                        "inspection_id_2": later, "callback_url": callbackURL + "/comparison",
                    ])
                try #require(reply.status == 200)
                let delivered = await catcher.waitFor(3, timeout: 20)
                try #require(delivered.count == 3)
                func document(_ session: String) throws -> [String: Any] {
                    try #require(delivered.first { $0.json["inspectionId"] as? String == session }).json
                }
                #expect(
                    delivered.filter { $0.path == "/cb/comparison" }.map { $0.json["inspectionId"] as? String } == [
                        grant.session
                    ])
                return (try document(earlier), try document(later), try document(grant.session), grant.session)
            }
        }
    }

    @Test("the result lists exactly the later inspection's damage that the earlier one did not show")
    func newDamageOnly() async throws {
        // Stable seeds whose return shows six damages the pickup does not and two it does.
        let result = try await deliveries(pickup: Self.walkAround(seedBase: 0), dropOff: Self.walkAround(seedBase: 104))
        let json = result.comparison
        #expect(json["status"] as? String == "Available")
        #expect(json["caseId"] as? String == "CMP-1")
        #expect(json["inspectionId"] as? String == result.session)
        #expect(json["vendor"] as? String == "Inspektlabs")

        let known = Set(Self.boxes(result.earlier).map { $0.dropFirst() })
        let expected = Self.boxes(result.later).filter { !known.contains($0.dropFirst()) }
        let listed = Self.boxes(json)
        #expect(!expected.isEmpty, "these return photos show damage the pickup photos do not")
        #expect(listed == expected)
        // And some damage of the return was already there at pickup: it is not listed again.
        let seenBefore = Self.boxes(result.later).filter { known.contains($0.dropFirst()) }
        #expect(!seenBefore.isEmpty, "these return photos also show damage the pickup photos show")
        #expect(seenBefore.allSatisfy { old in !listed.contains { $0.dropFirst() == old.dropFirst() } })
        let newParts = Array(Set(expected.map { $0[1] })).sorted()
        let incremental = try #require(json["incrementalDamage"] as? [String: Any])
        #expect(incremental["inspectionId1"] as? String == result.earlier["inspectionId"] as? String)
        #expect(incremental["inspectionId2"] as? String == result.later["inspectionId"] as? String)
        #expect(incremental["newDamagedParts"] as? [String] == newParts)
        let preInspection = try #require(json["preInspection"] as? [String: Any])
        #expect(preInspection["damagedParts"] as? [String] == newParts)
        #expect(preInspection["recommendationStatus"] as? String == "Review")

        // The project's own reader takes it like any result.
        let summary = try ResultDocument.summary(from: JSONSerialization.data(withJSONObject: json))
        #expect(summary.inspectionID == result.session)
        #expect(summary.damagedParts.map(\.part) == expected.map { $0[1] })
    }

    @Test("the same photos at pickup and return: no new damage, Approved")
    func samePhotos() async throws {
        let photos = Self.walkAround(seedBase: 0)
        let result = try await deliveries(pickup: photos, dropOff: photos)
        #expect(!Self.boxes(result.later).isEmpty, "the photos themselves show damage")
        #expect(Self.boxes(result.comparison).isEmpty)
        let incremental = try #require(result.comparison["incrementalDamage"] as? [String: Any])
        #expect(incremental["newDamagedParts"] as? [String] == [])
        let preInspection = try #require(result.comparison["preInspection"] as? [String: Any])
        #expect(preInspection["recommendationStatus"] as? String == "Approved")
    }
}
