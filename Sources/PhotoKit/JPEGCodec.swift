import CJPEG
import Foundation

#if canImport(CJPEGSupport)
import CJPEGSupport
#endif

/// Why libjpeg could not decode or encode an image, in its own words.
public struct JPEGError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// RGB pixels as libjpeg produced them, possibly scaled down while decoding.
public struct DecodedImage: Sendable, Hashable {
    /// Pixel size of the decoded (scaled) image.
    public var width: Int
    public var height: Int
    /// Pixel size the file declares.
    public var imageWidth: Int
    public var imageHeight: Int
    /// `width * height * 3` bytes, RGB, row by row.
    public var rgb: [UInt8]
}

/// The one place PhotoKit talks to libjpeg.
public enum JPEGCodec {
    /// Decodes a JPEG held in memory at 1/`scaleDenominator` (1, 2, 4 or 8) of its size.
    public static func decode(_ data: [UInt8], scaleDenominator: Int = 1) throws(JPEGError) -> DecodedImage {
        #if canImport(CJPEGSupport)
        return try guardedDecode(data, scaleDenominator: scaleDenominator)
        #else
        return try directDecode(data, scaleDenominator: scaleDenominator)
        #endif
    }

    /// Encodes `width * height` RGB pixels as a baseline JPEG (for fixtures and sample files).
    public static func encode(rgb: [UInt8], width: Int, height: Int, quality: Int = 85) throws(JPEGError) -> [UInt8] {
        guard width > 0, height > 0, width <= 65_500, height <= 65_500, rgb.count == width * height * 3 else {
            throw JPEGError("cannot encode \(width)×\(height) from \(rgb.count) bytes of RGB")
        }
        let quality = min(max(quality, 1), 100)
        #if canImport(CJPEGSupport)
        return try guardedEncode(rgb: rgb, width: width, height: height, quality: quality)
        #else
        return directEncode(rgb: rgb, width: width, height: height, quality: quality)
        #endif
    }

    #if canImport(CJPEGSupport)
    private static func guardedDecode(_ data: [UInt8], scaleDenominator: Int) throws(JPEGError) -> DecodedImage {
        var image = inspekt_jpeg_image()
        let status = data.withUnsafeBufferPointer { buffer in
            inspekt_jpeg_decode(buffer.baseAddress, UInt(buffer.count), Int32(scaleDenominator), &image)
        }
        defer { inspekt_jpeg_free(&image) }
        guard status == 0, let pixels = image.rgb else {
            throw JPEGError(messageText(&image.message))
        }
        let count = Int(image.width) * Int(image.height) * 3
        return DecodedImage(
            width: Int(image.width), height: Int(image.height),
            imageWidth: Int(image.image_width), imageHeight: Int(image.image_height),
            rgb: Array(UnsafeBufferPointer(start: pixels, count: count))
        )
    }

    private static func guardedEncode(rgb: [UInt8], width: Int, height: Int, quality: Int) throws(JPEGError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize: UInt = 0
        var message = [CChar](repeating: 0, count: Int(INSPEKT_JPEG_MESSAGE_LENGTH))
        let status = rgb.withUnsafeBufferPointer { buffer in
            inspekt_jpeg_encode(buffer.baseAddress, Int32(width), Int32(height), Int32(quality), &output, &outputSize, &message)
        }
        defer { free(output) }
        guard status == 0, let output else {
            throw JPEGError(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(outputSize)))
    }

    private static func messageText<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
    #endif

    // Without the C helper, libjpeg's error_exit would end the process; the structure check in front of it
    // refuses every stream whose headers libjpeg would reject, and corrupt entropy data only produces warnings.
    private static func directDecode(_ data: [UInt8], scaleDenominator: Int) throws(JPEGError) -> DecodedImage {
        do {
            _ = try JPEGStructure.parse(data, requireDecodable: true)
        } catch {
            throw JPEGError(error.description)
        }
        let cinfo = UnsafeMutablePointer<jpeg_decompress_struct>.allocate(capacity: 1)
        let jerr = UnsafeMutablePointer<jpeg_error_mgr>.allocate(capacity: 1)
        defer {
            cinfo.deallocate()
            jerr.deallocate()
        }
        cinfo.initialize(to: jpeg_decompress_struct())
        jerr.initialize(to: jpeg_error_mgr())
        cinfo.pointee.err = jpeg_std_error(jerr)
        silence(jerr)
        jpeg_CreateDecompress(cinfo, JPEG_LIB_VERSION, MemoryLayout<jpeg_decompress_struct>.size)
        defer { jpeg_destroy_decompress(cinfo) }
        return data.withUnsafeBufferPointer { buffer in
            jpeg_mem_src(cinfo, buffer.baseAddress, UInt(buffer.count))
            _ = jpeg_read_header(cinfo, 1)
            let imageWidth = Int(cinfo.pointee.image_width)
            let imageHeight = Int(cinfo.pointee.image_height)
            cinfo.pointee.scale_num = 1
            cinfo.pointee.scale_denom = UInt32(max(1, scaleDenominator))
            cinfo.pointee.out_color_space = JCS_RGB
            cinfo.pointee.dct_method = JDCT_IFAST
            _ = jpeg_start_decompress(cinfo)
            let width = Int(cinfo.pointee.output_width)
            let height = Int(cinfo.pointee.output_height)
            var pixels = [UInt8](repeating: 0, count: width * height * 3)
            pixels.withUnsafeMutableBufferPointer { out in
                guard let base = out.baseAddress else { return }
                while cinfo.pointee.output_scanline < cinfo.pointee.output_height {
                    var row: JSAMPROW? = base + Int(cinfo.pointee.output_scanline) * width * 3
                    _ = jpeg_read_scanlines(cinfo, &row, 1)
                }
            }
            _ = jpeg_finish_decompress(cinfo)
            return DecodedImage(width: width, height: height, imageWidth: imageWidth, imageHeight: imageHeight, rgb: pixels)
        }
    }

    private static func directEncode(rgb: [UInt8], width: Int, height: Int, quality: Int) -> [UInt8] {
        let cinfo = UnsafeMutablePointer<jpeg_compress_struct>.allocate(capacity: 1)
        let jerr = UnsafeMutablePointer<jpeg_error_mgr>.allocate(capacity: 1)
        defer {
            cinfo.deallocate()
            jerr.deallocate()
        }
        cinfo.initialize(to: jpeg_compress_struct())
        jerr.initialize(to: jpeg_error_mgr())
        cinfo.pointee.err = jpeg_std_error(jerr)
        silence(jerr)
        jpeg_CreateCompress(cinfo, JPEG_LIB_VERSION, MemoryLayout<jpeg_compress_struct>.size)
        defer { jpeg_destroy_compress(cinfo) }
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize: UInt = 0
        jpeg_mem_dest(cinfo, &output, &outputSize)
        cinfo.pointee.image_width = JDIMENSION(width)
        cinfo.pointee.image_height = JDIMENSION(height)
        cinfo.pointee.input_components = 3
        cinfo.pointee.in_color_space = JCS_RGB
        jpeg_set_defaults(cinfo)
        jpeg_set_quality(cinfo, Int32(quality), 1)
        jpeg_start_compress(cinfo, 1)
        rgb.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while cinfo.pointee.next_scanline < cinfo.pointee.image_height {
                var row: JSAMPROW? = UnsafeMutablePointer(mutating: base + Int(cinfo.pointee.next_scanline) * width * 3)
                _ = jpeg_write_scanlines(cinfo, &row, 1)
            }
        }
        jpeg_finish_compress(cinfo)
        defer { free(output) }
        guard let output else { return [] }
        return Array(UnsafeBufferPointer(start: output, count: Int(outputSize)))
    }

    /// Warnings are counted, never printed: stderr may be under a curses screen.
    private static func silence(_ jerr: UnsafeMutablePointer<jpeg_error_mgr>) {
        jerr.pointee.emit_message = { cinfo, level in
            if level < 0, let err = cinfo?.pointee.err {
                err.pointee.num_warnings += 1
            }
        }
        jerr.pointee.output_message = { _ in }
    }
}
