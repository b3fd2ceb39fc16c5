/// One place on the coverage checklist: the eight walk-around angles, then the useful extras.
public enum CoverageSlot: String, CaseIterable, Sendable, Codable, Hashable {
    case front
    case frontLeft = "front-left"
    case left
    case rearLeft = "rear-left"
    case rear
    case rearRight = "rear-right"
    case right
    case frontRight = "front-right"
    case odometer
    case vin
    case interior
    case damage

    /// The walk-around, in the order an operator walks it.
    public static let walkAround: [CoverageSlot] = [
        .front, .frontLeft, .left, .rearLeft, .rear, .rearRight, .right, .frontRight,
    ]

    /// The extras that help but are not required.
    public static let extras: [CoverageSlot] = [.odometer, .vin, .interior, .damage]

    /// Required by the default coverage profile.
    public var isRequired: Bool { CoverageSlot.walkAround.contains(self) }

    /// `damage` may hold many close-ups; every other slot holds one photo.
    public var allowsMany: Bool { self == .damage }

    /// Words for an operator.
    public var title: String {
        switch self {
        case .front: "Front"
        case .frontLeft: "Front-left"
        case .left: "Left side"
        case .rearLeft: "Rear-left"
        case .rear: "Rear"
        case .rearRight: "Rear-right"
        case .right: "Right side"
        case .frontRight: "Front-right"
        case .odometer: "Odometer"
        case .vin: "VIN plate"
        case .interior: "Interior"
        case .damage: "Damage close-up"
        }
    }

    /// Digit 1–8 that assigns a walk-around slot directly; nil for extras.
    public var shortcutDigit: Int? {
        CoverageSlot.walkAround.firstIndex(of: self).map { $0 + 1 }
    }

    /// Parses `front-left`, `front_left` or `frontleft`, case-insensitively.
    public init?(argument: String) {
        let folded = argument.lowercased().replacingOccurrences(of: "_", with: "-")
        if let slot = CoverageSlot(rawValue: folded) {
            self = slot
            return
        }
        let squashed = folded.replacingOccurrences(of: "-", with: "")
        guard
            let slot = CoverageSlot.allCases.first(where: {
                $0.rawValue.replacingOccurrences(of: "-", with: "") == squashed
            })
        else { return nil }
        self = slot
    }
}
