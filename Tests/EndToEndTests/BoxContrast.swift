import Foundation

/// The report's damage boxes in a PNG, as a greyscale print shows them, measured by `scripts/png-box-contrast`
/// (Python's zlib; nothing of the code under test): each box found by its dark stroke's colour, with the grey
/// of its dark stroke, of its light stroke and of the photo beside it.
struct BoxContrast: CustomStringConvertible {
    var minX: Int, minY: Int, maxX: Int, maxY: Int
    /// Greys 0...255 (Rec. 601 luma), medians.
    var dark: Int, light: Int, photo: Int

    var width: Int { maxX - minX }
    var height: Int { maxY - minY }

    /// How far the stroke that stands out most is from the photo beside the box, in grey levels.
    var contrast: Int { max(abs(dark - photo), abs(light - photo)) }

    var description: String { "box (\(minX),\(minY))–(\(maxX),\(maxY)) dark \(dark) light \(light) photo \(photo)" }

    /// Every box in `png` whose dark stroke is the colour `red, green, blue` (within `tolerance`).
    static func boxes(in png: String, red: Int, green: Int, blue: Int, tolerance: Int = 24) throws -> [BoxContrast] {
        let output = try PNGScript.run("png-box-contrast", [png, "\(red)", "\(green)", "\(blue)", "\(tolerance)"])
        return output.split(separator: "\n").compactMap { line in
            let n = line.split(separator: " ").compactMap { Int($0) }
            guard n.count == 7 else { return nil }
            return BoxContrast(minX: n[0], minY: n[1], maxX: n[2], maxY: n[3], dark: n[4], light: n[5], photo: n[6])
        }
    }
}
