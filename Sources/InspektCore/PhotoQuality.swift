import Foundation

/// What Inspektlabs' Photo Quality API (Q Score, API.md §6) said about one photo. Every figure may be missing:
/// the reply's shape is not public, and only what was found is kept.
public struct PhotoQuality: Sendable, Codable, Hashable {
    /// `Q_score`, 1 (unusable) to 5 (good).
    public var qScore: Double?
    /// `orientation`: `Left`, `Right`, `Front`, `Rear` or `Unclear`, as sent.
    public var orientation: String?
    /// `blur`, 1 (blurred) to 5 (sharp).
    public var blur: Double?
    /// `luma`, 1 (dark) to 5 (well lit).
    public var luma: Double?
    /// `angle`: degrees (`0..180`) or `Inconclusive`, as text.
    public var angle: String?
    /// `zoom`: 1..10 or `Inconclusive`, as text.
    public var zoom: String?
    /// `resolution`, e.g. `2016 x 1512`.
    public var resolution: String?

    public init(
        qScore: Double? = nil, orientation: String? = nil, blur: Double? = nil, luma: Double? = nil,
        angle: String? = nil,
        zoom: String? = nil, resolution: String? = nil
    ) {
        self.qScore = qScore
        self.orientation = orientation
        self.blur = blur
        self.luma = luma
        self.angle = angle
        self.zoom = zoom
        self.resolution = resolution
    }

    /// At or under this score a photo is refused before the session is spent (unless the operator forces it); the
    /// doubts in words: `Localizer.qScoreProblems` (InspektWords).
    public static let lowestAccepted: Double = 2

    /// The side of the vehicle the photo shows, when Inspektlabs could tell (`Unclear` and anything else: nil).
    public var side: VehicleSide? { orientation.flatMap(VehicleSide.init(reply:)) }

    /// The side shown when it is none of those the slot expects; nil when it fits, is unclear, or the slot has no side.
    public func wrongSide(for slot: CoverageSlot) -> VehicleSide? {
        guard let side, let expected = slot.sides, !expected.contains(side) else { return nil }
        return side
    }

    /// `4` for 4.0, `3.5` otherwise.
    public static func figure(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

/// A side of the vehicle as Q Score's `orientation` names it.
public enum VehicleSide: String, Sendable, Codable, Hashable, CaseIterable {
    case front = "Front"
    case rear = "Rear"
    case left = "Left"
    case right = "Right"

    /// Reads a reply's text, case-insensitively; `Unclear` and unknown words are no side.
    public init?(reply text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let side = VehicleSide.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = side
    }
}

extension CoverageSlot {
    /// The `photo_tag` Q Score is told (API.md §6 Choice): `front_side`, `front_left`, ..., `damage`.
    public var photoTag: String {
        switch self {
        case .front: "front_side"
        case .frontLeft: "front_left"
        case .left: "left_side"
        case .rearLeft: "rear_left"
        case .rear: "rear_side"
        case .rearRight: "rear_right"
        case .right: "right_side"
        case .frontRight: "front_right"
        case .odometer: "odometer"
        case .vin: "vin"
        case .interior: "interior"
        case .damage: "damage"
        case .video: "video"  // never asked: Q Score judges photos, a video is refused there
        }
    }

    /// The sides a photo for this slot may show (a corner shows two); nil for extras, which show no side.
    public var sides: Set<VehicleSide>? {
        switch self {
        case .front: [.front]
        case .frontLeft: [.front, .left]
        case .left: [.left]
        case .rearLeft: [.rear, .left]
        case .rear: [.rear]
        case .rearRight: [.rear, .right]
        case .right: [.right]
        case .frontRight: [.front, .right]
        case .odometer, .vin, .interior, .damage, .video: nil
        }
    }
}
