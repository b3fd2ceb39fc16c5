/// What the markers of a JPEG stream say, read without decoding a pixel.
///
/// With `requireDecodable` it also refuses every structure on which libjpeg would stop with a fatal error
/// (its rules in jdmarker.c, jdinput.c, jdhuff.c), so a damaged photo is reported in words, not by a crash.
struct JPEGStructure: Sendable {
    /// Why a byte stream is not a JPEG that can be decoded.
    struct Problem: Error, Sendable, CustomStringConvertible {
        var description: String
        /// The bytes ended inside a header: the file was cut short, not damaged.
        var truncated = false
        init(_ description: String, truncated: Bool = false) {
            self.description = description
            self.truncated = truncated
        }
    }

    /// Above this many pixels a photo is not decoded for a preview (libjpeg would need gigabytes).
    static let maximumPixels = 150_000_000

    var width = 0
    var height = 0
    var components = 0
    var progressive = false
    /// The TIFF block of the first `Exif` APP1 segment, if any.
    var exif: ArraySlice<UInt8>?
    var sawScan = false
    var sawEnd = false

    private struct FrameComponent {
        var id: UInt8
        var h: Int
        var v: Int
        var quantTable: Int
    }

    /// Walks the markers; with `requireDecodable`, also refuses every header libjpeg would fail on.
    static func parse(_ data: [UInt8], requireDecodable strict: Bool) throws(Problem) -> JPEGStructure {
        var result = JPEGStructure()
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else {
            throw Problem("does not start like a JPEG")
        }
        var quantTables = Set<Int>()
        // libjpeg supplies the standard Huffman tables 0 and 1 when a file defines none.
        var dcTables: Set<Int> = [0, 1], acTables: Set<Int> = [0, 1]
        var frame: [FrameComponent] = []
        var sawFrame = false
        var multipleScans = false
        var index = 2

        func u16(_ at: Int) -> Int { Int(data[at]) << 8 | Int(data[at + 1]) }

        while index < data.count {
            guard data[index] == 0xFF else { throw Problem("damaged: expected a marker at byte \(index)") }
            // Fill bytes may precede a marker.
            while index < data.count && data[index] == 0xFF { index += 1 }
            guard index < data.count else { break }
            let marker = data[index]
            index += 1
            switch marker {
            case 0xD9:
                result.sawEnd = true
                return try result.finished(requireDecodable: strict)
            case 0xD0...0xD7, 0x01:
                continue
            case 0xD8:
                throw Problem("damaged: a second start-of-image marker")
            case 0xC0...0xC2, 0xC4, 0xDA...0xDD, 0xE0...0xEF, 0xFE:
                break
            default:
                // Lossless, hierarchical and arithmetic frames, and reserved markers: libjpeg stops on them.
                if strict {
                    if (0xC3...0xCF).contains(marker) && !sawFrame {
                        throw Problem("uses a JPEG coding this program cannot read (lossless or arithmetic)")
                    }
                    throw Problem("damaged: unexpected marker 0x\(String(marker, radix: 16, uppercase: true))")
                }
            }
            guard index + 2 <= data.count else {
                if strict { throw Problem("cut off inside a header", truncated: true) }
                break
            }
            let length = u16(index)
            guard length >= 2, index + length <= data.count else {
                if strict {
                    throw Problem(
                        length < 2 ? "damaged: bad segment length" : "cut off inside a header", truncated: length >= 2)
                }
                return try result.finished(requireDecodable: strict)
            }
            let body = index + 2
            let bodyEnd = index + length
            switch marker {
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                guard length >= 8 else { throw Problem("damaged frame header") }
                if strict && sawFrame { throw Problem("damaged: two frame headers") }
                let precision = Int(data[body])
                result.height = u16(body + 1)
                result.width = u16(body + 3)
                result.components = Int(data[body + 5])
                result.progressive = marker == 0xC2
                guard length == 8 + 3 * result.components else { throw Problem("damaged frame header") }
                if strict {
                    guard precision == 8 else { throw Problem("uses \(precision)-bit samples") }
                    guard result.width > 0, result.height > 0 else { throw Problem("declares no pixels") }
                    guard result.width <= 65_500, result.height <= 65_500,
                        result.width * result.height <= maximumPixels
                    else {
                        throw Problem("is too large to preview (\(result.width)×\(result.height))")
                    }
                    guard result.components == 1 || result.components == 3 else {
                        throw Problem("has \(result.components) colour components (only grey and colour are read)")
                    }
                    for c in 0..<result.components {
                        let at = body + 6 + 3 * c
                        let component = FrameComponent(
                            id: data[at], h: Int(data[at + 1] >> 4), v: Int(data[at + 1] & 0x0F),
                            quantTable: Int(data[at + 2]))
                        guard (1...4).contains(component.h), (1...4).contains(component.v), component.quantTable < 4,
                            !frame.contains(where: { $0.id == component.id })
                        else {
                            throw Problem("damaged frame header")
                        }
                        frame.append(component)
                    }
                }
                sawFrame = true
            case 0xC4 where strict:
                var at = body
                while at < bodyEnd {
                    guard at + 17 <= bodyEnd else { throw Problem("damaged Huffman table") }
                    let isAC = data[at] & 0x10 != 0, slot = Int(data[at] & 0x0F)
                    guard data[at] & 0xE0 == 0, slot < 4 else { throw Problem("damaged Huffman table") }
                    let counts = data[(at + 1)...(at + 16)].map(Int.init)
                    let total = counts.reduce(0, +)
                    guard total <= 256, at + 17 + total <= bodyEnd else { throw Problem("damaged Huffman table") }
                    // Canonical codes must fit their lengths, as libjpeg checks when it builds the table.
                    var code = 0
                    for (offset, count) in counts.enumerated() {
                        code += count
                        guard code < 1 << (offset + 1) || (count == 0 && code == 0) else {
                            throw Problem("damaged Huffman table")
                        }
                        code <<= 1
                    }
                    if !isAC && data[(at + 17)..<(at + 17 + total)].contains(where: { $0 > 15 }) {
                        throw Problem("damaged Huffman table")
                    }
                    if isAC { acTables.insert(slot) } else { dcTables.insert(slot) }
                    at += 17 + total
                }
            case 0xDB where strict:
                var at = body
                while at < bodyEnd {
                    let pq = Int(data[at] >> 4), tq = Int(data[at] & 0x0F)
                    guard pq <= 1, tq < 4, at + 1 + 64 * (pq + 1) <= bodyEnd else {
                        throw Problem("damaged quantisation table")
                    }
                    quantTables.insert(tq)
                    at += 1 + 64 * (pq + 1)
                }
            case 0xDD where strict:
                guard length == 4 else { throw Problem("damaged restart interval") }
            case 0xE1:
                let signature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
                if result.exif == nil, bodyEnd - body > 6, Array(data[body..<body + 6]) == signature {
                    result.exif = data[(body + 6)..<bodyEnd]
                }
            case 0xDA:
                guard sawFrame else { throw Problem("damaged: image data before the frame header") }
                if strict {
                    try checkScan(
                        data, body: body, bodyEnd: bodyEnd, frame: frame, progressive: result.progressive,
                        dcTables: dcTables, acTables: acTables)
                    if result.sawScan && !multipleScans {
                        throw Problem("damaged: more image data after the end of the picture")
                    }
                    if !result.sawScan {
                        multipleScans = result.progressive || Int(data[body]) < frame.count
                        for component in frame where !quantTables.contains(component.quantTable) {
                            throw Problem("damaged: quantisation table \(component.quantTable) is missing")
                        }
                    }
                }
                result.sawScan = true
                if !strict { return result }
                // Skip the entropy-coded data up to the next real marker.
                index = bodyEnd
                while index + 1 < data.count {
                    if data[index] == 0xFF {
                        let next = data[index + 1]
                        if next == 0x00 || (0xD0...0xD7).contains(next) {
                            index += 2
                            continue
                        }
                        if next == 0xFF {
                            index += 1
                            continue
                        }
                        break
                    }
                    index += 1
                }
                if index + 1 >= data.count { index = data.count }
                continue
            default:
                break
            }
            index = bodyEnd
        }
        return try result.finished(requireDecodable: strict)
    }

    private static func checkScan(
        _ data: [UInt8], body: Int, bodyEnd: Int, frame: [FrameComponent], progressive: Bool,
        dcTables: Set<Int>, acTables: Set<Int>
    ) throws(Problem) {
        let count = Int(data[body])
        guard (1...4).contains(count), bodyEnd - body == 4 + 2 * count else { throw Problem("damaged scan header") }
        var seen: [UInt8] = []
        var blocks = 0
        for c in 0..<count {
            let id = data[body + 1 + 2 * c], tables = data[body + 2 + 2 * c]
            guard let component = frame.first(where: { $0.id == id }), !seen.contains(id) else {
                throw Problem("damaged scan header")
            }
            seen.append(id)
            blocks += count > 1 ? component.h * component.v : 1
            let dc = Int(tables >> 4), ac = Int(tables & 0x0F)
            guard dc < 4, ac < 4 else { throw Problem("damaged scan header") }
            let ss = Int(data[bodyEnd - 3])
            // Sequential scans use both tables; progressive DC scans only the DC one, AC scans only the AC one.
            let needsDC = !progressive || ss == 0, needsAC = !progressive || ss != 0
            if (needsDC && !dcTables.contains(dc)) || (needsAC && !acTables.contains(ac)) {
                throw Problem("damaged: a Huffman table is missing")
            }
        }
        guard blocks <= 10 else { throw Problem("damaged scan header") }
        let ss = Int(data[bodyEnd - 3]), se = Int(data[bodyEnd - 2])
        let ah = Int(data[bodyEnd - 1] >> 4), al = Int(data[bodyEnd - 1] & 0x0F)
        if progressive {
            let bad = (ss == 0 ? se != 0 : (se < ss || se > 63 || count != 1)) || (ah != 0 && al != ah - 1) || al > 13
            if bad { throw Problem("damaged progressive scan") }
        }
    }

    /// Without `requireDecodable` a stream cut short (a header read) still gives what it showed so far.
    private func finished(requireDecodable: Bool) throws(Problem) -> JPEGStructure {
        guard requireDecodable else { return self }
        guard width > 0, height > 0 else { throw Problem("has no frame header (no pixel size)") }
        guard sawScan else { throw Problem("has no image data") }
        return self
    }
}
