import InspektCore

/// Where each file lies in the multipart body, so that a count of body bytes the server has taken
/// becomes per-file progress.
struct BodyFileRanges: Sendable, Hashable {
    let names: [String]
    /// Each file's bytes as offsets into the body.
    let ranges: [Range<Int64>]
    let bodyLength: Int64

    init(names: [String], ranges: [Range<Int64>], bodyLength: Int64) {
        self.names = names
        self.ranges = ranges
        self.bodyLength = bodyLength
    }

    init(layout: MultipartLayout, files: [UploadFile]) {
        var offset: Int64 = 0
        var ranges = Array(repeating: Range<Int64>(uncheckedBounds: (0, 0)), count: files.count)
        for segment in layout.segments {
            switch segment {
            case .bytes(let buffer):
                offset += Int64(buffer.readableBytes)
            case .file(let index):
                let size = files.indices.contains(index) ? files[index].size : 0
                if ranges.indices.contains(index) { ranges[index] = offset..<(offset + size) }
                offset += size
            }
        }
        self.init(names: files.map(\.uploadName), ranges: ranges, bodyLength: layout.contentLength)
    }

    /// The files end to end, with nothing between them (a body of files only).
    init(files: [UploadFile]) {
        var ranges: [Range<Int64>] = []
        for file in files {
            let start = ranges.last?.upperBound ?? 0
            ranges.append(start..<(start + file.size))
        }
        self.init(names: files.map(\.uploadName), ranges: ranges, bodyLength: ranges.last?.upperBound ?? 0)
    }

    /// Per-file progress once the first `bodyBytes` of the body were taken; `current` is the file those
    /// bytes have reached and not finished (nil before any byte and after the last file).
    func progress(bodyBytes: Int64) -> UploadProgress {
        let taken = max(0, min(bodyBytes, bodyLength))
        let files = zip(names, ranges).map { name, range in
            UploadProgress.File(
                name: name, sent: max(0, min(taken, range.upperBound) - range.lowerBound), total: Int64(range.count))
        }
        let current = taken == 0 ? nil : ranges.firstIndex { taken < $0.upperBound }
        return UploadProgress(files: files, current: current)
    }
}
