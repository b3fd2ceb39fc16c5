import InspektCore

/// A rectangle of cells on a screen.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle shrunk by `by` cells on every side.
    public func inset(_ by: Int) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }

    /// Splits off `columns` on the left; returns (left, rest) with `gap` columns between.
    public func splitColumns(_ columns: Int, gap: Int = 0) -> (Rect, Rect) {
        let left = min(columns, width)
        return (
            Rect(x: x, y: y, width: left, height: height),
            Rect(x: x + left + gap, y: y, width: width - left - gap, height: height)
        )
    }

    /// Splits off `rows` at the top; returns (top, rest).
    public func splitRows(_ rows: Int, gap: Int = 0) -> (Rect, Rect) {
        let top = min(rows, height)
        return (
            Rect(x: x, y: y, width: width, height: top),
            Rect(x: x, y: y + top + gap, width: width, height: height - top - gap)
        )
    }
}
