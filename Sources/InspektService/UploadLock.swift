import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An advisory lock per inspection, so that two inspekt processes never upload it at once; the
/// kernel drops it when the holder dies, even by kill -9. The holder writes who it is into the
/// lock file, so that a process that finds it taken can say who is uploading.
struct UploadLock: ~Copyable {
    private let fd: Int32

    /// Takes the lock or throws `ServiceError.busy` naming the holder.
    init(directory: String, inspectionID: String) throws {
        let folder = directory + "/locks"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let safeName = String(inspectionID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_" })
        fd = open(folder + "/" + safeName + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw ServiceError.storage("cannot create the upload lock in \(folder)") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw ServiceError.busy(id: inspectionID, holder: holder)
        }
        let text = Array(Self.describeThisProcess().utf8)
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

    /// "the board of mira on pts/3 (process 4711 on kiosk-a, since 07:12)": enough for an operator
    /// to find the other session.
    static func describeThisProcess(now: Date = Date()) -> String {
        let verb = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }
        let program = verb == nil || verb == "open" || verb == "demo" ? "the board" : "`inspekt \(verb ?? "")`"
        var who = program
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"], !user.isEmpty {
            who += " of \(user)"
        }
        if let tty = ttyname(STDIN_FILENO) {
            var name = String(cString: tty)
            if name.hasPrefix("/dev/") { name.removeFirst(5) }
            who += " on \(name)"
        }
        var host = [CChar](repeating: 0, count: 256)
        _ = gethostname(&host, host.count - 1)
        return who + " (process \(getpid()) on \(String(cString: host)), since \(clockTime(now)))"
    }

    /// `HH:mm` in local time. Not a `DateFormatter`: that loads ICU's calendar and locale data, megabytes
    /// an upload would otherwise never touch.
    static func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "?" }
        let twoDigits = { (value: Int32) in value < 10 ? "0\(value)" : "\(value)" }
        return twoDigits(local.tm_hour) + ":" + twoDigits(local.tm_min)
    }
}
