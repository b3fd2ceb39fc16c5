import CNCurses
import TerminalUI

/// Resolves a `CellStyle` to curses attributes and a colour pair; role pairs are defined once,
/// pairs for thumbnail pixels on demand.
struct StylePalette {
    let support: ColorSupport
    let pairLimit: Int
    /// Set when a pixel found no free pair and was drawn without its colours.
    private var exhausted = false
    /// Pixel pairs asked for since the frame began.
    private var usedThisFrame: Set<Int32> = []

    private var rolePairs: [Int32] = Array(repeating: 0, count: StyleRole.allCases.count)
    private var roleAttributes: [attr_t] = Array(repeating: 0, count: StyleRole.allCases.count)
    private var pixelPairs: [Int32: Int32] = [:]
    private var nextPixelPair: Int32 = Self.firstPixelPair

    private static let firstPixelPair: Int32 = 16
    // Curses colour numbers (the COLOR_* macros).
    private static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3
    private static let cyan: Int16 = 6

    init(support: ColorSupport, pairLimit: Int) {
        self.support = support
        self.pairLimit = pairLimit
    }

    /// Defines one pair per role (needs `start_color` done when colour is on).
    mutating func defineRolePairs() {
        let bold = inspekt_a_bold(), dim = inspekt_a_dim(), reverse = inspekt_a_reverse()
        for role in StyleRole.allCases {
            let index = Int(role.rawValue)
            let pairNumber = Int32(index + 1)
            var foreground: Int16 = -1
            var background: Int16 = -1
            var attributes: attr_t = 0
            switch (role, support) {
            case (.normal, _): break
            case (.focus, .none): attributes = bold
            case (.focus, _): foreground = Self.cyan; attributes = bold
            // Dim rather than a grey: 4 bytes on the wire instead of 11, on every muted run.
            case (.muted, _): attributes = dim
            case (.ok, .none): break
            case (.ok, _): foreground = Self.green
            case (.warn, .none): attributes = bold
            case (.warn, _): foreground = Self.yellow
            case (.error, .none): attributes = bold
            case (.error, _): foreground = Self.red; attributes = bold
            case (.selected, .none): attributes = reverse
            // A highlighted row as black on cyan rather than reversed: blanks of a plain colour can
            // be sent as "erase n characters" on terminals with back-colour erase.
            case (.selected, _): foreground = Self.black; background = Self.cyan
            case (.title, _): attributes = bold
            }
            roleAttributes[index] = attributes
            if support != .none, foreground != -1 || background != -1 {
                _ = inspekt_init_pair(pairNumber, Int32(foreground), Int32(background))
                rolePairs[index] = pairNumber
            }
        }
    }

    /// Attributes and pair number for a style; `blank` is a space in a long run of them, on which
    /// bold shows nothing.
    mutating func resolve(_ style: CellStyle, blank: Bool = false) -> (attr_t, Int32) {
        let index = Int(style.role.rawValue)
        var attributes = roleAttributes[index]
        // Bold or dim on a space changes nothing visible, but would stop ncurses from erasing a run
        // of blanks in one short sequence.
        if blank { attributes &= ~(inspekt_a_bold() | inspekt_a_dim()) }
        // The selected role carries its highlight as a colour bar, whole: reversing would undo it,
        // and bold inside it would cost an attribute change at every blank.
        let bar = style.role == .selected && support != .none
        if style.bold && !blank && !bar { attributes |= inspekt_a_bold() }
        if style.reverse && !bar { attributes |= inspekt_a_reverse() }
        if style.underline { attributes |= inspekt_a_underline() }
        var pair = rolePairs[index]
        if support != .none, style.foregroundRGB != nil || style.backgroundRGB != nil {
            let foreground = style.foregroundRGB.map { support.index(of: $0) } ?? -1
            let background = style.backgroundRGB.map { support.index(of: $0) } ?? -1
            pair = pixelPair(foreground: foreground, background: background)
        }
        return (attributes, pair)
    }

    /// Call before each frame. Returns true when stale pixel pairs were dropped to make room, so
    /// that the frame must be drawn in full (cells on screen may use a pair that now means another
    /// colour). Pairs are only ever recycled between frames, never within one.
    mutating func beginFrame() -> Bool {
        defer {
            exhausted = false
            usedThisFrame.removeAll(keepingCapacity: true)
        }
        // Recycle only when the last frame ran short and some pairs belong to pictures gone by.
        guard exhausted, usedThisFrame.count < pixelPairs.count else { return false }
        pixelPairs.removeAll(keepingCapacity: true)
        nextPixelPair = Self.firstPixelPair
        return true
    }

    private mutating func pixelPair(foreground: Int16, background: Int16) -> Int32 {
        let key = Int32(UInt16(bitPattern: foreground)) << 16 | Int32(UInt16(bitPattern: background))
        usedThisFrame.insert(key)
        if let pair = pixelPairs[key] { return pair }
        guard Int(nextPixelPair) < pairLimit else {
            exhausted = true
            return 0
        }
        let pair = nextPixelPair
        nextPixelPair += 1
        _ = inspekt_init_pair(pair, Int32(foreground), Int32(background))
        pixelPairs[key] = pair
        return pair
    }
}
