import Crypto
import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A photo that passed every check, with what the upload needs to know about it.
public struct CheckedPhoto: Sendable, Hashable {
    public var selection: PhotoSelection
    public var mediaType: MediaType
}

/// Checks photo files before any network call: there, a regular file, readable, non-empty,
/// of a type the API accepts with first bytes that agree with the extension.
public enum PhotoValidator {
    /// Checks one file on disk; never blocks on a FIFO or a device (stat first, then open).
    public static func check(path: String) -> Result<(size: Int64, mediaType: MediaType), FileProblem> {
        let name = (path as NSString).lastPathComponent
        var info = stat()
        if lstat(path, &info) != 0 {
            return .failure(errno == EACCES ? .unreadable(name: name, reason: "permission denied") : .missing(name: name))
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            // Follow the link; a dangling one means the photo is gone.
            if stat(path, &info) != 0 { return .failure(.missing(name: name)) }
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notAFile(name: name)) }
        let size = Int64(info.st_size)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            return .failure(.unreadable(name: name, reason: String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: MediaRule.headerLength)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, MediaRule.headerLength) }
        if count < 0 {
            return .failure(.unreadable(name: name, reason: String(cString: strerror(errno))))
        }
        switch MediaRule.check(fileName: name, size: size, header: Array(header.prefix(count))) {
        case .success(let type): return .success((size, type))
        case .failure(let problem): return .failure(problem)
        }
    }

    /// Every problem with a selection, in words; empty when it may be sent.
    public static func problems(in photos: [PhotoSelection]) -> [String] {
        var problems: [String] = []
        if photos.isEmpty {
            problems.append("No photos were chosen: add at least one photo of the vehicle.")
        }
        if photos.count > InspectionLimits.maxPhotos {
            problems.append(
                "\(photos.count) photos were chosen; one inspection carries at most \(InspectionLimits.maxPhotos). Remove \(photos.count - InspectionLimits.maxPhotos).")
        }
        var seenSlots: Set<CoverageSlot> = []
        for photo in photos where !photo.slot.allowsMany {
            if !seenSlots.insert(photo.slot).inserted {
                problems.append("\(photo.slot.title) holds more than one photo: keep one (only damage close-ups may be many).")
            }
        }
        var seenPaths: [String: CoverageSlot] = [:]
        var kinds: Set<MediaKind> = []
        for photo in photos {
            if let slot = seenPaths[photo.path] {
                problems.append(FileProblem.alreadyUsed(name: photo.fileName, slot: slot).description)
                continue
            }
            seenPaths[photo.path] = photo.slot
            switch check(path: photo.path) {
            case .success(let checked): kinds.insert(checked.mediaType.kind)
            case .failure(let problem): problems.append(problem.description)
            }
        }
        if kinds.count > 1 {
            problems.append("Photos and videos cannot be sent in one inspection: keep only photos, or only videos.")
        }
        return problems
    }

    /// Lower-case hex SHA-256 of a file, read in 1 MiB chunks so memory stays flat.
    public static func sha256(path: String) throws(FileProblem) -> String {
        let name = (path as NSString).lastPathComponent
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(name: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(name: name, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
