import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// A result in the documented shape (API.md §3: `coordinates`, `imageWidth`, `imageHeight`) draws its box on the
/// board's large photo exactly where the same box given in fractions is drawn.
@Suite struct DetailBoxFromResultTests {
    /// insp-5's damage as Inspektlabs would send it: corners in pixels of the 1280×960 image it measured (the
    /// kiosk's photo is 640×480), and a polygon of points in fractions.
    static func damageFromResult(swapped: Bool = false) throws -> [DamagedPart] {
        let corners = swapped ? "[480, 320, 720, 960]" : "[320, 480, 960, 720]"
        let json = """
            {"status":"Available","inspectionId":"sess-5","relevantImages":[
             {"originalImageId":"front_IMG_1000.jpg","imageWidth":1280,"imageHeight":960,"boundingBoxInformation":[
               {"partComponent":"front bumper","damageType":"scratch","damageSeverityScore":0.3,"confidenceScore":0.91,
                "coordinates":\(corners)},
               {"partComponent":"hood","damageType":"dent","damageSeverityScore":0.5,"confidenceScore":0.8}]},
             {"originalImageId":"left_IMG_1002.jpg","boundingBoxInformation":[
               {"partComponent":"left door","damageType":"dent","damageSeverityScore":0.7,"confidenceScore":0.84,
                "coordinates":[[0.125, 0.25], [0.625, 0.3], [0.5, 0.625], [0.15, 0.5]]}]}]}
            """
        return try ResultDocument.summary(from: Data(json.utf8)).damagedParts
    }

    /// The same damage with its boxes in fractions (binary ones, so both paths give the very same numbers).
    static let reference: [DamagedPart] = {
        var parts = ScreenFixtures.damageOnPhotos.damagedParts
        parts[0].box = DamageBox(x: 0.25, y: 0.5, width: 0.5, height: 0.25)
        parts[2].box = DamageBox(x: 0.125, y: 0.25, width: 0.5, height: 0.375)
        return parts
    }()

    /// The detail of insp-5 with `parts` as its damage, the `damage`-th shown large.
    static func zoomed(_ parts: [DamagedPart], damage: Int, size: Size) -> Screen {
        var result = ScreenFixtures.damageOnPhotos
        result.damagedParts = parts
        var state = ScreenFixtures.boardAllStates(size)
        state.board.list.selected = state.inspections.firstIndex { $0.id == "insp-5" } ?? 0
        _ = update(&state, .key(.enter))
        state.modifyInspection(id: "insp-5") { $0.result = result }
        for case .screen(.detail(.loadPhotoPreview(let path))) in update(
            &state, .screen(.detail(.detailLoaded(id: "insp-5", events: [], result: result))))
        {
            _ = update(
                &state,
                .screen(
                    .detail(
                        .photoPreviewLoaded(
                            path: path,
                            DetailPreview(
                                thumbnail: ScreenFixtures.sampleThumbnail, pixelWidth: 640, pixelHeight: 480)))))
        }
        for _ in 0...damage { _ = update(&state, .key(.tab)) }
        _ = update(&state, .key(.enter))
        return view(state, size: size)
    }

    @Test(arguments: [ScreenFixtures.small, ScreenFixtures.large])
    func theBoxIsDrawnWhereTheResultPutsIt(size: Size) throws {
        let parts = try Self.damageFromResult()
        for damage in [0, 2] {
            let fromResult = Self.zoomed(parts, damage: damage, size: size)
            let reference = Self.zoomed(Self.reference, damage: damage, size: size)
            #expect(text(fromResult) == text(reference), "damage \(damage + 1) at \(size)")
            #expect(!text(fromResult).contains("The result gives no box"))
        }
        // A reader that swapped x and y (or width and height) would draw elsewhere: the comparison can fail.
        let swapped = Self.zoomed(try Self.damageFromResult(swapped: true), damage: 0, size: size)
        #expect(text(swapped) != text(Self.zoomed(parts, damage: 0, size: size)))
    }

    @Test func theBoxesReadFromTheResultAreTheFixturesFractions() throws {
        #expect(try Self.damageFromResult().map(\.box) == Self.reference.map(\.box))
    }
}
