import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files only this user may read (the database, the log, receipts) in a folder only this user may
/// enter, none of them ever opened through a symbolic link: a link planted under one of these names
/// could send the kiosk's data to, or over, another file.
public enum PrivateFile {
    /// Why a private file or folder cannot be used, in words that name it.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(SafeText.escape(path)) \(reason)" }
    }

    /// Creates `directory` with mode 0700, or tightens an existing one to 0700 (it holds tokens and results).
    public static func prepareDirectory(_ directory: String) throws(Problem) {
        var info = stat()
        if lstat(directory, &info) != 0 {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Problem(path: directory, reason: "cannot be created (\(error.localizedDescription))")
            }
            guard stat(directory, &info) == 0 else {
                throw Problem(path: directory, reason: "cannot be created (\(errorText()))")
            }
        } else if info.st_mode & S_IFMT == S_IFLNK {
            // A folder reached through a link is the operator's own setup (say, onto another disk): follow it.
            guard stat(directory, &info) == 0 else {
                throw Problem(path: directory, reason: "is a link to nothing (\(errorText()))")
            }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Problem(path: directory, reason: "is a file, not a folder")
        }
        if info.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 {
            throw Problem(path: directory, reason: "cannot be made private (mode 0700): \(errorText())")
        }
    }

    /// Refuses `path` when it is a symbolic link; a missing file is fine (it will be created).
    public static func refuseLink(_ path: String) throws(Problem) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw Problem(
                path: path,
                reason:
                    "is a symbolic link; inspekt never opens its files through a link. Remove the link (and put the real file there if it is yours)."
            )
        }
    }

    /// Opens (creating with mode 0600, tightening an existing file to 0600) `path` without following a link.
    public static func open(_ path: String, flags: Int32) throws(Problem) -> Int32 {
        try refuseLink(path)
        let fd = Glibc.open(path, flags | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { try refuseLink(path) }
            throw Problem(path: path, reason: "cannot be opened (\(String(cString: strerror(code))))")
        }
        _ = fchmod(fd, 0o600)
        return fd
    }

    /// Writes `data` to `path` whole or not at all (a private temporary file renamed over it), mode 0600.
    public static func write(_ data: Data, to path: String) throws(Problem) {
        try refuseLink(path)
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Problem(path: path, reason: "cannot be written (\(errorText()))") }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errorText() }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errorText() }
        if let failure {
            unlink(temporary)
            throw Problem(path: path, reason: "cannot be written (\(failure))")
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
