import Foundation
import InspektCore
import Testing

/// The pickup photo beside a return photo: the same angle, else the pickup photo whose result lists the part,
/// else the walk-around angle that faces the part. (Their words: ComparisonWordsTests, beside the catalogs.)
@Suite struct PickupCounterpartTests {
    static func pickup(_ photos: [PhotoSelection], damage: [DamagedPart] = []) -> Inspection {
        var inspection = Inspection(
            id: "out", facts: CaseFacts(caseID: "PICKUP"), state: .available, photos: photos,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        inspection.result = ResultSummary(
            verdict: .available, caseID: "PICKUP", inspectionID: "s1", damagedParts: damage)
        return inspection
    }

    let walkAround = CoverageSlot.walkAround.map { PhotoSelection(slot: $0, path: "/out/\($0.rawValue).jpg") }

    @Test func aWalkAroundPhotoStandsBesideThePickupPhotoOfTheSameAngle() throws {
        let back = PhotoSelection(slot: .rearLeft, path: "/back/rl.jpg")
        let found = try #require(
            PickupCounterpart.find(
                for: back, damage: [DamagedPart(part: "front bumper", damageType: "dent")],
                pickup: Self.pickup(walkAround)))
        #expect(found.photo.slot == .rearLeft)
        #expect(found.reason == .sameSlot)
    }

    @Test func aCloseUpStandsBesideThePickupPhotoWhoseResultListsThePart() throws {
        let closeUp = PhotoSelection(slot: .damage, path: "/back/close.jpg")
        let pickup = Self.pickup(
            walkAround + [PhotoSelection(slot: .damage, path: "/out/close.jpg")],
            damage: [
                DamagedPart(part: "Left_Front Door", damageType: "scratch", photo: "front-left_front-left.jpg")
            ])
        let found = try #require(
            PickupCounterpart.find(
                for: closeUp, damage: [DamagedPart(part: "left front door", damageType: "dent")], pickup: pickup))
        // Not the pickup's own close-up (of who knows what), and not the side the table would pick first.
        #expect(found.photo.path == "/out/front-left.jpg")
        #expect(found.reason == .partInResult(part: "left front door"))
    }

    @Test func elseTheWalkAroundAngleThatFacesThePart() throws {
        let closeUp = PhotoSelection(slot: .damage, path: "/back/close.jpg")
        let found = try #require(
            PickupCounterpart.find(
                for: closeUp, damage: [DamagedPart(part: "right rear quarter panel", damageType: "dent")],
                pickup: Self.pickup(walkAround)))
        #expect(found.photo.slot == .rearRight)
        #expect(found.reason == .facingSlot(part: "right rear quarter panel"))
        // A pickup without that angle: the next one that faces the part.
        let fewer = Self.pickup(walkAround.filter { $0.slot != .rearRight })
        #expect(
            PickupCounterpart.find(
                for: closeUp, damage: [DamagedPart(part: "right rear quarter panel", damageType: "dent")],
                pickup: fewer)?.photo.slot == .rear)
        // A part no walk-around shows, and no pickup at all: nothing to stand beside it.
        #expect(
            PickupCounterpart.find(
                for: closeUp, damage: [DamagedPart(part: "roof", damageType: "hail")], pickup: Self.pickup(walkAround))
                == nil)
        #expect(
            PickupCounterpart.find(for: closeUp, damage: [DamagedPart(part: "hood", damageType: "dent")], pickup: nil)
                == nil)
    }

    @Test(arguments: [
        ("front bumper", CoverageSlot.front), ("hood", .front), ("rear windshield", .rear), ("trunk", .rear),
        ("left front door", .left), ("right rear door", .right), ("left mirror", .left),
        ("left front fender", .frontLeft),
        ("right taillamp", .rearRight), ("left headlamp", .frontLeft), ("rear_right_quarter_panel", .rearRight),
        ("Right Running Board", .right),
    ])
    func thePartToAngleTable(part: String, slot: CoverageSlot) {
        #expect(PartSlots.facing(part).first == slot, "\(part): \(PartSlots.facing(part))")
    }

    @Test func newDamageIsNumberedThroughThePhotosInChecklistOrder() {
        let back = [
            PhotoSelection(slot: .rear, path: "/back/rear.jpg"), PhotoSelection(slot: .front, path: "/back/front.jpg"),
            PhotoSelection(slot: .left, path: "/back/left.jpg"),
        ]
        var returned = Self.pickup(back)
        returned.id = "back"
        let result = ResultSummary(
            verdict: .available, caseID: "CMP", inspectionID: "s3",
            damagedParts: [
                DamagedPart(part: "trunk", damageType: "dent", photo: "rear_rear.jpg"),
                DamagedPart(part: "hood", damageType: "crack", photo: "front_front.jpg"),
                DamagedPart(part: "grille", damageType: "crack", photo: "front_front.jpg"),
                DamagedPart(part: "roof", damageType: "hail"),
            ])
        let layout = NewDamagePhotos.make(result: result, pickup: Self.pickup(walkAround), returned: returned)
        #expect(
            layout.pairs.map(\.returnPhoto.photo.slot) == [.front, .rear],
            "only photos with new damage, in checklist order")
        #expect(layout.pairs.map(\.firstNumber) == [1, 3])
        #expect(layout.pairs.map { $0.pickup?.photo.slot } == [.front, .rear])
        #expect(layout.unplaced.map(\.part) == ["roof"])
        #expect(layout.count == 4)
    }
}
