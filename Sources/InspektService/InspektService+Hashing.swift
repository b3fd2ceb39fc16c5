import Foundation
import InspektCore

extension InspektService {
    /// Hashes, in parallel and off any UI loop, every photo of an inspection that has no SHA-256 yet, and
    /// stores the digests (and the sizes they were taken at) with the selection. A file that cannot be read
    /// is left without one: the upload's own checks then say why.
    func hashSelection(id: String) async {
        guard let inspection = try? store.inspection(id: id) else { return }
        let pending = inspection.photos.indices.filter { inspection.photos[$0].sha256 == nil }
        guard !pending.isEmpty else { return }
        let started = ContinuousClock.now
        let paths = pending.map { inspection.photos[$0].path }
        let results = await SelectionDigests.compute(paths: paths)
        var digests: [String: SelectionDigests.Digest] = [:]
        for (path, result) in zip(paths, results) {
            switch result {
            case .success(let digest): digests[path] = digest
            case .failure(let failure):
                logger.notice("photo not hashed", metadata: ["inspection": "\(id)", "reason": "\(failure.reason)"])
            }
        }
        guard !digests.isEmpty else { return }
        do {
            // Stored on the row as it is now: only digests still missing are filled in, nothing else changes.
            guard var current = try store.inspection(id: id) else { return }
            var filled = 0
            var bytes: Int64 = 0
            for index in current.photos.indices where current.photos[index].sha256 == nil {
                guard let digest = digests[current.photos[index].path] else { continue }
                current.photos[index].sha256 = digest.sha256
                current.photos[index].size = digest.size
                filled += 1
                bytes += digest.size
            }
            guard filled > 0 else { return }
            try store.save(current)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try? store.appendEvent(
                inspectionID: id, kind: "hashed",
                detail:
                    "SHA-256 of \(filled) photo(s) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB) in \(String(format: "%.2f", seconds)) s"
            )
            hub.publish(.inspectionChanged(current))
        } catch {
            logger.error("cannot store photo digests", metadata: ["inspection": "\(id)", "error": "\(error)"])
        }
    }
}
