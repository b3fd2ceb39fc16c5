import InspektCore

/// A bar that fills from the left, with the percentage written on it so it reads without colour.
public enum ProgressBar {
    public static func draw(
        fraction: Double, into screen: inout Screen, x: Int, y: Int, width: Int, glyphs: Glyphs,
        role: StyleRole = .ok
    ) {
        guard width >= 3 else { return }
        let inner = width - 2
        let fraction = min(1, max(0, fraction))
        let filled = Int((Double(inner) * fraction).rounded(.down))
        screen.put("[", x: x, y: y, style: .role(.muted))
        for i in 0..<inner {
            screen.put(
                i < filled ? glyphs.barFull : glyphs.barEmpty, x: x + 1 + i, y: y, maxWidth: 1,
                style: .role(i < filled ? role : .muted))
        }
        screen.put("]", x: x + width - 1, y: y, style: .role(.muted))
    }
}
