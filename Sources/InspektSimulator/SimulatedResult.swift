import Foundation
import InspektCore

/// The result JSON the simulator POSTs when "processing" ends: a plausible report derived from the photos' hashes,
/// or for the demo's sample photos what the demo manifest says they show.
enum SimulatedResult {
    static let version = "simulator-1.0"
    static let minimumSize = ImageDimensions(width: 320, height: 240)

    /// The whole document for one accepted inspection (API.md §3).
    static func document(for entry: LedgerEntry, files: [ReceivedFile], manifest: DemoManifest? = nil) -> Data {
        var root: [String: Any] = [
            "caseId": entry.caseID,
            "inspectionId": entry.session,
            "vendor": "Inspektlabs",
            "version": version,
        ]
        if let reason = rejectionReason(files) {
            root["status"] = "Rejected"
            root["message"] = reason
            root["relevantImages"] = [[String: Any]]()
        } else {
            let images = files.enumerated().map { index, file in
                relevantImage(file, index: index, session: entry.session, manifest: manifest)
            }
            let boxes = images.flatMap { $0["boundingBoxInformation"] as? [[String: Any]] ?? [] }
            let damaged = Array(Set(boxes.compactMap { $0["partComponent"] as? String })).sorted()
            root["status"] = "Available"
            root["relevantImages"] = images
            root["preInspection"] =
                [
                    "recommendationStatus": damaged.isEmpty ? "Approved" : "Review",
                    "message": damaged.isEmpty
                        ? "No damage detected."
                        : "Damage detected on \(damaged.count) part\(damaged.count == 1 ? "" : "s").",
                    "damagedParts": damaged,
                ] as [String: Any]
        }
        root["uploadStatus"] = uploadStatus(files)
        let samples = files.compactMap { manifest?.photo(sha256: $0.sha256) }
        if let manifest, !samples.isEmpty {
            root["vehicleType"] = manifest.car.vehicleType
            root["vehicleReadings"] = manifest.readings(of: samples)
            return serialized(root)
        }
        let seed = combinedSeed(files)
        root["vehicleType"] = ["car", "car_suv", "car_hatchback", "car_sedan"][Int(seed % 4)]
        root["vehicleReadings"] = [
            "odometerReading": String(10_000 + Int(seed % 190_000)),
            "vinReading": "",
            "licensePlateReading": "",
            "make": ["Toyota", "Volkswagen", "Ford", "Renault"][Int((seed >> 8) % 4)],
            "model": ["Corolla", "Golf", "Focus", "Clio"][Int((seed >> 8) % 4)],
            "color": ["white", "black", "silver", "blue", "red"][Int((seed >> 16) % 5)],
        ]
        return serialized(root)
    }

    static func serialized(_ root: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }

    /// Why the inspection is refused: every image is smaller than 320×240. Nil when it can be processed.
    static func rejectionReason(_ files: [ReceivedFile]) -> String? {
        let images = files.filter { MediaType.sniffed(from: $0.header)?.kind == .image }
        guard !images.isEmpty, images.count == files.count else { return nil }
        let sizes = images.compactMap(\.dimensions)
        guard sizes.count == images.count,
            sizes.allSatisfy({ $0.width < minimumSize.width || $0.height < minimumSize.height })
        else { return nil }
        let largest = sizes.max { $0.width * $0.height < $1.width * $1.height }
        let shown = largest.map { " (the largest is \($0.width)×\($0.height))" } ?? ""
        return
            "Every image is smaller than 320×240 pixels\(shown): too small to assess damage. Retake the photos at full resolution."
    }

    /// "complete upload" when the part names cover the whole walk-around.
    static func uploadStatus(_ files: [ReceivedFile]) -> String {
        let slots = Set(files.compactMap { slot(of: $0.name) })
        return CoverageSlot.walkAround.allSatisfy(slots.contains) ? "complete upload" : "incomplete upload"
    }

    /// The coverage slot a part name starts with (`front-left_IMG_0042.jpg` -> front-left).
    static func slot(of name: String) -> CoverageSlot? {
        guard let underscore = name.firstIndex(of: "_") else { return nil }
        return CoverageSlot(rawValue: String(name[..<underscore]).lowercased())
    }

    static let partsBySlot: [CoverageSlot: [String]] = [
        .front: ["front bumper", "hood", "front windshield", "grille", "left headlamp", "right headlamp"],
        .frontLeft: ["front bumper", "left front fender", "left headlamp", "left front door", "left front tyre"],
        .left: ["left front door", "left rear door", "left running board", "left mirror"],
        .rearLeft: ["rear bumper", "left rear quarter panel", "left taillamp", "left rear door"],
        .rear: ["rear bumper", "trunk", "rear windshield", "left taillamp", "right taillamp"],
        .rearRight: ["rear bumper", "right rear quarter panel", "right taillamp", "right rear door"],
        .right: ["right front door", "right rear door", "right running board", "right mirror"],
        .frontRight: ["front bumper", "right front fender", "right headlamp", "right front door", "right front tyre"],
        .damage: ["front bumper", "left front door", "rear bumper", "hood", "right rear door"],
    ]
    static let damageTypes = ["scratch", "dent", "crack"]

    /// One `relevantImages` entry: the photo's scores, its size, and its damage with `coordinates` in a shape
    /// that changes from box to box (see `SimulatedCoordinates`).
    static func relevantImage(
        _ file: ReceivedFile, index: Int, session: String, manifest: DemoManifest? = nil
    )
        -> [String: Any]
    {
        let hash = bytes(ofHex: file.sha256)
        func byte(_ at: Int) -> Int { Int(hash.isEmpty ? 0 : hash[at % hash.count]) }
        let slot = slot(of: file.name)
        var size = file.dimensions
        var boxes: [[String: Any]] = []
        let sample = manifest?.photo(sha256: file.sha256)
        if let sample, let manifest {
            // A demo photo: the damage drawn on it, where it is drawn.
            let drawn = size ?? ImageDimensions(width: manifest.width, height: manifest.height)
            size = drawn
            for (k, damage) in sample.photo.damage.enumerated() where damage.box.count == 4 {
                let w = Double(drawn.width), h = Double(drawn.height)
                let (x1, y1, x2, y2) = (
                    Double(damage.box[0]), Double(damage.box[1]), Double(damage.box[2]), Double(damage.box[3])
                )
                boxes.append(
                    [
                        "partComponent": damage.part, "damageType": damage.damageType,
                        "damageSeverityScore": damage.severity,
                        "confidenceScore": rounded(0.8 + Double(byte(k)) / 1275),
                        "coordinates": SimulatedCoordinates.shape(index + k).value(
                            x: x1 / w, y: y1 / h, width: (x2 - x1) / w, height: (y2 - y1) / h, pixels: drawn),
                    ] as [String: Any])
            }
        } else if let parts = slot.flatMap({ partsBySlot[$0] }), !parts.isEmpty {
            // 0, 1 or 2 damages per photo, picked by the photo's own hash.
            for k in 0..<(byte(0) % 3) {
                let base = 1 + k * 6
                let x = Double(byte(base + 3) % 60) / 100
                let y = Double(byte(base + 4) % 60) / 100
                boxes.append(
                    [
                        "partComponent": parts[byte(base) % parts.count],
                        "damageType": damageTypes[byte(base + 1) % damageTypes.count],
                        "damageSeverityScore": rounded(Double(byte(base + 2)) / 255),
                        "confidenceScore": rounded(0.5 + Double(byte(base + 5)) / 510),
                        "coordinates": SimulatedCoordinates.shape(index + k).value(
                            x: x, y: y, width: 0.2, height: 0.15, pixels: size),
                    ] as [String: Any])
            }
        }
        let imageID = "\(session)-\(index + 1)"
        var image: [String: Any] = [
            "imageId": imageID,
            "originalImageId": file.name,
            "imageUrl": "https://reports.inspektlabs.com/simulator/\(session)/\(index + 1).jpg",
            // The demo's photos are sharp and well lit: they score so (a poor score would contradict them).
            "qualityScore": rounded((sample == nil ? 0.6 : 0.86) + Double(byte(20)) / (sample == nil ? 637 : 2550)),
            "blurScore": rounded(Double(byte(21)) / (sample == nil ? 255 : 1275)),
            "imageTag": slot?.rawValue ?? "other",
            "boundingBoxInformation": boxes,
        ]
        if let size {
            image["imageWidth"] = size.width
            image["imageHeight"] = size.height
        }
        return image
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    private static func bytes(ofHex hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            if let value = UInt8(hex[index..<next], radix: 16) { result.append(value) }
            index = next
        }
        return result
    }

    private static func combinedSeed(_ files: [ReceivedFile]) -> UInt64 {
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325
        for file in files {
            for byte in bytes(ofHex: file.sha256).prefix(8) { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        return seed
    }
}
