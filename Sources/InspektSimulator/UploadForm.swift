import Crypto
import Foundation
import InspektCore

/// What the simulator learned from one uploaded file while it streamed past.
struct ReceivedFile: Sendable {
    var name: String
    var size: Int64
    var sha256: String
    /// The first bytes, enough to tell the type by content.
    var header: [UInt8]
    /// Pixel size read from the file's header, when it is an image that shows it early.
    var dimensions: ImageDimensions?
    /// The text of a JPEG's comment segments (COM), read from its first bytes: Q Score's marker (`QScoreVerdict`).
    var comment: String?
    /// The last two bytes: a whole JPEG ends with its end-of-image marker.
    var tail: [UInt8] = []

    var ledgerFile: LedgerFile {
        LedgerFile(name: name, size: size, sha256: sha256, width: dimensions?.width, height: dimensions?.height)
    }
}

/// The fields and files of an upload request, collected from multipart events without holding any file whole.
struct UploadForm {
    /// Bytes of each file kept for checks: enough for a JPEG's EXIF block before its frame header.
    static let keptHeaderBytes = 128 * 1024
    /// Text fields longer than this are cut (no field of the API needs more).
    static let maxFieldBytes = 8 * 1024

    private(set) var fields: [String: String] = [:]
    private(set) var files: [ReceivedFile] = []
    /// Number of `files` parts seen, counted even past the limit.
    private(set) var fileCount = 0

    private var current: Current?

    private enum Current {
        case field(name: String, value: [UInt8])
        case file(name: String, size: Int64, hasher: SHA256, header: [UInt8], tail: [UInt8])
        case ignored
    }

    func field(_ name: String) -> String? { fields[name] }

    mutating func handle(_ event: MultipartStreamParser.Event) {
        switch event {
        case .partBegin(let headers):
            if headers.name == "files" {
                fileCount += 1
                current = .file(name: headers.fileName ?? "", size: 0, hasher: SHA256(), header: [], tail: [])
            } else if let name = headers.name {
                current = .field(name: name, value: [])
            } else {
                current = .ignored
            }
        case .partData(let bytes):
            switch current {
            case .field(let name, var value):
                current = nil
                if value.count < Self.maxFieldBytes {
                    value.append(contentsOf: bytes.prefix(Self.maxFieldBytes - value.count))
                }
                current = .field(name: name, value: value)
            case .file(let name, let size, var hasher, var header, var tail):
                current = nil
                tail = Array((tail + bytes.suffix(2)).suffix(2))
                bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                if header.count < Self.keptHeaderBytes {
                    header.append(contentsOf: bytes.prefix(Self.keptHeaderBytes - header.count))
                }
                current = .file(name: name, size: size + Int64(bytes.count), hasher: hasher, header: header, tail: tail)
            case .ignored, nil:
                break
            }
        case .partEnd:
            switch current {
            case .field(let name, let value):
                fields[name] = String(decoding: value, as: UTF8.self)
            case .file(let name, let size, let hasher, let header, let tail):
                let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
                files.append(
                    ReceivedFile(
                        name: name, size: size, sha256: digest, header: Array(header.prefix(MediaRule.headerLength)),
                        dimensions: ImageDimensions.read(from: header), comment: JPEGComment.read(from: header),
                        tail: tail))
            case .ignored, nil:
                break
            }
            current = nil
        }
    }
}
