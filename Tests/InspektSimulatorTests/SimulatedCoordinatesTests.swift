import Foundation
import InspektCore
import InspektSimulator
import Testing

/// The simulator writes each damage's place as `coordinates` (API.md §3), never under another name, in several of
/// the documented shapes across one result, and the project's reader places every one of them.
@Suite("Simulated coordinates")
struct SimulatedCoordinatesTests {
    /// The shape of a `coordinates` value, in words.
    static func shape(_ value: Any?) -> String {
        switch value {
        case let list as [Any] where list.first is [Any]: "polygon of pairs"
        case let list as [Any] where list.first is [String: Any]: "polygon of point objects"
        case let list as [Any] where list.count == 4: "corners"
        case let object as [String: Any] where object["width"] != nil: "rectangle object"
        default: "other"
        }
    }

    @Test("a walk-around's boxes come as coordinates in several shapes, each read as the same 0.2 × 0.15 box")
    func shapesAcrossAResult() async throws {
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            try await withSimulator(SimulatorConfiguration(processingDelay: 0.1)) { _, wire in
                let files = ResultDeliveryTests.walkAround.enumerated().map { index, slot in
                    ("\(slot)_IMG_\(index).jpg", TestImages.jpeg(width: 1024, height: 768, seed: index))
                }
                _ = try await wire.uploadInspection(caseID: "SHAPES", files: files, callbackURL: callbackURL)
                let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                let text = String(decoding: delivery.body, as: UTF8.self)
                #expect(!text.contains("\"boundingBox\""), "no field the documentation does not name")

                let images = try #require(delivery.json["relevantImages"] as? [[String: Any]])
                var shapes: Set<String> = []
                for image in images {
                    #expect(image["imageWidth"] as? Int == 1024 && image["imageHeight"] as? Int == 768)
                    for box in image["boundingBoxInformation"] as? [[String: Any]] ?? [] {
                        shapes.insert(Self.shape(box["coordinates"]))
                    }
                }
                #expect(!shapes.contains("other"))
                #expect(shapes.count >= 3, "shapes seen: \(shapes.sorted())")

                // Whatever the shape, the reader finds the simulator's 0.2 × 0.15 box (to a pixel).
                let summary = try ResultDocument.summary(from: delivery.body)
                #expect(summary.damagedParts.count >= 4)
                for part in summary.damagedParts {
                    let box = try #require(part.box?.fractions(pixelWidth: nil, pixelHeight: nil), "\(part)")
                    #expect(abs(box.width - 0.2) < 2.0 / 1024 && abs(box.height - 0.15) < 2.0 / 768, "\(box)")
                }
            }
        }
    }

    @Test("the same photos give the same coordinates, shape for shape")
    func deterministic() async throws {
        let files = ResultDeliveryTests.walkAround.enumerated().map { index, slot in
            ("\(slot)_IMG_\(index).jpg", TestImages.jpeg(width: 800, height: 600, seed: 7 + index))
        }
        var documents: [[Any]] = []
        for _ in 1...2 {
            try await withCatcher { catcher in
                let callbackURL = await catcher.baseURL + "/cb"
                try await withSimulator(SimulatorConfiguration(processingDelay: 0.1)) { _, wire in
                    _ = try await wire.uploadInspection(caseID: "SAME", files: files, callbackURL: callbackURL)
                    let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                    let images = delivery.json["relevantImages"] as? [[String: Any]] ?? []
                    documents.append(images.map { $0["boundingBoxInformation"] ?? [] })
                }
            }
        }
        let encoded = try documents.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        #expect(encoded.count == 2 && encoded[0] == encoded[1])
    }
}
