/// Where a damage sits on its photo: a rectangle from the result's `boundingBox`.
///
/// Choice (API.md is silent on the shape): `{"x", "y", "width", "height"}` with values from 0 to 1 are
/// fractions of the photo; larger values are pixels of the photo as sent. `{"x1", "y1", "x2", "y2"}` and a
/// four-number array `[x1, y1, x2, y2]` are read as corners.
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
        let left = min(max(box.x, 0), 1), top = min(max(box.y, 0), 1)
        let right = min(max(box.x + box.width, 0), 1), bottom = min(max(box.y + box.height, 0), 1)
        guard right > left, bottom > top else { return nil }
        return DamageBox(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Reads a `boundingBox` value in any of the shapes above; nil for anything else (or any non-finite number).
    public static func read(_ value: Any?) -> DamageBox? {
        func n(_ any: Any?) -> Double? { ResultDocument.number(any) }
        if let d = value as? [String: Any] {
            if let x = n(d["x"]), let y = n(d["y"]), let w = n(d["width"] ?? d["w"]), let h = n(d["height"] ?? d["h"]) {
                return valid(DamageBox(x: x, y: y, width: w, height: h))
            }
            if let x1 = n(d["x1"]), let y1 = n(d["y1"]), let x2 = n(d["x2"]), let y2 = n(d["y2"]) {
                return valid(DamageBox(x: x1, y: y1, width: x2 - x1, height: y2 - y1))
            }
        }
        if let list = value as? [Any], list.count == 4 {
            let values = list.compactMap(n)
            guard values.count == 4 else { return nil }
            return valid(DamageBox(x: values[0], y: values[1], width: values[2] - values[0], height: values[3] - values[1]))
        }
        return nil
    }

    private static func valid(_ box: DamageBox) -> DamageBox? {
        box.x >= 0 && box.y >= 0 && box.width > 0 && box.height > 0 ? box : nil
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
        if let q = DamagedPart.score(quality), q < Self.poorQuality { out.append("quality \(Self.twoDecimals(q)) (poor)") }
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
