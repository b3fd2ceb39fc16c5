/// Matroska and WebM (EBML): elements of a variable-length id and size. The EBML header names the document
/// type; the segment's `Info` holds `Duration` (a float) in units of `TimecodeScale` nanoseconds (default 1 ms).
struct MatroskaReader<Source: ByteSource> {
    let source: Source

    struct Element {
        var id: UInt64
        var offset: Int64
        var dataOffset: Int64
        /// nil: "unknown size", running to the end of its parent.
        var size: Int64?
    }

    func read(claimed: MediaType) throws(ContainerProblem) -> VideoFacts {
        let end = source.length
        guard let magic = source.bytes(at: 0, count: 4), magic == [0x1A, 0x45, 0xDF, 0xA3] else {
            throw ContainerProblem("it does not begin with an EBML header")
        }
        let header = try element(at: 0, end: end)
        guard header.id == MatroskaID.ebml, let headerSize = header.size else {
            throw ContainerProblem("it does not begin with an EBML header")
        }
        var docType: String?
        try walk(from: header.dataOffset, to: header.dataOffset + headerSize) { child throws(ContainerProblem) in
            if child.id == MatroskaID.docType { docType = try text(child) }
            return docType == nil
        }
        guard let docType, docType == "webm" || docType == "matroska" else {
            throw ContainerProblem("its EBML header names no Matroska or WebM document type")
        }
        let segment = try element(at: header.dataOffset + headerSize, end: end)
        guard segment.id == MatroskaID.segment else {
            throw ContainerProblem("its EBML header is not followed by a segment")
        }
        let segmentEnd = segment.size.map { segment.dataOffset + $0 } ?? end
        var info: Element?
        try walk(from: segment.dataOffset, to: segmentEnd) { child throws(ContainerProblem) in
            if child.id == MatroskaID.info { info = child }
            // A cluster of unknown size cannot be stepped over: Info, if any, came before it.
            return info == nil && !(child.id == MatroskaID.cluster && child.size == nil)
        }
        guard let info, let infoSize = info.size else {
            throw ContainerProblem("its segment has no segment information (Info)")
        }
        var scale: UInt64 = 1_000_000
        var units: Double?
        try walk(from: info.dataOffset, to: info.dataOffset + infoSize) { child throws(ContainerProblem) in
            if child.id == MatroskaID.timecodeScale { scale = try unsigned(child) }
            if child.id == MatroskaID.duration { units = try float(child) }
            return true
        }
        guard scale > 0 else { throw ContainerProblem("its TimecodeScale is 0") }
        guard let units else { return VideoFacts(type: claimed, duration: nil) }
        guard units.isFinite, units >= 0 else { throw ContainerProblem("its Duration is not a length of time") }
        return VideoFacts(type: claimed, duration: units * Double(scale) / 1_000_000_000)
    }

    /// Calls `visit` for each element in `start..<end` until it returns false. An element of unknown size
    /// ends the walk after its visit (its end cannot be known without reading it whole).
    func walk(
        from start: Int64, to end: Int64, _ visit: (Element) throws(ContainerProblem) -> Bool
    ) throws(ContainerProblem) {
        var offset = start
        var count = 0
        while offset < end {
            count += 1
            guard count <= VideoContainer.maxElements else {
                throw ContainerProblem("it holds more than \(VideoContainer.maxElements) elements on one level")
            }
            let child = try element(at: offset, end: end)
            guard try visit(child), let size = child.size else { return }
            offset = child.dataOffset + size
        }
    }

    /// The element whose id starts at `offset`; its data must end by `end`.
    func element(at offset: Int64, end: Int64) throws(ContainerProblem) -> Element {
        guard let head = source.bytes(at: offset, count: 12), !head.isEmpty else {
            throw ContainerProblem("the file ends inside an element header, at byte \(offset)")
        }
        guard let (id, idLength) = Self.vint(head, at: 0, maxLength: 4, keepMarker: true),
            let (rawSize, sizeLength) = Self.vint(head, at: idLength, maxLength: 8, keepMarker: false)
        else { throw ContainerProblem("the element header at byte \(offset) is malformed or cut short") }
        let dataOffset = offset + Int64(idLength + sizeLength)
        let unknown = rawSize == (UInt64(1) << (7 * UInt64(sizeLength))) - 1
        guard !unknown else { return Element(id: id, offset: offset, dataOffset: dataOffset, size: nil) }
        guard rawSize <= UInt64(Int64.max), Int64(rawSize) <= end - dataOffset else {
            throw ContainerProblem(
                "the file ends inside an element at byte \(offset) (it claims \(rawSize) bytes): it is cut short")
        }
        return Element(id: id, offset: offset, dataOffset: dataOffset, size: Int64(rawSize))
    }

    /// A variable-length integer: the leading zero bits of its first byte give its length.
    static func vint(_ bytes: [UInt8], at index: Int, maxLength: Int, keepMarker: Bool) -> (UInt64, Int)? {
        guard index < bytes.count, bytes[index] != 0 else { return nil }
        let length = bytes[index].leadingZeroBitCount + 1
        guard length <= maxLength, index + length <= bytes.count else { return nil }
        var value = UInt64(keepMarker ? bytes[index] : bytes[index] & (0xFF >> length))
        for byte in bytes[(index + 1)..<(index + length)] { value = value << 8 | UInt64(byte) }
        return (value, length)
    }

    func data(_ element: Element, limit: Int) throws(ContainerProblem) -> [UInt8] {
        guard let size = element.size, size <= limit else {
            throw ContainerProblem("an element at byte \(element.offset) has an impossible size")
        }
        guard let bytes = source.bytes(at: element.dataOffset, count: Int(size)), bytes.count == Int(size) else {
            throw ContainerProblem("the file ends inside an element at byte \(element.offset)")
        }
        return bytes
    }

    func text(_ element: Element) throws(ContainerProblem) -> String {
        String(decoding: try data(element, limit: 64).prefix { $0 != 0 }, as: UTF8.self)
    }

    func unsigned(_ element: Element) throws(ContainerProblem) -> UInt64 {
        try data(element, limit: 8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    func float(_ element: Element) throws(ContainerProblem) -> Double {
        let bytes = try data(element, limit: 8)
        let bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        switch bytes.count {
        case 4: return Double(Float(bitPattern: UInt32(bits)))
        case 8: return Double(bitPattern: bits)
        default: throw ContainerProblem("its Duration is \(bytes.count) bytes long, not a float of 4 or 8")
        }
    }
}

/// The Matroska element ids this reader looks for (with their length marker, as written).
enum MatroskaID {
    static let ebml: UInt64 = 0x1A45_DFA3
    static let docType: UInt64 = 0x4282
    static let segment: UInt64 = 0x1853_8067
    static let info: UInt64 = 0x1549_A966
    static let cluster: UInt64 = 0x1F43_B675
    static let timecodeScale: UInt64 = 0x2A_D7B1
    static let duration: UInt64 = 0x4489
}
