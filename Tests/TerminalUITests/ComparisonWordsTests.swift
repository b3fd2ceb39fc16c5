import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import Testing

/// What the comparison screen and its report say beside the layout `PickupCounterpartTests` checks: why a pickup
/// photo stands beside a return photo, and the comparison's verdict, in the catalog's English.
@Suite struct ComparisonWordsTests {
    let english = Languages.english

    static func inspection(_ id: String, _ photos: [PhotoSelection], damage: [DamagedPart] = []) -> Inspection {
        var inspection = Inspection(
            id: id, facts: CaseFacts(caseID: id.uppercased()), state: .available, photos: photos,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        inspection.result = ResultSummary(
            verdict: .available, caseID: id.uppercased(), inspectionID: "s-\(id)", damagedParts: damage)
        return inspection
    }

    let walkAround = CoverageSlot.walkAround.map { PhotoSelection(slot: $0, path: "/out/\($0.rawValue).jpg") }

    @Test func aPickupPhotoChosenByItsResultSaysSo() throws {
        let pickup = Self.inspection(
            "pickup", walkAround,
            damage: [DamagedPart(part: "Left_Front Door", damageType: "scratch", photo: "front-left_front-left.jpg")])
        let found = try #require(
            PickupCounterpart.find(
                for: PhotoSelection(slot: .damage, path: "/back/close.jpg"),
                damage: [DamagedPart(part: "left front door", damageType: "dent")], pickup: pickup))
        #expect(english.counterpart(found) == "the pickup result lists left front door on it")
    }

    @Test func eachReasonInWordsWithThePartEscaped() {
        let photo = walkAround[0]
        #expect(english.counterpart(PickupCounterpart(photo: photo, reason: .sameSlot)) == "same angle")
        #expect(
            english.counterpart(PickupCounterpart(photo: photo, reason: .facingSlot(part: "right rear quarter panel")))
                == "this angle faces the right rear quarter panel")
        // A part name is Inspektlabs' text: shown as it came, but never as a terminal escape.
        #expect(
            english.counterpart(PickupCounterpart(photo: photo, reason: .partInResult(part: "hood\u{1B}[2J")))
                == "the pickup result lists hood\\e[2J on it")
    }

    @Test func theVerdictCountsEveryNewDamagePlacedOrNot() {
        let returned = Self.inspection("back", [PhotoSelection(slot: .front, path: "/back/front.jpg")])
        let result = ResultSummary(
            verdict: .available, caseID: "CMP", inspectionID: "s3",
            damagedParts: [
                DamagedPart(part: "hood", damageType: "crack", photo: "front_front.jpg"),
                DamagedPart(part: "grille", damageType: "crack", photo: "front_front.jpg"),
                DamagedPart(part: "roof", damageType: "hail"),
            ])
        #expect(NewDamagePhotos.make(result: result, pickup: nil, returned: returned).count == 3)
        #expect(english.newDamage(result) == "3 new damages found")
        let one = ResultSummary(
            verdict: .available, caseID: "CMP", inspectionID: "s4",
            damagedParts: [DamagedPart(part: "roof", damageType: "hail")])
        #expect(english.newDamage(one) == "1 new damage found")
        #expect(
            english.newDamage(ResultSummary(verdict: .available, caseID: "CMP", inspectionID: "s5"))
                == "No new damage found")
    }
}
