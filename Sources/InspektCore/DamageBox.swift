/// Where a damage sits on its photo: a rectangle read from the result's `coordinates` (API.md §3).
///
/// The box is fractions of the photo (0...1) when the result gave fractions, or pixels that it could turn into
/// fractions through the image's `imageWidth` × `imageHeight`; otherwise it is still in pixels of the photo as
/// sent, and `fractions(pixelWidth:pixelHeight:)` turns it with the photo's own size.
public struct DamageBox: Sendable, Codable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether every value is a fraction of the photo (0...1); otherwise they are pixels.
    public var isFraction: Bool { [x, y, width, height].allSatisfy { $0 <= 1 } }

    /// The box as fractions of a photo of `pixelWidth × pixelHeight`, clamped into the photo; nil when
    /// pixels cannot be turned into fractions (size unknown) or the box is empty.
    public func fractions(pixelWidth: Int?, pixelHeight: Int?) -> DamageBox? {
        var box = self
        if !isFraction {
            guard let pixelWidth, let pixelHeight, pixelWidth > 0, pixelHeight > 0 else { return nil }
            box = DamageBox(
                x: x / Double(pixelWidth), y: y / Double(pixelHeight), width: width / Double(pixelWidth),
                height: height / Double(pixelHeight))
        }
        return box.clamped()
    }

    /// The box cut to the photo (0...1 both ways); nil when nothing of it is left.
    func clamped() -> DamageBox? {
        // Inside already: kept as read (x + width - x need not give width back exactly).
        if x >= 0, y >= 0, width > 0, height > 0, x + width <= 1, y + height <= 1 { return self }
        let left = min(max(x, 0), 1), top = min(max(y, 0), 1)
        let right = min(max(x + width, 0), 1), bottom = min(max(y + height, 0), 1)
        guard right > left, bottom > top else { return nil }
        return DamageBox(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Reads a `coordinates` value in any shape API.md §3 names; nil ("position unknown") for anything else,
    /// a negative or non-finite number, or an empty box.
    ///
    /// - corners `[x1, y1, x2, y2]`;
    /// - a polygon `[[x, y], ...]` or `[{"x": .., "y": ..}, ...]`, read as the rectangle around it;
    /// - an object `{"x", "y", "width", "height"}` (or `w`, `h`), or `{"x1", "y1", "x2", "y2"}`.
    ///
    /// Values all within 0...1 are fractions of the image; larger ones are pixels of the image as Inspektlabs
    /// saw it, `imageWidth` × `imageHeight` when the result gives them (then the box comes back in fractions).
    public static func read(_ value: Any?, imageWidth: Any? = nil, imageHeight: Any? = nil) -> DamageBox? {
        guard let shape = Shape.read(value) else { return nil }
        guard shape.values.allSatisfy({ $0 >= 0 }) else { return nil }
        let box = shape.box
        guard box.width > 0, box.height > 0 else { return nil }
        if shape.values.allSatisfy({ $0 <= 1 }) { return box.clamped() }
        // Pixels: of the image Inspektlabs measured when it says which; else of the photo, resolved when drawn.
        guard let width = ResultDocument.number(imageWidth), let height = ResultDocument.number(imageHeight),
            width >= 1, height >= 1
        else { return box }
        return DamageBox(x: box.x / width, y: box.y / height, width: box.width / width, height: box.height / height)
            .clamped()
    }

    /// The numbers a `coordinates` value gave, and the rectangle they make.
    private struct Shape {
        var values: [Double]
        var box: DamageBox

        static func read(_ value: Any?) -> Shape? {
            func n(_ any: Any?) -> Double? { ResultDocument.number(any) }
            if let d = value as? [String: Any] {
                if let x = n(d["x"]), let y = n(d["y"]), let w = n(d["width"] ?? d["w"]),
                    let h = n(d["height"] ?? d["h"])
                {
                    return Shape(values: [x, y, w, h], box: DamageBox(x: x, y: y, width: w, height: h))
                }
                if let x1 = n(d["x1"]), let y1 = n(d["y1"]), let x2 = n(d["x2"]), let y2 = n(d["y2"]) {
                    return corners(x1, y1, x2, y2)
                }
                return nil
            }
            guard let list = value as? [Any], !list.isEmpty else { return nil }
            if list.count == 4, list.allSatisfy({ !($0 is [Any]) && !($0 is [String: Any]) }) {
                let values = list.compactMap(n)
                guard values.count == 4 else { return nil }
                return corners(values[0], values[1], values[2], values[3])
            }
            // A polygon: every element a point, at least two of them.
            var points: [(Double, Double)] = []
            for element in list {
                if let pair = element as? [Any], pair.count == 2, let x = n(pair[0]), let y = n(pair[1]) {
                    points.append((x, y))
                } else if let d = element as? [String: Any], let x = n(d["x"]), let y = n(d["y"]) {
                    points.append((x, y))
                } else {
                    return nil
                }
            }
            guard points.count >= 2 else { return nil }
            let xs = points.map { $0.0 }, ys = points.map { $0.1 }
            guard let left = xs.min(), let right = xs.max(), let top = ys.min(), let bottom = ys.max() else {
                return nil
            }
            return Shape(values: xs + ys, box: DamageBox(x: left, y: top, width: right - left, height: bottom - top))
        }

        /// Two opposite corners, in either order.
        static func corners(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Shape {
            Shape(
                values: [x1, y1, x2, y2],
                box: DamageBox(x: min(x1, x2), y: min(y1, y2), width: abs(x2 - x1), height: abs(y2 - y1)))
        }
    }
}

/// One relevant image's scores as the result gives them.
public struct ImageScores: Sendable, Codable, Hashable {
    /// `originalImageId`: the part name the upload sent.
    public var photo: String
    public var quality: Double?
    public var blur: Double?

    public init(photo: String, quality: Double? = nil, blur: Double? = nil) {
        self.photo = photo
        self.quality = quality
        self.blur = blur
    }

    /// Choice (undocumented scale): a `qualityScore` from 0 to 1 under this is poor.
    public static let poorQuality = 0.7
    /// Choice (undocumented scale): a `blurScore` from 0 to 1 over this means the photo is blurred.
    public static let blurred = 0.6

    /// The scores that are poor, in words ("quality 0.62 (poor)", "blur 0.81 (blurred)"); empty when fine.
    public var poorScores: [String] {
        var out: [String] = []
        if let q = DamagedPart.score(quality), q < Self.poorQuality {
            out.append("quality \(Self.twoDecimals(q)) (poor)")
        }
        if let b = DamagedPart.score(blur), b > Self.blurred { out.append("blur \(Self.twoDecimals(b)) (blurred)") }
        return out
    }

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// Every relevant image's scores, at most `ResultDocument.maxKeptParts` of them.
    static func read(_ value: Any?) -> [ImageScores]? {
        guard let images = value as? [[String: Any]] else { return nil }
        return images.prefix(ResultDocument.maxKeptParts).compactMap { image in
            guard let name = image["originalImageId"] as? String else { return nil }
            return ImageScores(
                photo: name, quality: ResultDocument.number(image["qualityScore"]),
                blur: ResultDocument.number(image["blurScore"]))
        }
    }
}
