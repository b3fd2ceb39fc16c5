import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A multipart/form-data parser fed chunk by chunk: part bodies pass through as slices, never collected whole.
///
/// The parser keeps at most one delimiter's worth of bytes between calls (plus a part's headers),
/// so its memory stays flat whatever the size of the files.
struct MultipartStreamParser {
    /// The headers of one part that matter to a form.
    struct PartHeaders: Sendable, Equatable {
        var name: String?
        var fileName: String?
        var contentType: String?
    }

    enum Event {
        case partBegin(PartHeaders)
        case partData(ArraySlice<UInt8>)
        case partEnd
    }

    enum ParseError: Error, Equatable {
        case malformed(String)
    }

    private enum State {
        case preamble
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    /// Part headers larger than this are refused rather than buffered.
    static let maxHeaderBytes = 16 * 1024

    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var start = 0
    private var state: State = .preamble

    /// - Parameter boundary: the `boundary` parameter of the Content-Type header.
    init(boundary: String) {
        // Every delimiter is CRLF "--" boundary; a virtual CRLF before the body makes the first one alike.
        delimiter = Array("\r\n--\(boundary)".utf8)
        buffer = [0x0D, 0x0A]
    }

    /// True once the closing delimiter has been read.
    var isFinished: Bool {
        if case .epilogue = state { return true }
        return false
    }

    /// The boundary of a `multipart/form-data` Content-Type, or nil for any other type.
    static func boundary(fromContentType contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// Feeds the next bytes of the body; `onEvent` sees every part boundary and every slice of part data.
    mutating func feed(_ chunk: some Collection<UInt8>, onEvent: (Event) throws -> Void) throws {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: chunk)
        try process(onEvent: onEvent)
    }

    /// Call at the end of the body: fails when the closing delimiter never came.
    func finish() throws {
        guard isFinished else { throw ParseError.malformed("body ended before the closing boundary") }
    }

    private mutating func process(onEvent: (Event) throws -> Void) throws {
        while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter, from: start) else {
                    // Keep only what could still be the start of a delimiter.
                    start = max(start, buffer.count - (delimiter.count - 1))
                    return
                }
                start = found + delimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard buffer.count - start >= 2 else { return }
                if buffer[start] == 0x2D && buffer[start + 1] == 0x2D {
                    state = .epilogue
                    start = buffer.count
                    return
                }
                // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
                var index = start
                while index < buffer.count, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
                guard buffer.count - index >= 2 else { return }
                guard buffer[index] == 0x0D && buffer[index + 1] == 0x0A else {
                    throw ParseError.malformed("delimiter not followed by CRLF")
                }
                start = index + 2
                state = .headers
            case .headers:
                guard buffer.count - start >= 2 else { return }
                // A part without headers starts straight with CRLF.
                if buffer[start] == 0x0D && buffer[start + 1] == 0x0A {
                    start += 2
                    try onEvent(.partBegin(PartHeaders()))
                    state = .body
                    continue
                }
                guard let end = find([0x0D, 0x0A, 0x0D, 0x0A], from: start) else {
                    if buffer.count - start > Self.maxHeaderBytes {
                        throw ParseError.malformed("part headers too long")
                    }
                    return
                }
                let headers = Self.parseHeaders(buffer[start..<end])
                start = end + 4
                try onEvent(.partBegin(headers))
                state = .body
            case .body:
                if let found = find(delimiter, from: start) {
                    if found > start { try onEvent(.partData(buffer[start..<found])) }
                    try onEvent(.partEnd)
                    start = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Everything but a possible partial delimiter at the end is part data.
                    let safeEnd = max(start, buffer.count - (delimiter.count - 1))
                    if safeEnd > start {
                        try onEvent(.partData(buffer[start..<safeEnd]))
                        start = safeEnd
                    }
                    return
                }
            case .epilogue:
                start = buffer.count
                return
            }
        }
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, buffer.count - from >= needle.count else { return nil }
        return buffer.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var index = from
                let last = haystack.count - pattern.count
                while index <= last {
                    // memchr skips to the next candidate first byte at memory speed.
                    guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                    index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }

    static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> PartHeaders {
        var headers = PartHeaders()
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition":
                headers.name = parameter("name", in: value)
                headers.fileName = parameter("filename", in: value)
            case "content-type":
                headers.contentType = value
            default:
                break
            }
        }
        return headers
    }

    /// A parameter of a Content-Disposition value, quoted (with backslash escapes) or bare.
    static func parameter(_ wanted: String, in value: String) -> String? {
        let characters = Array(value)
        var index = 0
        // Skip the disposition type itself.
        while index < characters.count && characters[index] != ";" { index += 1 }
        while index < characters.count {
            index += 1  // the ';'
            while index < characters.count && characters[index] == " " { index += 1 }
            var key = ""
            while index < characters.count && characters[index] != "=" && characters[index] != ";" {
                key.append(characters[index])
                index += 1
            }
            var parsed = ""
            if index < characters.count && characters[index] == "=" {
                index += 1
                if index < characters.count && characters[index] == "\"" {
                    index += 1
                    while index < characters.count && characters[index] != "\"" {
                        if characters[index] == "\\" && index + 1 < characters.count { index += 1 }
                        parsed.append(characters[index])
                        index += 1
                    }
                    index += 1  // closing quote
                    while index < characters.count && characters[index] != ";" { index += 1 }
                } else {
                    while index < characters.count && characters[index] != ";" {
                        parsed.append(characters[index])
                        index += 1
                    }
                    parsed = parsed.trimmingCharacters(in: .whitespaces)
                }
            }
            if key.trimmingCharacters(in: .whitespaces).lowercased() == wanted { return parsed }
        }
        return nil
    }
}
