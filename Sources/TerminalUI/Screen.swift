/// The meaning of a cell's look; the curses adapter resolves roles to colours once.
public enum StyleRole: UInt8, Sendable, Hashable, CaseIterable {
    case normal, focus, muted, ok, warn, error, selected, title
}

/// How a cell is drawn: a semantic role plus attributes that carry meaning without colour.
public struct CellStyle: Sendable, Hashable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    /// Foreground RGB for thumbnail pixels (half-block drawing); nil elsewhere.
    public var foregroundRGB: RGB?
    public var backgroundRGB: RGB?

    public init(
        role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false,
        foregroundRGB: RGB? = nil, backgroundRGB: RGB? = nil
    ) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.foregroundRGB = foregroundRGB
        self.backgroundRGB = backgroundRGB
    }

    public static let normal = CellStyle()
}

public struct RGB: Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
}

/// One terminal cell. A wide glyph occupies its cell and marks the next one `covered`.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here ("" for a covered cell).
    public var text: String
    public var style: CellStyle
    public var covered: Bool

    public init(_ text: String = " ", style: CellStyle = .normal, covered: Bool = false) {
        self.text = text
        self.style = style
        self.covered = covered
    }

    public static let blank = Cell()
}

public struct Size: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A grid of cells: what `view` returns and the curses adapter draws.
public struct Screen: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (a focused text field), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY ?? 0) } }
        set {
            cursorX = newValue?.x
            cursorY = newValue?.y
        }
    }
    private var cursorX: Int?
    private var cursorY: Int?

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: max(0, size.width) * max(0, size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set {
            guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
            cells[y * size.width + x] = newValue
        }
    }

    /// The text of one row, covered cells left out.
    public func rowText(_ y: Int) -> String {
        var line = ""
        for x in 0..<size.width where !self[x, y].covered { line += self[x, y].text }
        return line
    }

    /// Every row, each framed by `|` so that trailing blanks show: the form snapshot files use.
    public var framedText: String {
        (0..<size.height).map { "|" + rowText($0) + "|" }.joined(separator: "\n") + "\n"
    }
}
