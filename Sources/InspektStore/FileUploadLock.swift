import Foundation
import InspektStorage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The upload lock of one kiosk's SQLite store: an advisory file lock per inspection in `locks/`, which the
/// kernel drops when the holder dies, even by kill -9. The holder writes who it is into the file (a line in
/// words, then its process id and start time), so that a process that finds it taken can say who is
/// uploading, and a board or `status` can tell a live upload from one whose process is gone without
/// touching the lock. Releasing empties the file.
final class FileUploadLock: UploadLease {
    private let fd: Int32

    /// Takes the lock or throws `StoreError.locked` naming the holder.
    init(directory: String, inspectionID: String, holder: String) throws {
        let folder = directory + "/locks"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        fd = open(
            Self.path(directory: directory, inspectionID: inspectionID), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
            0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: folder, reason: "the upload lock cannot be created") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)?.words
            close(fd)
            throw StoreError.locked(id: inspectionID, holder: holder)
        }
        let text = Array(
            (holder.replacingOccurrences(of: "\n", with: " ") + "\n" + ProcessIdentity.current.description + "\n").utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        // Emptied first: a holder that lives on after its upload no longer reads as uploading.
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Whether a live process holds the lock of this inspection, read from what the holder wrote (the lock
    /// itself is never probed: a probe would make a real taker find it busy).
    static func isHeld(directory: String, inspectionID: String) -> Bool {
        let fd = open(path(directory: directory, inspectionID: inspectionID), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return readHolder(fd)?.process?.isAlive ?? false
    }

    private static func path(directory: String, inspectionID: String) -> String {
        let safeName = String(
            inspectionID.unicodeScalars.map {
                CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_"
            })
        return directory + "/locks/" + safeName + ".lock"
    }

    /// What the holder wrote, or nil when it wrote nothing (yet).
    private static func readHolder(_ fd: Int32) -> (words: String?, process: ProcessIdentity?)? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let lines = String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "\n")
        let words = lines.first.map { $0.trimmingCharacters(in: .whitespaces) }
        return (words?.isEmpty == false ? words : nil, lines.dropFirst().first.flatMap { ProcessIdentity($0) })
    }
}
