import Foundation

/// Reads the capture time from the TIFF block of an Exif APP1 segment.
enum EXIFReader {
    static let dateTimeOriginal: UInt16 = 0x9003
    static let offsetTimeOriginal: UInt16 = 0x9011
    static let dateTime: UInt16 = 0x0132
    static let offsetTime: UInt16 = 0x9010
    static let exifIFDPointer: UInt16 = 0x8769

    /// DateTimeOriginal, else DateTime; read as UTC unless the matching offset tag says otherwise.
    static func captureTime(tiff: ArraySlice<UInt8>) -> Date? {
        let bytes = Array(tiff)
        guard bytes.count >= 8 else { return nil }
        let little: Bool
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        let reader = Reader(bytes: bytes, little: little)
        guard reader.u16(2) == 42, let ifd0 = reader.u32(4) else { return nil }
        let primary = reader.entries(at: Int(ifd0))
        var exif: [UInt16: Entry] = [:]
        if let pointer = primary[exifIFDPointer], let offset = reader.value32(pointer) {
            exif = reader.entries(at: Int(offset))
        }
        if let entry = exif[dateTimeOriginal], let text = reader.ascii(entry),
            let date = parse(text, offset: exif[offsetTimeOriginal].flatMap(reader.ascii))
        {
            return date
        }
        if let entry = primary[dateTime], let text = reader.ascii(entry) {
            let offset = (exif[offsetTime] ?? primary[offsetTime]).flatMap(reader.ascii)
            return parse(text, offset: offset)
        }
        return nil
    }

    /// "YYYY:MM:DD HH:MM:SS" with an optional "+HH:MM" offset; nil for blank or impossible values.
    static func parse(_ text: String, offset: String?) -> Date? {
        let digits = text.trimmingCharacters(in: .whitespaces.union(.controlCharacters))
        let parts = digits.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "-" || $0 == "T" })
        guard parts.count >= 6 else { return nil }
        let numbers = parts.prefix(6).compactMap { Int($0) }
        guard numbers.count == 6, numbers[0] > 0 else { return nil }
        var components = DateComponents()
        components.year = numbers[0]
        components.month = numbers[1]
        components.day = numbers[2]
        components.hour = numbers[3]
        components.minute = numbers[4]
        components.second = numbers[5]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetSeconds(offset) ?? 0) ?? .gmt
        guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), numbers[3] < 24, numbers[4] < 60,
            numbers[5] < 61,
            calendar.date(from: components).map({ calendar.component(.day, from: $0) == numbers[2] }) == true
        else { return nil }
        return calendar.date(from: components)
    }

    private static func offsetSeconds(_ text: String?) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces.union(.controlCharacters)),
            text.count == 6, let sign = text.first, sign == "+" || sign == "-"
        else { return nil }
        let fields = text.dropFirst().split(separator: ":").compactMap { Int($0) }
        guard fields.count == 2, fields[0] < 15, fields[1] < 60 else { return nil }
        let seconds = fields[0] * 3600 + fields[1] * 60
        return sign == "-" ? -seconds : seconds
    }

    struct Entry {
        var type: UInt16
        var count: UInt32
        /// Offset of the 4-byte value field within the TIFF block.
        var valueField: Int
    }

    struct Reader {
        var bytes: [UInt8]
        var little: Bool

        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            let a = UInt16(bytes[at]), b = UInt16(bytes[at + 1])
            return little ? (b << 8 | a) : (a << 8 | b)
        }

        func u32(_ at: Int) -> UInt32? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return UInt32(high) << 16 | UInt32(low)
        }

        func entries(at offset: Int) -> [UInt16: Entry] {
            guard let count = u16(offset), count < 1000 else { return [:] }
            var result: [UInt16: Entry] = [:]
            for i in 0..<Int(count) {
                let at = offset + 2 + 12 * i
                guard let tag = u16(at), let type = u16(at + 2), let n = u32(at + 4), at + 12 <= bytes.count else {
                    break
                }
                result[tag] = Entry(type: type, count: n, valueField: at + 8)
            }
            return result
        }

        func value32(_ entry: Entry) -> UInt32? {
            entry.type == 4 || entry.type == 13
                ? u32(entry.valueField) : (entry.type == 3 ? u16(entry.valueField).map(UInt32.init) : nil)
        }

        func ascii(_ entry: Entry) -> String? {
            guard entry.type == 2, entry.count > 0, entry.count < 256 else { return nil }
            let count = Int(entry.count)
            let start: Int
            if count <= 4 {
                start = entry.valueField
            } else {
                guard let offset = u32(entry.valueField) else { return nil }
                start = Int(offset)
            }
            guard start >= 0, start + count <= bytes.count else { return nil }
            return String(decoding: bytes[start..<start + count].prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
