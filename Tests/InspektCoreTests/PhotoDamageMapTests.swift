import Foundation
import InspektCore
import Testing

/// Damage placed on the photo it was seen on, through `originalImageId` and the part names the upload sent.
@Suite struct PhotoDamageMapTests {
    let photos = [
        PhotoSelection(slot: .rear, path: "/inbox/IMG_0003.jpg"),
        PhotoSelection(slot: .front, path: "/inbox/IMG_0001.jpg"),
        PhotoSelection(slot: .frontLeft, path: "/inbox/IMG_0002.jpg"),
        PhotoSelection(slot: .damage, path: "/inbox/close/IMG_0009.JPG"),
    ]

    /// A result document as Inspektlabs sends it, with boxes and scores per image.
    func summary(_ images: String) throws -> ResultSummary {
        let json = """
            {"status":"Available","inspectionId":"in1","preInspection":{"recommendationStatus":"Review"},
             "relevantImages":[\(images)]}
            """
        return try ResultDocument.summary(from: Data(json.utf8))
    }

    @Test func eachDamageLandsOnThePhotoWhosePartNameTheResultGivesBack() throws {
        let result = try summary(
            """
            {"originalImageId":"front_IMG_0001.jpg","qualityScore":0.9,"blurScore":0.1,"boundingBoxInformation":[
              {"partComponent":"hood","damageType":"dent","coordinates":{"x":0.1,"y":0.2,"width":0.3,"height":0.25}},
              {"partComponent":"grille","damageType":"crack"}]},
            {"originalImageId":"rear_IMG_0003.jpg","qualityScore":0.55,"blurScore":0.8,"boundingBoxInformation":[
              {"partComponent":"trunk","damageType":"scratch","coordinates":[100,50,300,150]}]}
            """)
        let map = PhotoDamageMap.match(photos: photos, result: result)
        // Checklist order, whatever order the photos were chosen in.
        #expect(map.photos.map(\.photo.slot) == [.front, .frontLeft, .rear, .damage])
        #expect(map.photos[0].damage.map(\.part) == ["hood", "grille"])
        #expect(map.photos[0].damage[0].box == DamageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.25))
        #expect(map.photos[0].damage[1].box == nil)
        #expect(map.photos[1].damage.isEmpty)
        #expect(map.photos[2].damage.map(\.part) == ["trunk"])
        #expect(map.photos[2].damage[0].box == DamageBox(x: 100, y: 50, width: 200, height: 100))
        #expect(map.unplaced.isEmpty)
        #expect(map.placed.map(\.photo) == [0, 0, 2])
        // Scores: only the poor ones are words.
        #expect(map.photos[0].poorScores.isEmpty)
        #expect(map.photos[2].poorScores == ["quality 0.55 (poor)", "blur 0.80 (blurred)"])
        #expect(map.photos[1].scores == nil)
    }

    @Test func aReplyWithoutTheSlotPrefixOrWithAFolderStillMatchesByFileName() throws {
        let result = try summary(
            """
            {"originalImageId":"IMG_0002.jpg","boundingBoxInformation":[{"partComponent":"left front door","damageType":"dent"}]},
            {"originalImageId":"uploads/DAMAGE_img_0009.jpg","boundingBoxInformation":[{"partComponent":"hood","damageType":"dent"}]},
            {"originalImageId":"somebody_else.jpg","boundingBoxInformation":[{"partComponent":"roof","damageType":"hail"}]},
            {"boundingBoxInformation":[{"partComponent":"mirror","damageType":"crack"}]}
            """)
        let map = PhotoDamageMap.match(photos: photos, result: result)
        #expect(map.photos[1].damage.map(\.part) == ["left front door"])
        #expect(map.photos[3].damage.map(\.part) == ["hood"])
        // What names no photo of this inspection is kept, never dropped or put on a wrong photo.
        #expect(map.unplaced.map(\.part) == ["roof", "mirror"])
    }

    @Test func noResultMeansEveryPhotoWithoutDamage() {
        let map = PhotoDamageMap.match(photos: photos, result: nil)
        #expect(map.photos.count == 4)
        #expect(map.photos.allSatisfy { $0.damage.isEmpty })
        #expect(map.unplaced.isEmpty)
    }

    @Test func boxesInPixelsBecomeFractionsOfThePhotoAndNonsenseIsDropped() {
        let pixels = DamageBox(x: 160, y: 120, width: 320, height: 240)
        #expect(
            pixels.fractions(pixelWidth: 640, pixelHeight: 480) == DamageBox(x: 0.25, y: 0.25, width: 0.5, height: 0.5))
        #expect(pixels.fractions(pixelWidth: nil, pixelHeight: nil) == nil)
        // Clamped into the photo.
        let overhanging = DamageBox(x: 0.9, y: 0.5, width: 0.3, height: 0.2).fractions(
            pixelWidth: nil, pixelHeight: nil)
        #expect(overhanging.map { abs($0.width - 0.1) < 1e-9 } == true)
        #expect(DamageBox.read(["x": -1, "y": 0, "width": 1, "height": 1] as [String: Any]) == nil)
        #expect(DamageBox.read(["x": "NaN", "y": 0, "width": 1, "height": 1] as [String: Any]) == nil)
        #expect(
            DamageBox.read(["x1": 10, "y1": 20, "x2": 30, "y2": 60] as [String: Any])
                == DamageBox(x: 10, y: 20, width: 20, height: 40))
        #expect(DamageBox.read("0,0,1,1") == nil)
    }

    @Test func theVerdictSaysWhatItMeans() throws {
        var result = try summary(
            """
            {"originalImageId":"front_IMG_0001.jpg","boundingBoxInformation":[
              {"partComponent":"hood","damageType":"dent"},{"partComponent":"grille","damageType":"crack"}]}
            """)
        #expect(result.damageWords() == "2 damaged parts — recommendation: Review")
        #expect(result.damageWords(comparison: true) == "2 new damaged parts — recommendation: Review")
        #expect(!result.isClean)
        result.damagedParts = []
        result.recommendation = "Approved"
        #expect(result.damageWords() == "no damage found — recommendation: Approved")
        #expect(result.isClean)
        result.vehicleType = "van"
        #expect(result.differingVehicleType(entered: .carSUV) == "Van")
        #expect(result.differingVehicleType(entered: .van) == nil)
        result.vehicleType = "car"
        #expect(result.differingVehicleType(entered: .carSedan) == nil)
        result.readings = [
            "odometerReading": "42100", "make": "Toyota", "model": "Corolla", "licensePlateReading": "KA01AB1234",
        ]
        #expect(result.vehicleReadings.map(\.title) == ["Odometer", "Plate", "Make/model"])
        #expect(result.vehicleReadings.last?.value == "Toyota Corolla")
    }
}
