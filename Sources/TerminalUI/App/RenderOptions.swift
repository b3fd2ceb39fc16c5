import InspektCore
import InspektLanguage

/// How the screen may draw: with or without colour, with or without Unicode glyphs, in which language.
///
/// Without colour, roles still carry meaning through words, glyphs, bold and reverse; the curses
/// adapter decides the actual colours.
public struct RenderOptions: Sendable, Hashable {
    /// Avoid line drawing and every non-ASCII glyph.
    public var ascii: Bool
    /// The terminal shows colour (NO_COLOR unset, TERM not dumb, colours available).
    public var color: Bool
    /// The operator's language (`LanguageChoice`).
    public var words: Localizer

    public init(ascii: Bool = false, color: Bool = true, words: Localizer = Languages.english) {
        self.ascii = ascii
        self.color = color
        self.words = words
    }

    /// Reads `NO_COLOR` (set and non-empty), `TERM=dumb`, `INSPEKT_ASCII=1` and the language (`INSPEKT_LANG`,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`); `asciiFlag` is `--ascii`.
    public static func fromEnvironment(_ environment: [String: String], asciiFlag: Bool = false) -> RenderOptions {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        let ascii = asciiFlag || environment["INSPEKT_ASCII"] == "1" || environment["TERM"] == "dumb"
        return RenderOptions(ascii: ascii, color: !noColor, words: Languages.localizer(environment: environment))
    }

    /// The glyph set these options allow.
    public var glyphs: Glyphs { ascii ? .ascii : .unicode }
}

/// Every non-letter symbol the screens draw, in a Unicode and an ASCII variant.
public struct Glyphs: Sendable, Hashable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var teeLeft, teeRight: String
    public var ellipsis, dash, times, check, cross, bullet, pointer, folder, arrowUp, separator: String
    public var barFull, barEmpty, dotted, dottedVertical: String
    public var heavyHorizontal, heavyVertical, heavyTopLeft, heavyTopRight, heavyBottomLeft, heavyBottomRight: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤",
        ellipsis: "…", dash: "—", times: "×", check: "✓", cross: "✗", bullet: "·", pointer: "▶", folder: "▸",
        arrowUp: "↑", separator: "·",
        barFull: "█", barEmpty: "░", dotted: "┄", dottedVertical: "┆",
        heavyHorizontal: "━", heavyVertical: "┃", heavyTopLeft: "┏", heavyTopRight: "┓", heavyBottomLeft: "┗",
        heavyBottomRight: "┛")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+",
        ellipsis: "~", dash: "-", times: "x", check: "+", cross: "x", bullet: ".", pointer: ">", folder: ">",
        arrowUp: "^", separator: "-",
        barFull: "#", barEmpty: "-", dotted: ".", dottedVertical: ":",
        heavyHorizontal: "#", heavyVertical: "#", heavyTopLeft: "#", heavyTopRight: "#", heavyBottomLeft: "#",
        heavyBottomRight: "#")
}
