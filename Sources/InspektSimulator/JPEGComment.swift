/// The text of a JPEG's comment segments (COM, `FF FE`), read from its first bytes: where a test or a sample photo
/// leaves the marker that tells the Q Score simulator what the photo shows (`QScoreVerdict`).
enum JPEGComment {
    /// Every comment before the picture's data, joined by a space; nil when there is none within `header`.
    static func read(from header: [UInt8]) -> String? {
        guard header.starts(with: [0xFF, 0xD8]) else { return nil }
        var comments: [String] = []
        var index = 2
        while index + 4 <= header.count {
            guard header[index] == 0xFF else { break }
            let marker = header[index + 1]
            if marker == 0xFF {
                index += 1  // fill byte
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                index += 2
                continue
            }
            if marker == 0xD9 || marker == 0xDA { break }  // end of image, or the picture's data begins
            let length = Int(header[index + 2]) << 8 | Int(header[index + 3])
            guard length >= 2 else { break }
            if marker == 0xFE {
                let end = min(header.count, index + 2 + length)
                comments.append(String(decoding: header[(index + 4)..<end], as: UTF8.self))
            }
            index += 2 + length
        }
        return comments.isEmpty ? nil : comments.joined(separator: " ")
    }
}
