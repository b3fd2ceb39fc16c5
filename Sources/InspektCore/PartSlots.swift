/// Which walk-around slots face a part of a car: where a damage seen on a close-up can be looked for on
/// another inspection's walk-around (the pickup photo beside a return's close-up).
///
/// Part names come from the result as free text ("left front door", "Front Bumper", "rear_left_tail_lamp"):
/// they are read by their words — a side (left, right), an end (front, rear, or a part only one end has: hood,
/// grille, headlamp; trunk, tailgate, taillamp) and whether the part is seen best from the side (doors,
/// mirrors, sills) or from a corner (fenders, quarter panels, wheels).
public enum PartSlots {
    /// The walk-around slots that face `part`, best first; empty for a part no walk-around photo shows (roof, seat).
    public static func facing(_ part: String) -> [CoverageSlot] {
        let words = Set(part.lowercased().split { !$0.isLetter }.map(String.init))
        let side: Side? =
            words.contains("left") || words.contains("lh")
            ? .left : (words.contains("right") || words.contains("rh") ? .right : nil)
        let end: End? =
            !words.isDisjoint(with: rearWords) ? .rear : (!words.isDisjoint(with: frontWords) ? .front : nil)
        let sideways = !words.isDisjoint(with: sideParts)
        switch (side, end) {
        case let (side?, end?):
            let corner = self.corner(side, end)
            return sideways ? [side.slot, corner] : [corner, end.slot, side.slot]
        case let (side?, nil):
            return [side.slot, corner(side, .front), corner(side, .rear)]
        case let (nil, end?):
            return [end.slot, corner(.left, end), corner(.right, end)]
        case (nil, nil):
            return []
        }
    }

    enum Side {
        case left, right
        var slot: CoverageSlot { self == .left ? .left : .right }
    }

    enum End {
        case front, rear
        var slot: CoverageSlot { self == .front ? .front : .rear }
    }

    static func corner(_ side: Side, _ end: End) -> CoverageSlot {
        switch (side, end) {
        case (.left, .front): .frontLeft
        case (.left, .rear): .rearLeft
        case (.right, .front): .frontRight
        case (.right, .rear): .rearRight
        }
    }

    /// Words that put a part at the front; "windshield" alone is the front one.
    static let frontWords: Set<String> = [
        "front", "hood", "bonnet", "grille", "grill", "headlamp", "headlight", "windshield", "windscreen", "fog",
        "foglamp",
    ]
    /// Words that put a part at the rear (checked first: "rear windshield" is at the rear).
    static let rearWords: Set<String> = [
        "rear", "back", "trunk", "boot", "tailgate", "taillamp", "taillight", "tail", "dicky", "dickey",
    ]
    /// Parts a side photo shows best, even when they also have an end ("left front door").
    static let sideParts: Set<String> = [
        "door", "doors", "mirror", "sill", "running", "pillar", "window", "handle", "rocker",
    ]
}
