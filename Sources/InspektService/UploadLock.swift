import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An advisory lock per inspection, so that two inspekt processes never upload it at once;
/// the kernel drops it when the holder dies, even by kill -9.
struct UploadLock: ~Copyable {
    private let fd: Int32

    init(directory: String, inspectionID: String) throws {
        let folder = directory + "/locks"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let safeName = String(inspectionID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_" })
        fd = open(folder + "/" + safeName + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ServiceError.storage("cannot create the upload lock in \(folder)") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw ServiceError.busy(id: inspectionID)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
