import Foundation
import PhotoKit
import Testing

/// The demo manifest's boxes sit on damage that is drawn: where the return's photo shows new damage, it differs
/// from the pickup's photo of the same side inside the box, and hardly anywhere else.
@Suite struct SampleDamageDrawingTests {
    static let assets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets").path

    struct Damage: Decodable { var part: String; var damageType: String; var box: [Int] }
    struct Photo: Decodable { var file: String; var slot: String; var damage: [Damage] }
    struct PhotoSet: Decodable { var name: String; var folder: String; var photos: [Photo] }
    struct Manifest: Decodable { var width: Int; var height: Int; var sets: [PhotoSet] }

    static func image(_ set: PhotoSet, _ photo: Photo) throws -> DecodedImage {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: assets + "/" + set.folder + "/" + photo.file))
        return try JPEGCodec.decode(Array(bytes))
    }

    /// Mean absolute difference per channel of two images over the pixels `inside` selects.
    static func difference(_ a: DecodedImage, _ b: DecodedImage, where inside: (Int, Int) -> Bool) -> Double {
        var sum = 0, count = 0
        for y in 0..<min(a.height, b.height) {
            for x in 0..<min(a.width, b.width) where inside(x, y) {
                for c in 0..<3 {
                    sum += abs(Int(a.rgb[(y * a.width + x) * 3 + c]) - Int(b.rgb[(y * b.width + x) * 3 + c]))
                }
                count += 3
            }
        }
        return count == 0 ? 0 : Double(sum) / Double(count)
    }

    @Test func newDamageIsDrawnInsideItsBoxAndNowhereElse() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.assets + "/demo-manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        let pickup = try #require(manifest.sets.first { $0.name == "pickup" })
        let dropOff = try #require(manifest.sets.first { $0.name == "return" })
        let walkAround: Set = [
            "front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right",
        ]
        var checked = 0
        for later in dropOff.photos where walkAround.contains(later.slot) {
            let earlier = try #require(pickup.photos.first { $0.slot == later.slot })
            let before = try Self.image(pickup, earlier), after = try Self.image(dropOff, later)
            #expect(after.width == manifest.width && after.height == manifest.height)
            let new = later.damage.filter { damage in
                !earlier.damage.contains { $0.part == damage.part && $0.damageType == damage.damageType }
            }
            func inAnyBox(_ x: Int, _ y: Int) -> Bool {
                later.damage.contains { x >= $0.box[0] && x < $0.box[2] && y >= $0.box[1] && y < $0.box[3] }
            }
            // Outside every box (and the label with its photo number), the same side looks the same.
            let outside = Self.difference(before, after) { x, y in y > 64 && !inAnyBox(x, y) }
            #expect(outside < 2, "\(later.file): \(outside) outside the boxes")
            for damage in new {
                let b = damage.box
                let inside = Self.difference(before, after) { x, y in x >= b[0] && x < b[2] && y >= b[1] && y < b[3] }
                #expect(inside > 12, "\(later.file) \(damage.part): only \(inside) inside its box")
                checked += 1
            }
        }
        #expect(checked >= 2, "the return shows new damage on the walk-around")
    }
}
