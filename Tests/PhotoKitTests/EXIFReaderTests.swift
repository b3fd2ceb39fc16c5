import Foundation
@testable import PhotoKit
import Testing

/// TIFF blocks written by hand in both byte orders.
@Suite struct EXIFReaderTests {
    struct TIFF {
        var little: Bool
        var bytes: [UInt8] = []

        mutating func u16(_ v: Int) {
            let pair = [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            bytes += little ? pair.reversed() : pair
        }

        mutating func u32(_ v: Int) {
            if little {
                u16(v & 0xFFFF); u16(v >> 16 & 0xFFFF)
            } else {
                u16(v >> 16 & 0xFFFF); u16(v & 0xFFFF)
            }
        }

        /// IFD0 holding `primary` entries plus the Exif pointer, then the Exif IFD with `exif`, then the strings.
        static func make(little: Bool, primary: [(UInt16, String)], exif: [(UInt16, String)]) -> [UInt8] {
            var t = TIFF(little: little)
            t.bytes += little ? Array("II".utf8) : Array("MM".utf8)
            t.u16(42)
            t.u32(8)
            let ifd0Size = 2 + 12 * (primary.count + 1) + 4
            let exifOffset = 8 + ifd0Size
            let exifSize = 2 + 12 * exif.count + 4
            var stringOffset = exifOffset + exifSize
            var strings: [UInt8] = []
            func entry(_ tag: UInt16, _ text: String) {
                let value = Array(text.utf8) + [0]
                t.u16(Int(tag)); t.u16(2); t.u32(value.count); t.u32(stringOffset)
                stringOffset += value.count
                strings += value
            }
            t.u16(primary.count + 1)
            for (tag, text) in primary { entry(tag, text) }
            t.u16(0x8769); t.u16(4); t.u32(1); t.u32(exifOffset)
            t.u32(0)
            t.u16(exif.count)
            for (tag, text) in exif { entry(tag, text) }
            t.u32(0)
            return t.bytes + strings
        }
    }

    static let noon = Date(timeIntervalSince1970: 1_717_243_200)  // 2024-06-01 12:00:00 UTC

    @Test(arguments: [true, false])
    func dateTimeOriginalInEitherByteOrder(little: Bool) {
        let tiff = TIFF.make(
            little: little, primary: [(0x0132, "2020:01:01 00:00:00")], exif: [(0x9003, "2024:06:01 12:00:00")])
        #expect(EXIFReader.captureTime(tiff: tiff[...]) == Self.noon)
    }

    @Test func dateTimeIsTheFallback() {
        let tiff = TIFF.make(little: true, primary: [(0x0132, "2024:06:01 12:00:00")], exif: [])
        #expect(EXIFReader.captureTime(tiff: tiff[...]) == Self.noon)
    }

    @Test func offsetTagIsHonoured() {
        let tiff = TIFF.make(little: false, primary: [], exif: [(0x9003, "2024:06:01 14:00:00"), (0x9011, "+02:00")])
        #expect(EXIFReader.captureTime(tiff: tiff[...]) == Self.noon)
    }

    @Test func blankOrImpossibleDatesGiveNothing() {
        for text in ["    :  :     :  :  ", "0000:00:00 00:00:00", "2024:02:30 10:00:00", "garbage"] {
            let tiff = TIFF.make(little: true, primary: [], exif: [(0x9003, text)])
            #expect(EXIFReader.captureTime(tiff: tiff[...]) == nil, "\(text)")
        }
    }

    @Test func truncatedBlocksGiveNothing() {
        let tiff = TIFF.make(little: true, primary: [], exif: [(0x9003, "2024:06:01 12:00:00")])
        for length in [0, 4, 8, 20, 40] {
            #expect(EXIFReader.captureTime(tiff: tiff.prefix(length)) == nil)
        }
    }
}
