import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read piece by piece with `pread`, for the container readers.
struct FileByteSource: ByteSource {
    let fd: Int32
    let length: Int64

    func bytes(at offset: Int64, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        let wanted = Int(min(Int64(count), max(0, length - offset)))
        guard wanted > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress.map { $0 + filled }, wanted - filled, off_t(offset) + off_t(filled))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return filled == wanted ? buffer : Array(buffer.prefix(filled))
    }
}

extension PhotoInspector {
    /// The container of the video at `path`, read as the type its extension claims: its duration, or why it
    /// is not that container (`FileProblem.notContainer`). Reads headers only, never the frames.
    public static func videoFacts(path: String) -> Result<VideoFacts, FileProblem> {
        let name = fileName(of: path)
        guard let claimed = MediaType.claimed(byExtension: fileExtension(of: name)), claimed.kind == .video else {
            return .failure(.unsupportedExtension(name: name))
        }
        let fd: Int32
        switch openRegularFile(path: path) {
        case .success(let opened): fd = opened
        case .failure(let error): return .failure(problem(error.code, name: name))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(problem(errno, name: name)) }
        let source = FileByteSource(fd: fd, length: Int64(info.st_size))
        return VideoContainer.read(source, claimed: claimed).mapError {
            .notContainer(name: name, claimed: claimed, reason: $0.reason)
        }
    }
}
