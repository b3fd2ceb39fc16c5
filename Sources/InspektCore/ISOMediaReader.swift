/// MP4 and QuickTime (ISO base media) files: boxes of a 32-bit size (1: a 64-bit size follows; 0: to the end)
/// and a four-letter type. The duration is in the movie header, `moov/mvhd`, in units of its time scale.
struct ISOMediaReader<Source: ByteSource> {
    let source: Source

    struct Box {
        var type: String
        var offset: Int64
        var headerSize: Int64
        var size: Int64
        var contentOffset: Int64 { offset + headerSize }
        var contentSize: Int64 { size - headerSize }
    }

    func read(claimed: MediaType) throws(ContainerProblem) -> VideoFacts {
        guard let first = source.bytes(at: 0, count: 8), first.count == 8, Array(first[4..<8]) == Array("ftyp".utf8)
        else { throw ContainerProblem("it does not begin with a file type box (ftyp)") }
        // Every top-level box, to the file's end: one that runs past it is a copy cut short, wherever it is.
        let top = try boxes(from: 0, to: source.length)
        guard let moov = top.first(where: { $0.type == "moov" }) else {
            throw ContainerProblem(
                "it has no movie box (moov): the recording was not finished, or the file is cut short")
        }
        let children = try boxes(from: moov.contentOffset, to: moov.offset + moov.size)
        guard let mvhd = children.first(where: { $0.type == "mvhd" }) else {
            throw ContainerProblem("its movie box has no movie header (mvhd)")
        }
        return VideoFacts(type: claimed, duration: try duration(mvhd))
    }

    /// `mvhd` version 0: 32-bit times and duration; version 1: 64-bit. A duration of all ones means "unknown".
    func duration(_ mvhd: Box) throws(ContainerProblem) -> Double? {
        guard let head = source.bytes(at: mvhd.contentOffset, count: 32), !head.isEmpty else {
            throw ContainerProblem("its movie header (mvhd) cannot be read")
        }
        let version = head[0]
        let (scaleAt, durationAt, durationBytes) = version == 1 ? (20, 24, 8) : (12, 16, 4)
        guard version <= 1 else { throw ContainerProblem("its movie header (mvhd) has unknown version \(version)") }
        guard Int64(durationAt + durationBytes) <= mvhd.contentSize, head.count >= durationAt + durationBytes else {
            throw ContainerProblem("its movie header (mvhd) is cut short")
        }
        func number(_ at: Int, _ count: Int) -> UInt64 { head[at..<at + count].reduce(0) { $0 << 8 | UInt64($1) } }
        let scale = number(scaleAt, 4)
        let units = number(durationAt, durationBytes)
        guard scale > 0 else { throw ContainerProblem("its movie header (mvhd) has a time scale of 0") }
        let unknown: UInt64 = durationBytes == 8 ? .max : 0xFFFF_FFFF
        return units == unknown ? nil : Double(units) / Double(scale)
    }

    /// The boxes laid end to end in `start..<end`. A box whose size runs past `end`, or is smaller than its own
    /// header, is the file's fault, said as such.
    func boxes(from start: Int64, to end: Int64) throws(ContainerProblem) -> [Box] {
        var found: [Box] = []
        var offset = start
        while offset < end {
            guard found.count < VideoContainer.maxElements else {
                throw ContainerProblem("it holds more than \(VideoContainer.maxElements) boxes on one level")
            }
            guard end - offset >= 8, let head = source.bytes(at: offset, count: 16), head.count >= 8 else {
                throw ContainerProblem("the file ends inside a box header, at byte \(offset)")
            }
            let type = String(decoding: head[4..<8].map { (32...126).contains($0) ? $0 : 0x3F }, as: UTF8.self)
            var size = Int64(head[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            var headerSize: Int64 = 8
            if size == 1 {
                guard head.count >= 16 else { throw ContainerProblem("the file ends inside the '\(type)' box's size") }
                let large = head[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                guard large <= UInt64(Int64.max) else {
                    throw ContainerProblem("the '\(type)' box claims an impossible size")
                }
                size = Int64(large)
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            guard size >= headerSize else {
                throw ContainerProblem("the '\(type)' box at byte \(offset) is smaller than its own header")
            }
            guard size <= end - offset else {
                throw ContainerProblem(
                    "the file ends inside its '\(type)' box (it claims \(size) bytes, \(end - offset) are there): it is cut short"
                )
            }
            let box = Box(type: type, offset: offset, headerSize: headerSize, size: size)
            found.append(box)
            offset += size
        }
        return found
    }
}
