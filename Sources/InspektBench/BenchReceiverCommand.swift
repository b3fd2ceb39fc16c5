import ArgumentParser
import Foundation
import InspektCore
import InspektStore

/// `inspekt-bench bench-receiver seed …` (hidden): the inspections and result documents behind
/// `scripts/bench-receiver`, which delivers them to `inspekt receiver` and times each delivery.
struct BenchReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-receiver",
        abstract: "Prepare the receiver benchmark (used by scripts/bench-receiver).",
        subcommands: [Seed.self])

    /// Stores inspections waiting for their result, each with a callback token, and writes one result
    /// document per inspection: `<out>/<n>.json`, delivered to `/callbacks/<token>` (listed in `<out>/tokens`).
    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store inspections and write their result documents.")

        @Option(help: "The data directory (INSPEKT_DATA_DIR of the receiver).") var dataDir: String
        @Option(help: "Where the result documents and the token list go.") var out: String
        @Option(help: "How many inspections (one delivery each).") var count = 1000
        @Option(help: "Size of each result document in KB.") var sizeKb = 200

        mutating func run() async throws {
            let store = try InspektStore(directory: dataDir)
            let inspections = (0..<count).map { index -> Inspection in
                var inspection = BenchData.inspection(index)
                inspection.state = .processing
                inspection.session = "sess-recv-\(index)"
                inspection.result = nil
                return inspection
            }
            try store.save(contentsOf: inspections)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var tokens: [String] = []
            for (index, inspection) in inspections.enumerated() {
                let token = String(format: "bench-token-%06d", index)
                try store.setCallbackToken(inspectionID: inspection.id, token: token)
                tokens.append(token)
                let document = Self.document(
                    session: inspection.session ?? "", caseID: inspection.facts.caseID,
                    bytes: sizeKb * 1024)
                try document.write(to: URL(fileURLWithPath: out + "/\(index).json"))
            }
            try (tokens.joined(separator: "\n") + "\n").write(
                toFile: out + "/tokens", atomically: true, encoding: .utf8)
            print("RESULT seeded=\(count) bytes_each=\(sizeKb * 1024)")
        }

        /// An Available result with as many damage boxes as fill `bytes` (a large report, as real ones are).
        static func document(session: String, caseID: String, bytes: Int) -> Data {
            var boxes: [[String: Any]] = []
            var estimate = 200
            let parts = ["front bumper", "left door", "rear bumper", "bonnet", "right fender", "windscreen"]
            while estimate < bytes {
                let index = boxes.count
                boxes.append([
                    "partComponent": parts[index % parts.count], "damageType": index % 2 == 0 ? "scratch" : "dent",
                    "damageSeverityScore": Double(index % 100) / 100, "confidenceScore": 0.9,
                    // Corners [x1, y1, x2, y2] in pixels of the 640×480 image (API.md §3).
                    "coordinates": [
                        index % 576, index % 432, index % 576 + 32 + index % 32, index % 432 + 24 + index % 24,
                    ],
                    "note": String(repeating: "x", count: 96),
                ])
                estimate += 260
            }
            var root: [String: Any] = [
                "status": "Available", "inspectionId": session, "caseId": caseID, "uploadStatus": "complete",
                "relevantImages": [
                    [
                        "originalImageId": "front_IMG_0001.jpg", "imageWidth": 640, "imageHeight": 480,
                        "boundingBoxInformation": boxes,
                    ]
                ],
            ]
            var data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data()
            // An unknown field (ignored by the reader) brings the document to exactly `bytes`.
            let missing = bytes - data.count - #","padding":"""#.utf8.count
            if missing > 0 {
                root["padding"] = String(repeating: "x", count: missing)
                data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? data
            }
            return data
        }
    }
}
