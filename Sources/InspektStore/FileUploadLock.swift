import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The upload lock of one kiosk's SQLite store: an advisory file lock per inspection in `locks/`, which the
/// kernel drops when the holder dies, even by kill -9. The holder writes who it is into the file, so
/// that a process that finds it taken can say who is uploading.
final class FileUploadLock: UploadLease {
    private let fd: Int32

    /// Takes the lock or throws `StoreError.locked` naming the holder.
    init(directory: String, inspectionID: String, holder: String) throws {
        let folder = directory + "/locks"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let safeName = String(inspectionID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_" })
        fd = open(folder + "/" + safeName + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: folder, reason: "the upload lock cannot be created") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw StoreError.locked(id: inspectionID, holder: holder)
        }
        let text = Array(holder.utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// What the holder wrote, or nil when it wrote nothing (yet).
    private static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
