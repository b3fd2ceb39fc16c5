import Foundation
import InspektCore

/// Photos already sent with another inspection, known by their bytes (SHA-256), never by their names: a
/// return whose photos are the pickup's copied under other names is the case this exists for.
extension InspektService {
    /// For each file (path and size) whose bytes were already sent with another inspection (ready to upload
    /// or further), the photo it repeats: the oldest such inspection's. Only files whose size equals a sent
    /// photo's are read, on dispatch threads (never a UI loop or the cooperative pool); a file this process
    /// hashed before and that did not change since is not read again. `excluding`: the inspection being
    /// prepared, whose own photos do not count.
    public func photosSentBefore(_ files: [String: Int64], excluding id: String?) async throws -> [String: SentPhoto] {
        let sizes = Array(Set(files.values.filter { $0 > 0 }))
        guard !sizes.isEmpty else { return [:] }
        let store = self.store
        let sent = try await onStoreThread { try store.sentPhotos(sizes: sizes) }.filter { $0.inspectionID != id }
        guard !sent.isEmpty else { return [:] }
        let bySize = Dictionary(grouping: sent, by: \.size)
        let candidates = files.filter { bySize[$0.value] != nil }.keys.sorted()
        var digests: [String: String] = [:]
        var unknown: [String] = []
        for path in candidates {
            if let known = ChosenFileCheck.knownDigest(path: path) {
                digests[path] = known
            } else {
                unknown.append(path)
            }
        }
        for (path, result) in zip(unknown, await SelectionDigests.compute(paths: unknown)) {
            if case .success(let digest) = result, digest.size == files[path] { digests[path] = digest.sha256 }
        }
        var found: [String: SentPhoto] = [:]
        for path in candidates {
            guard let size = files[path], let rows = bySize[size] else { continue }
            let digest = digests[path]
            // A row stored before digests were kept can only be matched by its path.
            let match = rows.first { row in
                if let stored = row.sha256 { return stored == digest }
                return row.path == path
            }
            if let match { found[path] = match }
        }
        return found
    }

    /// The local checks of a selection (`QualityGate`: size, sharpness, exposure, duplicates, incomplete
    /// files), then one finding per photo whose bytes were already sent with another inspection, naming its
    /// case. Reads and hashes files: run it off any UI loop. `excluding`: the inspection under review.
    ///
    /// `local` is what `QualityGate.findings(for: photos)` found, when the caller ran it already (`inspekt submit`
    /// starts it before the database opens); without it, the local checks run here.
    public func photoFindings(
        for photos: [PhotoSelection], excluding id: String?, local: [PhotoFinding]? = nil
    ) async -> [PhotoFinding] {
        var findings = local ?? QualityGate.findings(for: photos)
        var files: [String: Int64] = [:]
        for photo in photos {
            if let size = PhotoValidator.size(path: photo.path) { files[photo.path] = size }
        }
        do {
            let sent = try await photosSentBefore(files, excluding: id)
            for photo in photos {
                guard let earlier = sent[photo.path] else { continue }
                findings.append(
                    PhotoFinding(slot: photo.slot, path: photo.path, kind: .alreadySent(caseID: earlier.caseID)))
            }
        } catch {
            logger.warning("photos already sent could not be looked up", metadata: ["error": "\(error)"])
            // The fleet database out of reach is said on the board's top line, and the case waits for it there:
            // no photo is doubtful for it.
            if unreachableDatabase(in: error) != nil { return findings }
            findings.append(
                contentsOf: photos.prefix(1).map {
                    PhotoFinding(
                        slot: $0.slot, path: $0.path,
                        kind: .unreadable(reason: "the list of photos sent before could not be read"))
                })
        }
        return findings
    }
}
