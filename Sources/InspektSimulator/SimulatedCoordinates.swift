/// Writes a damage's `coordinates` (API.md §3) in one of the shapes the documentation leaves open, so that
/// the client is tested against each: the simulator varies the shape from box to box.
enum SimulatedCoordinates: CaseIterable {
    /// `[x1, y1, x2, y2]` in pixels of `imageWidth` × `imageHeight`.
    case cornersInPixels
    /// `[[x, y], ...]`, four points in fractions of the image.
    case polygonOfPairs
    /// `{"x", "y", "width", "height"}` in fractions of the image.
    case rectangleObject
    /// `[{"x": .., "y": ..}, ...]`, four points in pixels.
    case polygonOfPointObjects

    /// The shape of the `number`-th box: every shape in turn.
    static func shape(_ number: Int) -> SimulatedCoordinates { allCases[abs(number) % allCases.count] }

    /// The value of `coordinates` for a box given in fractions (`x`, `y`, `width`, `height` within 0...1) on an
    /// image of `pixels` (nil when the simulator does not know the size: then fractions only).
    func value(x: Double, y: Double, width: Double, height: Double, pixels: ImageDimensions?) -> Any {
        let right = x + width, bottom = y + height
        func fraction(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        switch (self, pixels) {
        case (.cornersInPixels, let size?):
            return [px(x, size.width), px(y, size.height), px(right, size.width), px(bottom, size.height)]
        case (.polygonOfPointObjects, let size?):
            // A quadrilateral leaning a little, as a segmentation outline does; its extremes are the box.
            return [
                ["x": px(x, size.width), "y": px(y + height / 3, size.height)],
                ["x": px(x + width * 0.6, size.width), "y": px(y, size.height)],
                ["x": px(right, size.width), "y": px(y + height * 0.6, size.height)],
                ["x": px(x + width * 0.3, size.width), "y": px(bottom, size.height)],
            ]
        case (.polygonOfPairs, _):
            return [
                [fraction(x), fraction(y)], [fraction(right), fraction(y + height * 0.2)],
                [fraction(right), fraction(bottom)], [fraction(x + width * 0.1), fraction(bottom)],
            ]
        case (.cornersInPixels, nil):
            return [fraction(x), fraction(y), fraction(right), fraction(bottom)]
        case (.rectangleObject, _), (.polygonOfPointObjects, nil):
            return ["x": fraction(x), "y": fraction(y), "width": fraction(width), "height": fraction(height)]
        }
    }

    private func px(_ fraction: Double, _ size: Int) -> Int { Int((fraction * Double(size)).rounded()) }
}
