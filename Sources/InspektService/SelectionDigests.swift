import Dispatch
import Foundation
import InspektCore
import PhotoKit
import Synchronization

/// The SHA-256 of every file of a selection, computed when the selection is prepared (never during the
/// upload request, which then only sends): files hashed in parallel by PhotoKit on dispatch threads, so
/// neither a UI loop nor Swift's cooperative pool waits on the disk.
enum SelectionDigests {
    /// A file's size when it was hashed and its lower-case hex SHA-256.
    struct Digest: Sendable, Hashable {
        var size: Int64
        var sha256: String
    }

    /// One result per path, in order; a file that cannot be read gives its problem in words.
    static func compute(paths: [String]) async -> [Result<Digest, HashFailure>] {
        guard !paths.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                let results = Mutex<[Int: Result<Digest, HashFailure>]>([:])
                DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                    let outcome = digest(path: paths[index])
                    results.withLock { $0[index] = outcome }
                }
                let all = results.withLock { $0 }
                continuation.resume(
                    returning: paths.indices.map { all[$0] ?? .failure(HashFailure(reason: "not hashed")) })
            }
        }
    }

    /// Hashes one file; the size is taken before and after, so a file written meanwhile is not given a digest.
    static func digest(path: String) -> Result<Digest, HashFailure> {
        guard let before = PhotoValidator.size(path: path) else {
            return .failure(
                HashFailure(reason: FileProblem.missing(name: (path as NSString).lastPathComponent).description))
        }
        let fingerprint = ChosenFileCheck.Fingerprint(path: path)
        let sha256: String
        do { sha256 = try PhotoInspector.sha256(path: path) } catch {
            return .failure(HashFailure(reason: (error as? FileProblem)?.description ?? String(describing: error)))
        }
        guard PhotoValidator.size(path: path) == before else {
            return .failure(
                HashFailure(
                    reason: "\(SafeText.escape((path as NSString).lastPathComponent)) changed while it was being read.")
            )
        }
        if let fingerprint, ChosenFileCheck.Fingerprint(path: path) == fingerprint {
            ChosenFileCheck.remember(path: path, sha256: sha256, fingerprint: fingerprint)
        }
        return .success(Digest(size: before, sha256: sha256))
    }

    /// Why a file could not be hashed, in words.
    struct HashFailure: Error, Sendable, Hashable {
        var reason: String
    }
}
