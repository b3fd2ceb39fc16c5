import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Moves the photos of an accepted inspection out of the inbox into `sent/<case id>/` inside it, so the
/// inbox holds only what is still to be sent. Nothing is ever deleted or overwritten: a name already
/// taken in the target folder gets a suffix (`IMG_1 (2).jpg`), and a file that cannot be moved stays where
/// it was. Only files inside the inbox move (not those already under `sent/`, nor ones chosen elsewhere).
public struct SentPhotoMover: Sendable {
    /// One photo that moved.
    public struct Move: Sendable, Hashable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The folder under the inbox that sent photos move into.
    public static let folderName = "sent"
    /// The environment variable that turns moving on (`1`); off by default.
    public static let environmentVariable = "INSPEKT_MOVE_SENT"

    public let inbox: String

    public init(inbox: String) {
        var inbox = (inbox as NSString).standardizingPath
        while inbox.count > 1 && inbox.hasSuffix("/") { inbox.removeLast() }
        self.inbox = inbox
    }

    /// Whether the environment asks for sent photos to move.
    public static func isEnabled(_ environment: [String: String]) -> Bool {
        ["1", "yes", "true", "on"].contains(environment[environmentVariable]?.lowercased() ?? "")
    }

    /// The folder the photos of `caseID` move into; nil for a case id that is not one plain folder name.
    public func folder(caseID: String) -> String? {
        guard !caseID.isEmpty, caseID != ".", caseID != "..", !caseID.contains("/"), !caseID.contains("\0") else {
            return nil
        }
        return inbox + "/" + Self.folderName + "/" + caseID
    }

    /// Moves each of `paths` that lies in the inbox into the case's folder; returns the moves made.
    /// A file that cannot be moved is left where it was and reported in `failures`.
    public func move(paths: [String], caseID: String) -> (moves: [Move], failures: [String: String]) {
        guard let folder = folder(caseID: caseID) else { return ([], [:]) }
        var moves: [Move] = []
        var failures: [String: String] = [:]
        for path in paths where movable(path) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                moves.append(Move(from: path, to: try moveWithoutOverwriting(path, into: folder)))
            } catch {
                failures[path] = String(describing: error)
            }
        }
        return (moves, failures)
    }

    /// Whether `path` lies inside the inbox and not already under its `sent` folder.
    func movable(_ path: String) -> Bool {
        let path = (path as NSString).standardizingPath
        let sent = inbox + "/" + Self.folderName + "/"
        return path.hasPrefix(inbox + "/") && !path.hasPrefix(sent)
    }

    /// Moves `path` into `folder` under its own name, or the first free `name (n).ext`. The name is claimed
    /// first with an exclusive create, then the photo is renamed over that empty claim: nobody's file is
    /// ever replaced, even by another process moving at the same moment, on any file system.
    func moveWithoutOverwriting(_ path: String, into folder: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        for number in 1...1000 {
            let candidate = number == 1 ? name : "\(stem) (\(number))" + (ext.isEmpty ? "" : "." + ext)
            let target = folder + "/" + candidate
            let claim = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if claim < 0 {
                if errno == EEXIST { continue }
                throw MoveError(path: path, reason: String(cString: strerror(errno)))
            }
            close(claim)
            guard rename(path, target) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = unlink(target)
                throw MoveError(path: path, reason: reason)
            }
            return target
        }
        throw MoveError(path: path, reason: "no free name in \(folder)")
    }

    struct MoveError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path) could not move: \(reason)" }
    }
}
