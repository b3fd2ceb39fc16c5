import InspektCore
import Testing

@Suite struct CoverageSlotTests {
    @Test func walkAroundOrderAndDigits() {
        #expect(
            CoverageSlot.walkAround.map(\.rawValue) == [
                "front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right",
            ])
        #expect(CoverageSlot.frontLeft.shortcutDigit == 2)
        #expect(CoverageSlot.odometer.shortcutDigit == nil)
        #expect(CoverageSlot.allCases.filter(\.isRequired).count == 8)
        #expect(CoverageSlot.damage.allowsMany)
    }

    @Test func parsesArguments() {
        #expect(CoverageSlot(argument: "FRONT_LEFT") == .frontLeft)
        #expect(CoverageSlot(argument: "rearright") == .rearRight)
        #expect(CoverageSlot(argument: "roof") == nil)
    }

    @Test func uploadNameCarriesSlotAndOriginalName() {
        let photo = PhotoSelection(slot: .frontLeft, path: "/inbox/IMG_0042.jpg")
        #expect(photo.uploadName == "front-left_IMG_0042.jpg")
    }

    @Test func missingSlotsInWalkAroundOrder() {
        let inspection = Inspection(
            facts: CaseFacts(caseID: "C-1"),
            photos: [PhotoSelection(slot: .front, path: "/a.jpg"), PhotoSelection(slot: .damage, path: "/b.jpg")])
        #expect(inspection.coveredRequired == 1)
        #expect(inspection.missingSlots.first == .frontLeft)
        #expect(inspection.missingSlots.count == 7)
    }
}
