import Foundation

/// What the simulated Q Score says about one photo, decided from the photo so that a test can provoke each verdict.
///
/// A JPEG comment (COM segment) holding `qscore` and `key=value` pairs sets the figures, e.g.
/// `qscore Q_score=2 blur=1` or `qscore orientation=Rear` (keys as the reply names them, case and separators
/// aside: `Q_score`, `orientation`, `blur`, `luma`, `angle`, `zoom`). What the marker leaves out: a demo sample
/// photo (known by its SHA-256 from the demo manifest) shows the side of the slot it was taken for; any other photo
/// shows the side its `photo_tag` names (a corner: its front or rear), scores 4 with blur 4 and luma 4, or the
/// lowest of the blur and luma the marker gives. The resolution is read from the JPEG's frame header.
struct QScoreVerdict: Sendable, Equatable {
    var qScore: Int
    var orientation: String
    var blur: Int
    var luma: Int
    var angle: String
    var zoom: String
    var resolution: String?
    var partsDetected: [String: Int]

    init(comment: String?, photoTag: String, demoSlot: String?, dimensions: ImageDimensions?) {
        let marker = Self.marker(in: comment)
        let side = demoSlot.map(Self.side(ofSlot:)) ?? Self.side(ofTag: photoTag)
        blur = marker["blur"].flatMap { Int($0) } ?? 4
        luma = marker["luma"].flatMap { Int($0) } ?? 4
        qScore = marker["qscore"].flatMap { Int($0) } ?? min(4, blur, luma)
        orientation = marker["orientation"] ?? side
        angle = marker["angle"] ?? Self.angle(ofTag: photoTag)
        zoom = marker["zoom"] ?? "5"
        resolution = dimensions.map { "\($0.width) x \($0.height)" }
        partsDetected = Self.parts(of: orientation)
    }

    /// The reply's JSON: the figures one object down, under `data`, some numbers as strings (API.md §6 says the
    /// shape is not public; docs/ARCHITECTURE.md records this choice).
    var reply: [String: Any] {
        var data: [String: Any] = [
            "Q_score": String(qScore), "orientation": orientation, "blur": blur, "luma": String(luma),
            "angle": Int(angle).map { $0 as Any } ?? angle, "zoom": Int(zoom).map { $0 as Any } ?? zoom,
            "parts detected": partsDetected,
        ]
        if let resolution { data["resolution"] = resolution }
        return ["status": "success", "data": data]
    }

    /// The `key=value` pairs of a comment that holds `qscore`, keys folded (lower case, no separators).
    static func marker(in comment: String?) -> [String: String] {
        guard let comment, comment.lowercased().contains("qscore") else { return [:] }
        var pairs: [String: String] = [:]
        for word in comment.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" }) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { continue }
            pairs[String(parts[0].lowercased().filter { !"_- .".contains($0) })] = parts[1]
        }
        return pairs
    }

    /// The side a slot of the checklist (`front-left`, `odometer`, ...) shows; a corner shows its front or rear.
    static func side(ofSlot slot: String) -> String {
        if slot.hasPrefix("front") { return "Front" }
        if slot.hasPrefix("rear") { return "Rear" }
        if slot == "left" { return "Left" }
        if slot == "right" { return "Right" }
        return "Unclear"
    }

    /// The side a `photo_tag` (`front_side`, `rear_left`, `left_side`, `odometer`, ...) names.
    static func side(ofTag tag: String) -> String {
        side(ofSlot: tag.replacingOccurrences(of: "_side", with: "").replacingOccurrences(of: "_", with: "-"))
    }

    /// The angle round the car a walk-around tag is taken from; `Inconclusive` for the extras.
    static func angle(ofTag tag: String) -> String {
        let angles = [
            "front_side": 0, "front_left": 45, "left_side": 90, "rear_left": 135, "rear_side": 180,
            "rear_right": 135, "right_side": 90, "front_right": 45,
        ]
        return angles[tag].map(String.init) ?? "Inconclusive"
    }

    static func parts(of orientation: String) -> [String: Int] {
        switch orientation {
        case "Front": ["bumper": 1, "bonnet": 1, "headlamp": 2, "windscreen": 1]
        case "Rear": ["bumper": 1, "boot": 1, "tail lamp": 2]
        case "Left", "Right": ["door": 2, "wheel": 2, "fender": 1]
        default: [:]
        }
    }
}
