import TerminalUI

/// How much colour the terminal gets: decided once, from the environment and terminfo.
public enum ColorSupport: Sendable, Hashable {
    /// Roles become bold / reverse / dim only.
    case none
    /// The eight ANSI colours.
    case basic
    /// The xterm 256-colour palette (6×6×6 cube and grey ramp).
    case extended

    /// Whether the environment forbids colour: `NO_COLOR` set and non-empty, or `TERM=dumb`/unset.
    public static func forbiddenByEnvironment(_ environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return true }
        let term = environment["TERM"] ?? ""
        return term.isEmpty || term == "dumb"
    }

    /// The level the terminal's colour count allows.
    public static func from(colorCount: Int, hasColors: Bool) -> ColorSupport {
        guard hasColors, colorCount >= 8 else { return .none }
        return colorCount >= 256 ? .extended : .basic
    }

    /// The palette index closest to `rgb`.
    public func index(of rgb: RGB) -> Int16 {
        switch self {
        case .none: return -1
        case .basic: return Self.basicIndex(rgb)
        case .extended: return Self.extendedIndex(rgb)
        }
    }

    static func basicIndex(_ rgb: RGB) -> Int16 {
        // Each channel on or off around the middle; bright pixels with all channels on are white.
        let r: Int16 = rgb.r >= 128 ? 1 : 0
        let g: Int16 = rgb.g >= 128 ? 2 : 0
        let b: Int16 = rgb.b >= 128 ? 4 : 0
        return r | g | b
    }

    static func extendedIndex(_ rgb: RGB) -> Int16 {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<levels.count where abs(levels[i] - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let ri = nearestLevel(rgb.r), gi = nearestLevel(rgb.g), bi = nearestLevel(rgb.b)
        let cubeDistance = sq(levels[ri] - Int(rgb.r)) + sq(levels[gi] - Int(rgb.g)) + sq(levels[bi] - Int(rgb.b))
        // The grey ramp (232…255: 8, 18, …, 238) is finer for near-grey pixels.
        let mean = (Int(rgb.r) + Int(rgb.g) + Int(rgb.b)) / 3
        let greyStep = max(0, min(23, (mean - 3) / 10))
        let grey = 8 + 10 * greyStep
        let greyDistance = sq(grey - Int(rgb.r)) + sq(grey - Int(rgb.g)) + sq(grey - Int(rgb.b))
        if greyDistance < cubeDistance { return Int16(232 + greyStep) }
        return Int16(16 + 36 * ri + 6 * gi + bi)
    }

    private static func sq(_ v: Int) -> Int { v * v }
}
