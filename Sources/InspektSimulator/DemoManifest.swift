import Crypto
import Foundation

/// The demo car and what each of its sample photos shows (`assets/demo-manifest.json`).
///
/// The simulator answers the demo from it, so that the readings match the photos and each box sits on the
/// damage drawn there (`scripts/make-sample-photos.py` draws from the same file). Photos are recognised by
/// their bytes (SHA-256), whatever name they are uploaded under.
public struct DemoManifest: Sendable, Decodable {
    public struct Car: Sendable, Decodable, Hashable {
        public var licensePlate: String
        public var vin: String
        public var make: String
        public var model: String
        public var color: String
        /// One of the result's `vehicleType` values, e.g. `car_hatchback`.
        public var vehicleType: String
    }

    /// One damage a photo shows: `box` is `[x1, y1, x2, y2]` in pixels of the photo.
    public struct Damage: Sendable, Decodable, Hashable {
        public var part: String
        public var damageType: String
        public var severity: Double
        public var box: [Int]
    }

    public struct Photo: Sendable, Decodable, Hashable {
        public var file: String
        /// The coverage slot it was taken for (`front`, `odometer`, ...).
        public var slot: String
        public var damage: [Damage]
    }

    /// The photos of one visit (pickup, return): a folder under `assets/`, and the odometer as it read then.
    public struct PhotoSet: Sendable, Decodable, Hashable {
        public var name: String
        public var folder: String
        public var odometerKm: Int
        public var photos: [Photo]
    }

    public var car: Car
    /// The pixel size every sample photo is drawn at.
    public var width: Int
    public var height: Int
    public var sets: [PhotoSet]
    /// SHA-256 (lower-case hex) of each photo's bytes -> (set, photo) indexes; filled by `load`.
    private var byHash: [String: Place] = [:]

    private struct Place: Sendable, Hashable {
        var set: Int
        var photo: Int
    }

    private enum CodingKeys: String, CodingKey {
        case car, width, height, sets
    }

    /// Why the manifest cannot be used.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the manifest at `path` and hashes every photo it names (folders relative to the manifest's own).
    public static func load(path: String) throws(LoadError) -> DemoManifest {
        var manifest: DemoManifest
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            manifest = try JSONDecoder().decode(DemoManifest.self, from: data)
        } catch {
            throw LoadError(description: "The demo manifest \(path) cannot be read: \(error)")
        }
        let base = (path as NSString).deletingLastPathComponent
        for (setIndex, set) in manifest.sets.enumerated() {
            for (photoIndex, photo) in set.photos.enumerated() {
                let file = base + "/" + set.folder + "/" + photo.file
                guard let bytes = FileManager.default.contents(atPath: file) else {
                    throw LoadError(description: "The demo manifest names \(file), which is not there.")
                }
                let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
                manifest.byHash[hash] = Place(set: setIndex, photo: photoIndex)
            }
        }
        return manifest
    }

    /// The sample photo whose bytes hash to `sha256`, and the visit it belongs to; nil for any other photo.
    public func photo(sha256: String) -> (set: PhotoSet, photo: Photo)? {
        guard let place = byHash[sha256.lowercased()] else { return nil }
        return (sets[place.set], sets[place.set].photos[place.photo])
    }

    /// Slots whose photo shows the number plate.
    static let plateSlots: Set<String> = ["front", "rear", "front-left", "front-right", "rear-left", "rear-right"]

    /// The readings Inspektlabs would take from these sample photos: make, model and colour from any of
    /// them; the plate only from a photo that shows it, the odometer and VIN only from their own photos.
    func readings(of photos: [(set: PhotoSet, photo: Photo)]) -> [String: String] {
        let slots = Set(photos.map(\.photo.slot))
        var readings = [
            "make": car.make, "model": car.model, "color": car.color,
            "licensePlateReading": slots.isDisjoint(with: Self.plateSlots) ? "" : car.licensePlate,
            "vinReading": slots.contains("vin") ? car.vin : "",
            "odometerReading": "",
        ]
        if let odometer = photos.first(where: { $0.photo.slot == "odometer" }) {
            readings["odometerReading"] = String(odometer.set.odometerKm)
        }
        return readings
    }
}
