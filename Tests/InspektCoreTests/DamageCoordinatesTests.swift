import Foundation
import InspektCore
import Testing

/// `coordinates` (API.md §3) in every shape the project reads, through the result reader itself. Every fixture
/// box has x ≠ y and width ≠ height, so a reader that swaps them fails.
@Suite struct DamageCoordinatesTests {
    /// The one damage of a result whose only image carries `image` fields and a box with `coordinates`.
    func damage(_ coordinates: String, image: String = "") throws -> DamagedPart {
        let json = """
            {"status":"Available","inspectionId":"in1","relevantImages":[{"originalImageId":"front_IMG_1.jpg"\(image),
             "boundingBoxInformation":[{"partComponent":"front bumper","damageType":"dent","coordinates":\(coordinates)}]}]}
            """
        return try #require(try ResultDocument.summary(from: Data(json.utf8)).damagedParts.first)
    }

    func expectBox(
        _ box: DamageBox?, _ x: Double, _ y: Double, _ width: Double, _ height: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let box else {
            Issue.record("no box", sourceLocation: sourceLocation)
            return
        }
        let close = [box.x - x, box.y - y, box.width - width, box.height - height].allSatisfy { abs($0) < 1e-9 }
        #expect(close, "\(box) is not x \(x) y \(y) \(width)×\(height)", sourceLocation: sourceLocation)
    }

    @Test func fourNumbersAreCornersInFractions() throws {
        expectBox(try damage("[0.1, 0.2, 0.4, 0.8]").box, 0.1, 0.2, 0.3, 0.6)
        // Corners given the other way round are the same rectangle.
        expectBox(try damage("[0.4, 0.8, 0.1, 0.2]").box, 0.1, 0.2, 0.3, 0.6)
    }

    @Test func cornersInPixelsAreOfTheImageInspektlabsMeasured() throws {
        // 800×400 as Inspektlabs saw it: whatever size the kiosk's photo is, these are its fractions.
        let box = try damage("[80, 120, 200, 360]", image: #","imageWidth":800,"imageHeight":400"#).box
        expectBox(box, 0.1, 0.3, 0.15, 0.6)
        expectBox(box?.fractions(pixelWidth: 4000, pixelHeight: 3000), 0.1, 0.3, 0.15, 0.6)
        // Sizes sent as text are read too.
        expectBox(
            try damage("[80, 120, 200, 360]", image: #","imageWidth":"800","imageHeight":"400""#).box, 0.1, 0.3, 0.15,
            0.6)
    }

    @Test func pixelsWithoutTheImageSizeAreOfThePhotoItself() throws {
        let box = try #require(try damage("[64, 240, 320, 360]").box)
        #expect(!box.isFraction)
        #expect(box.fractions(pixelWidth: nil, pixelHeight: nil) == nil, "pixels of an unknown size cannot be placed")
        expectBox(box.fractions(pixelWidth: 640, pixelHeight: 480), 0.1, 0.5, 0.4, 0.25)
    }

    @Test func aPolygonOfPairsIsReadAsTheRectangleAroundIt() throws {
        let box = try damage("[[0.1, 0.5], [0.3, 0.2], [0.4, 0.6], [0.15, 0.7]]").box
        expectBox(box, 0.1, 0.2, 0.3, 0.5)
    }

    @Test func aPolygonOfPointObjectsInPixels() throws {
        let points = #"[{"x": 100, "y": 50}, {"x": 400, "y": 300}, {"x": 250, "y": 450}]"#
        expectBox(try damage(points, image: #","imageWidth":1000,"imageHeight":500"#).box, 0.1, 0.1, 0.3, 0.8)
        // Four points are a polygon, not corners.
        let four = "[[0.2, 0.1], [0.6, 0.1], [0.6, 0.3], [0.2, 0.3]]"
        expectBox(try damage(four).box, 0.2, 0.1, 0.4, 0.2)
    }

    @Test func anObjectWithAnOriginAndASize() throws {
        expectBox(try damage(#"{"x": 0.1, "y": 0.3, "width": 0.5, "height": 0.2}"#).box, 0.1, 0.3, 0.5, 0.2)
        expectBox(try damage(#"{"x": 0.1, "y": 0.3, "w": 0.5, "h": 0.2}"#).box, 0.1, 0.3, 0.5, 0.2)
        let pixels = #"{"x": 160, "y": 360, "width": 320, "height": 120}"#
        expectBox(try damage(pixels, image: #","imageWidth":1600,"imageHeight":1200"#).box, 0.1, 0.3, 0.2, 0.1)
    }

    @Test func anObjectWithTwoCorners() throws {
        expectBox(try damage(#"{"x1": 0.1, "y1": 0.3, "x2": 0.6, "y2": 0.5}"#).box, 0.1, 0.3, 0.5, 0.2)
        let pixels = #"{"x1": 64, "y1": 144, "x2": 384, "y2": 240}"#
        expectBox(try damage(pixels, image: #","imageWidth":640,"imageHeight":480"#).box, 0.1, 0.3, 0.5, 0.2)
    }

    @Test func onlyValuesAllWithinZeroAndOneAreFractions() throws {
        // One value over 1: all are pixels (of 1000×1000 here), even the ones under 1.
        expectBox(
            try damage("[0.5, 0.5, 200, 400]", image: #","imageWidth":1000,"imageHeight":1000"#).box, 0.0005, 0.0005,
            0.1995, 0.3995)
        // All within 0...1 are fractions, even with an image size given.
        expectBox(
            try damage("[0.1, 0.2, 1, 0.5]", image: #","imageWidth":1000,"imageHeight":800"#).box, 0.1, 0.2, 0.9, 0.3)
        // A box reaching past the image is cut to it.
        expectBox(
            try damage("[600, 120, 900, 360]", image: #","imageWidth":800,"imageHeight":400"#).box, 0.75, 0.3, 0.25, 0.6
        )
    }

    @Test func anyOtherShapeIsPositionUnknownAndTheDamageIsStillListed() throws {
        let unknown = [
            #""0,0,1,1""#, "[1, 2, 3]", "[[1, 2, 3]]", #"{"left": 1, "top": 2}"#, "null", "[0.1, -0.2, 0.4, 0.8]",
            #"["NaN", 0, 1, 1]"#, "[0.1, 0.2, 0.1, 0.8]", "[[0.1, 0.2]]", "[]", "42", #"[[0.1, 0.2], "x"]"#,
        ]
        for coordinates in unknown {
            let part = try damage(coordinates)
            #expect(part.part == "front bumper", "\(coordinates)")
            #expect(part.box == nil, "\(coordinates)")
        }
        // No `coordinates` at all: listed, without a place.
        let json =
            #"{"status":"Available","inspectionId":"in1","relevantImages":[{"boundingBoxInformation":[{"partComponent":"hood","damageType":"dent"}]}]}"#
        let summary = try ResultDocument.summary(from: Data(json.utf8))
        #expect(summary.damagedParts.map(\.part) == ["hood"])
        #expect(summary.damagedParts.first?.box == nil)
    }

    @Test func aFieldNamedBoundingBoxIsNotRead() throws {
        // The name is not in the documentation: a reader that falls back to it would agree with a wrong simulator.
        let json = """
            {"status":"Available","inspectionId":"in1","relevantImages":[{"boundingBoxInformation":[
              {"partComponent":"hood","damageType":"dent","boundingBox":[0.1, 0.2, 0.4, 0.8]}]}]}
            """
        #expect(try ResultDocument.summary(from: Data(json.utf8)).damagedParts.first?.box == nil)
    }
}
