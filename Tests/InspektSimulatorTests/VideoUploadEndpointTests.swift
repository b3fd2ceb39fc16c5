import Foundation
import InspektCore
import InspektSimulator
import Testing

/// API.md §7: one request may carry a video instead of photos, more than 1 MB and less than 100 MB, never with images.
@Suite("POST /api/upload with a video")
struct VideoUploadEndpointTests {
    @Test("a video alone is accepted and spends the session; its result describes frames taken from it")
    func videoAlone() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/callbacks/video1"
            try await withSimulator(SimulatorConfiguration(processingDelay: 0.1)) { harness, wire in
                let grant = try await wire.authenticate()
                let video = TestImages.mp4(size: 3_000_000)
                let form = MultipartForm.upload(
                    session: grant.session, files: [("video_walk.mp4", video)], callbackURL: callbackURL)
                let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
                #expect(reply.status == 200)
                let entry = try #require(await harness.ledger().first)
                #expect(entry.files.map(\.name) == ["video_walk.mp4"])
                #expect(entry.files.map(\.size) == [3_000_000])
                let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                #expect(delivery.json["status"] as? String == "Available")
                #expect(delivery.json["uploadStatus"] as? String == "complete upload")
                let images = try #require(delivery.json["relevantImages"] as? [[String: Any]])
                #expect(images.map { $0["imageTag"] as? String } == CoverageSlot.walkAround.map(\.rawValue))
                #expect(images.allSatisfy { ($0["originalImageId"] as? String ?? "").contains("walk-frame") })
            }
        }
    }

    @Test("1 MB or less, two videos, or a video that is not the container its name says: 400, nothing accepted")
    func refusals() async throws {
        try await withSimulator { harness, wire in
            let cases: [([(String, [UInt8])], String)] = [
                ([("walk.mp4", TestImages.mp4(size: 1_000_000))], "Unsupported file type: walk.mp4"),
                ([("walk.webm", TestImages.mp4(size: 2_000_000))], "Unsupported file type: walk.webm"),
                ([("walk.avi", Array(repeating: 0x41, count: 2_000_000))], "Unsupported file type: walk.avi"),
                (
                    [("a.mp4", TestImages.mp4(size: 1_100_000)), ("b.mp4", TestImages.mp4(size: 1_200_000))],
                    "Too many files: one video per request"
                ),
            ]
            for (files, message) in cases {
                let grant = try await wire.authenticate()
                let reply = try await wire.upload(
                    bearer: grant.refreshToken, form: MultipartForm.upload(session: grant.session, files: files))
                #expect(reply.status == 400)
                #expect(reply.message == message)
            }
            #expect(await harness.ledger().isEmpty)
            // Just over 1 MB goes.
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("walk.mp4", TestImages.mp4(size: 1_000_001))])
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)
        }
    }

    @Test("100 MB or more: 400 Unsupported file type")
    func tooBig() async throws {
        try await withSimulator { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("walk.mp4", TestImages.mp4(size: 100_000_000))])
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(reply.status == 400)
            #expect(reply.message == "Unsupported file type: walk.mp4")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("a video upload meets the injected faults as photos do: a 500 accepts nothing")
    func faults() async throws {
        var configuration = SimulatorConfiguration()
        configuration.uploadServerErrors = 1
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, files: [("walk.mp4", TestImages.mp4(size: 2_000_000))])
            let first = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(first.status == 500)
            #expect(first.message == "Server Side Issue")
            #expect(await harness.ledger().isEmpty)
            #expect(try await wire.upload(bearer: grant.refreshToken, form: form).status == 200)
        }
    }
}
