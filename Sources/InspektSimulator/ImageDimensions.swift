/// Width and height read from the first bytes of a JPEG (SOF marker) or PNG (IHDR chunk).
struct ImageDimensions: Sendable, Equatable {
    var width: Int
    var height: Int

    /// The dimensions found in `header`, or nil when they are not within it.
    static func read(from header: [UInt8]) -> ImageDimensions? {
        if header.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(header) }
        if header.starts(with: [0xFF, 0xD8]) { return jpeg(header) }
        return nil
    }

    private static func png(_ bytes: [UInt8]) -> ImageDimensions? {
        // Signature (8), chunk length (4), "IHDR" (4), then width and height, big-endian.
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return ImageDimensions(width: Int(be32(bytes, 16)), height: Int(be32(bytes, 20)))
    }

    private static func jpeg(_ bytes: [UInt8]) -> ImageDimensions? {
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {
                index += 1  // fill byte
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                index += 2  // markers without a length
                continue
            }
            if marker == 0xD9 || marker == 0xDA { return nil }  // end of image or start of scan before any frame
            let length = Int(be16(bytes, index + 2))
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                guard index + 9 <= bytes.count else { return nil }
                return ImageDimensions(width: Int(be16(bytes, index + 7)), height: Int(be16(bytes, index + 5)))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    private static func be16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    private static func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
