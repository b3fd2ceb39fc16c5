import Foundation
import InspektCore
import InspektSimulator
import Testing

/// The demo tells one story: the simulator answers the sample photos (assets/) with what the manifest says they
/// show (the car's readings, each damage where it is drawn), and the return shows damage the pickup did not have.
@Suite("Demo manifest results")
struct DemoManifestResultTests {
    static let assets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets").path

    static func manifest() throws -> DemoManifest { try DemoManifest.load(path: assets + "/demo-manifest.json") }

    /// A set's photos as the client uploads them: `slot_FILE.jpg`, the bytes of the sample file.
    static func files(_ set: DemoManifest.PhotoSet) throws -> [(String, [UInt8])] {
        try set.photos.map { photo in
            let bytes = try Data(contentsOf: URL(fileURLWithPath: assets + "/" + set.folder + "/" + photo.file))
            return ("\(photo.slot)_\(photo.file)", Array(bytes))
        }
    }

    /// Every damage of a result as "part|type".
    static func damage(_ json: [String: Any]) -> Set<String> {
        Set(IncrementalResultTests.boxes(json).map { "\($0[1])|\($0[2])" })
    }

    /// Checks each damage read from `json` (by the project's reader) against the box its photo's manifest entry gives.
    static func expectBoxesOnTheDrawnDamage(
        _ json: [String: Any], set: DemoManifest.PhotoSet, manifest: DemoManifest
    )
        throws
    {
        let summary = try ResultDocument.summary(from: JSONSerialization.data(withJSONObject: json))
        for part in summary.damagedParts {
            let name = try #require(part.photo)
            let photo = try #require(set.photos.first { name == "\($0.slot)_\($0.file)" }, "\(name)")
            let drawn = try #require(photo.damage.first { $0.part == part.part && $0.damageType == part.damageType })
            let box = try #require(part.box?.fractions(pixelWidth: nil, pixelHeight: nil), "\(name): \(part.part)")
            let w = Double(manifest.width), h = Double(manifest.height)
            let expected = [
                Double(drawn.box[0]) / w, Double(drawn.box[1]) / h, Double(drawn.box[2]) / w, Double(drawn.box[3]) / h,
            ]
            let read = [box.x, box.y, box.x + box.width, box.y + box.height]
            #expect(
                zip(read, expected).allSatisfy { abs($0 - $1) < 1.5 / 480 },
                "\(name) \(part.part): \(read) vs \(expected)")
        }
    }

    @Test("pickup and return of the sample photos: the car's readings, boxes on the drawn damage, new damage only")
    func pickupAndReturn() async throws {
        let manifest = try Self.manifest()
        let pickup = try #require(manifest.sets.first { $0.name == "pickup" })
        let dropOff = try #require(manifest.sets.first { $0.name == "return" })
        var configuration = SimulatorConfiguration(processingDelay: 0.2)
        configuration.demoManifest = manifest
        let result = try await IncrementalResultTests().deliveries(
            pickup: try Self.files(pickup), dropOff: try Self.files(dropOff), configuration: configuration)

        // The readings are what the photos show: the plate, the VIN plate's number, each visit's odometer.
        for (json, set, vin) in [(result.earlier, pickup, manifest.car.vin), (result.later, dropOff, "")] {
            let readings = try #require(json["vehicleReadings"] as? [String: String])
            #expect(readings["make"] == "Volkswagen" && readings["model"] == "Golf" && readings["color"] == "blue")
            #expect(readings["licensePlateReading"] == "KX 482 TR")
            #expect(readings["odometerReading"] == String(set.odometerKm))
            #expect(readings["vinReading"] == vin, "the return has no VIN photo")
            #expect(json["vehicleType"] as? String == manifest.car.vehicleType)
        }
        #expect(pickup.odometerKm == 45218 && dropOff.odometerKm > pickup.odometerKm)

        // Each result lists exactly the manifest's damage, each box where that damage is drawn.
        func listed(_ set: DemoManifest.PhotoSet) -> Set<String> {
            Set(set.photos.flatMap(\.damage).map { "\($0.part)|\($0.damageType)" })
        }
        for json in [result.earlier, result.later] {
            let summary = try ResultDocument.summary(from: JSONSerialization.data(withJSONObject: json))
            #expect(
                summary.images?.allSatisfy(\.poorScores.isEmpty) == true, "sharp, well-lit sample photos score well")
        }
        #expect(Self.damage(result.earlier) == listed(pickup))
        #expect(Self.damage(result.later) == listed(dropOff))
        try Self.expectBoxesOnTheDrawnDamage(result.earlier, set: pickup, manifest: manifest)
        try Self.expectBoxesOnTheDrawnDamage(result.later, set: dropOff, manifest: manifest)

        // The comparison: the return's new damage, and none of what the pickup already showed.
        let new = Self.damage(result.comparison)
        #expect(new == ["right front door|dent", "front bumper|scratch"])
        let seenAtPickup = Self.damage(result.earlier)
        #expect(seenAtPickup.contains("left front door|dent") && seenAtPickup.contains("rear bumper|scratch"))
        #expect(new.isDisjoint(with: seenAtPickup), "a part seen at pickup is absent from the comparison")
        #expect(Self.damage(result.later).isSuperset(of: seenAtPickup), "the old damage is still on the car at return")
        try Self.expectBoxesOnTheDrawnDamage(result.comparison, set: dropOff, manifest: manifest)
        let preInspection = try #require(result.comparison["preInspection"] as? [String: Any])
        #expect(preInspection["damagedParts"] as? [String] == ["front bumper", "right front door"])
    }

    @Test("a photo that is not a sample is answered as any other photo")
    func otherPhotosAreNotTheDemoCar() async throws {
        var configuration = SimulatorConfiguration(processingDelay: 0.1)
        configuration.demoManifest = try Self.manifest()
        try await withCatcher { catcher in
            let callbackURL = await catcher.baseURL + "/cb"
            try await withSimulator(configuration) { _, wire in
                let files = [("front_IMG_1.jpg", TestImages.jpeg(width: 800, height: 600, seed: 3))]
                _ = try await wire.uploadInspection(caseID: "OTHER", files: files, callbackURL: callbackURL)
                let delivery = try #require(await catcher.waitFor(1, timeout: 10).first)
                let readings = delivery.json["vehicleReadings"] as? [String: Any]
                #expect(readings?["licensePlateReading"] as? String != "KX 482 TR")
            }
        }
    }
}
