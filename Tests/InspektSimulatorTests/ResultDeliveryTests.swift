import Foundation
import InspektCore
import InspektSimulator
import Testing

@Suite("Result callbacks")
struct ResultDeliveryTests {
    static let walkAround = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]

    func upload(
        _ wire: SimulatorWire, files: [(String, [UInt8])], callbackURL: String, caseID: String = "CASE-9"
    )
        async throws -> String
    {
        let grant = try await wire.authenticate()
        let form = MultipartForm.upload(session: grant.session, caseID: caseID, files: files, callbackURL: callbackURL)
        let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
        #expect(reply.status == 200)
        return grant.session
    }

    @Test("after the processing delay an Available result with one relevantImages entry per photo is POSTed")
    func available() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/callbacks/abc123"
            try await withSimulator(SimulatorConfiguration(processingDelay: 0.3)) { _, wire in
                let files = Self.walkAround.enumerated().map { index, slot in
                    ("\(slot)_IMG_\(index).jpg", TestImages.jpeg(width: 1024, height: 768, seed: index))
                }
                let started = Date()
                let session = try await upload(wire, files: files, callbackURL: callbackURL)
                let deliveries = await catcher.waitFor(1, timeout: 10)
                let delivery = try #require(deliveries.first)
                #expect(delivery.path == "/callbacks/abc123")
                #expect(delivery.at.timeIntervalSince(started) >= 0.3)
                let json = delivery.json
                #expect(json["status"] as? String == "Available")
                #expect(json["caseId"] as? String == "CASE-9")
                #expect(json["inspectionId"] as? String == session)
                #expect(json["vendor"] as? String == "Inspektlabs")
                #expect(json["version"] is String)
                #expect(json["uploadStatus"] as? String == "complete upload")
                #expect(VehicleType(rawValue: json["vehicleType"] as? String ?? "") != nil)
                #expect(json["vehicleReadings"] is [String: Any])
                #expect(json["preInspection"] is [String: Any])
                let images = try #require(json["relevantImages"] as? [[String: Any]])
                #expect(images.count == files.count)
                #expect(images.map { $0["imageTag"] as? String } == Self.walkAround)
                #expect(images.map { $0["originalImageId"] as? String } == files.map(\.0))
                for image in images {
                    #expect(image["imageId"] is String)
                    #expect(image["imageUrl"] is String)
                    #expect(image["qualityScore"] is Double)
                    #expect(image["blurScore"] is Double)
                    for box in image["boundingBoxInformation"] as? [[String: Any]] ?? [] {
                        #expect(["scratch", "dent", "crack"].contains(box["damageType"] as? String ?? ""))
                        #expect(box["partComponent"] is String)
                        #expect((0...1).contains(box["damageSeverityScore"] as? Double ?? -1))
                        #expect((0...1).contains(box["confidenceScore"] as? Double ?? -1))
                    }
                }
                // The project's own reader understands it.
                let summary = try ResultDocument.summary(from: delivery.body)
                #expect(summary.verdict == .available)
                #expect(summary.inspectionID == session)
                #expect(summary.uploadStatus == "complete upload")
                #expect(summary.damagedParts.count > 0, "eight photos with these seeds show some damage")
                #expect(deliveries.count == 1)
            }
        }
    }

    @Test("the damage report depends only on the photos: same photos, same damage")
    func deterministic() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            let files = (0..<4).map { ("damage_\($0).jpg", TestImages.jpeg(width: 640, height: 480, seed: 40 + $0)) }
            // Two separate simulators (different sessions, keys, seeds): only the photos are shared.
            for round in 1...2 {
                try await withSimulator(SimulatorConfiguration(processingDelay: 0.1)) { _, wire in
                    _ = try await upload(wire, files: files, callbackURL: callbackURL)
                    _ = await catcher.waitFor(round, timeout: 10)
                }
            }
            let deliveries = await catcher.waitFor(2, timeout: 10)
            try #require(deliveries.count == 2)
            let first = try ResultDocument.summary(from: deliveries[0].body)
            let second = try ResultDocument.summary(from: deliveries[1].body)
            #expect(first.damagedParts == second.damagedParts)
            #expect(first.vehicleType == second.vehicleType)
            #expect(first.uploadStatus == "incomplete upload")
        }
    }

    @Test("every image under 320×240: Rejected with the reason in message")
    func rejectedTiny() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            try await withSimulator { _, wire in
                let files = [
                    ("front_a.jpg", TestImages.jpeg(width: 160, height: 120)),
                    ("rear_b.png", TestImages.png(width: 319, height: 600)),
                ]
                let session = try await upload(wire, files: files, callbackURL: callbackURL)
                let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                let json = delivery.json
                #expect(json["status"] as? String == "Rejected")
                #expect(json["inspectionId"] as? String == session)
                let message = try #require(json["message"] as? String)
                #expect(message.contains("320×240"))
                let summary = try ResultDocument.summary(from: delivery.body)
                #expect(summary.verdict == .rejected)
                #expect(summary.message == message)
            }
        }
    }

    @Test("one image large enough: Available, not Rejected")
    func oneLargeEnough() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            try await withSimulator { _, wire in
                let files = [
                    ("front_a.jpg", TestImages.jpeg(width: 160, height: 120)),
                    ("rear_b.jpg", TestImages.jpeg(width: 320, height: 240)),
                ]
                _ = try await upload(wire, files: files, callbackURL: callbackURL)
                let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                #expect(delivery.json["status"] as? String == "Available")
            }
        }
    }

    @Test("a refused delivery is retried callbackRetries times, callbackRetryInterval apart, then stops")
    func retries() async throws {
        try await withCatcher([500, 503, 500, 500]) { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            let configuration = SimulatorConfiguration(
                processingDelay: 0.1, callbackRetryInterval: 0.4, callbackRetries: 2)
            try await withSimulator(configuration) { harness, wire in
                _ = try await upload(
                    wire, files: [("front_a.jpg", TestImages.jpeg(width: 640, height: 480))], callbackURL: callbackURL)
                let deliveries = await catcher.waitFor(3, timeout: 10)
                try #require(deliveries.count == 3)
                #expect(deliveries[1].at.timeIntervalSince(deliveries[0].at) >= 0.35)
                #expect(deliveries[2].at.timeIntervalSince(deliveries[1].at) >= 0.35)
                #expect(deliveries.allSatisfy { $0.body == deliveries[0].body })
                // No fourth try: the delivery has given up.
                await harness.simulator.deliveriesFinished()
                #expect(await catcher.deliveries.count == 3)
            }
        }
    }

    @Test("a delivery that succeeds on the second try is not sent again")
    func retrySucceeds() async throws {
        try await withCatcher([502]) { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            let configuration = SimulatorConfiguration(
                processingDelay: 0.1, callbackRetryInterval: 0.2, callbackRetries: 2)
            try await withSimulator(configuration) { harness, wire in
                _ = try await upload(
                    wire, files: [("front_a.jpg", TestImages.jpeg(width: 640, height: 480))], callbackURL: callbackURL)
                _ = await catcher.waitFor(2, timeout: 10)
                await harness.simulator.deliveriesFinished()
                #expect(await catcher.deliveries.count == 2)
            }
        }
    }
}
