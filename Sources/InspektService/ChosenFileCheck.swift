import Foundation
import InspektAPI
import InspektCore
import PhotoKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a photo still holds the bytes it had when its selection was hashed, checked just before the
/// upload: a file rewritten since (same size, other bytes) is refused with the reason, never sent.
///
/// A file's identity and its change time (which no program can set back) are remembered with each
/// digest this process takes, so an unchanged file is not read twice; a file hashed by another process,
/// or touched since, is hashed again and compared.
enum ChosenFileCheck {
    /// What `stat` says about a file: any write moves its change time.
    struct Fingerprint: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }
    }

    private struct Known: Sendable {
        var fingerprint: Fingerprint
        var sha256: String
    }

    private static let known = Mutex<[String: Known]>([:])
    /// Files the photo checks read whole, as they were then (identity taken before the read and found again after).
    private static let checked = Mutex<[String: FileIdentity]>([:])

    /// Records that the photo checks read `path` whole while it was `identity`.
    static func rememberChecked(path: String, identity: FileIdentity) {
        checked.withLock { $0[path] = identity }
    }

    /// The file at `path` as the photo checks of this process read it, if they did.
    static func checkedIdentity(path: String) -> FileIdentity? {
        checked.withLock { $0[path] }
    }

    /// Records that `path`, as `fingerprint` shows it, has this digest.
    static func remember(path: String, sha256: String, fingerprint: Fingerprint) {
        known.withLock { $0[path] = Known(fingerprint: fingerprint, sha256: sha256) }
    }

    /// The digest this process took of `path`, if the file has not changed since (same identity and times).
    static func knownDigest(path: String) -> String? {
        guard let now = Fingerprint(path: path), let known = known.withLock({ $0[path] }), known.fingerprint == now
        else {
            return nil
        }
        return known.sha256
    }

    /// Nil when the file at `path` still has the digest `sha256` it was chosen with; else why not.
    static func problem(path: String, name: String, size chosenSize: Int64, sha256 chosen: String) -> FileProblem? {
        guard let now = Fingerprint(path: path) else { return .missing(name: name) }
        if now.size != chosenSize {
            return .changed(name: name, detail: "\(chosenSize) bytes then, \(now.size) now")
        }
        if known.withLock({ $0[path] }).map({ $0.fingerprint == now && $0.sha256 == chosen }) == true { return nil }
        let current: String
        do { current = try PhotoInspector.sha256(path: path) } catch {
            return (error as? FileProblem) ?? .unreadable(name: name, reason: "\(error)")
        }
        guard current == chosen else {
            return .changed(
                name: name,
                detail: "same size, other bytes: SHA-256 \(chosen.prefix(12))… then, \(current.prefix(12))… now")
        }
        if Fingerprint(path: path) == now { remember(path: path, sha256: current, fingerprint: now) }
        return nil
    }
}
