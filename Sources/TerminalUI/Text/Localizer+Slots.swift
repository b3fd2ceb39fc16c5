import InspektCore
import InspektLanguage

extension Localizer {
    /// A checklist slot's name in the operator's language.
    func slot(_ slot: CoverageSlot) -> String {
        switch slot {
        case .front: self("slot.front")
        case .frontLeft: self("slot.front-left")
        case .left: self("slot.left")
        case .rearLeft: self("slot.rear-left")
        case .rear: self("slot.rear")
        case .rearRight: self("slot.rear-right")
        case .right: self("slot.right")
        case .frontRight: self("slot.front-right")
        case .odometer: self("slot.odometer")
        case .vin: self("slot.vin")
        case .interior: self("slot.interior")
        case .damage: self("slot.damage")
        }
    }
}
