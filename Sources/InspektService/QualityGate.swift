import Crypto
import Dispatch
import Foundation
import InspektAPI
import InspektCore
import PhotoKit
import Synchronization

/// The local checks run before a session is spent: size, sharpness, exposure, a file cut short, and the same
/// picture on two slots. (Photos sent before with another inspection: `InspektService.photoFindings`.)
public enum QualityGate {
    /// How many photos are read and decoded at once: the checks use every core of a small kiosk, and hold at
    /// most this many photos' samples at a time, however many photos there are.
    static let photosAtOnce = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Every finding about `photos`, in selection order; empty when nothing looks wrong.
    public static func findings(for photos: [PhotoSelection]) -> [PhotoFinding] {
        let found = Mutex<[Int: [PhotoFinding]]>([:])
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: min(photosAtOnce, photos.count)) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < photos.count else { return }
                let findings = examined(photos[index])
                found.withLock { $0[index] = findings }
            }
        }
        let all = found.withLock { $0 }
        return photos.indices.flatMap { all[$0] ?? [] } + duplicates(in: photos)
    }

    /// One photo's findings from what the checks read of it (`PhotoInspector.judged`: its ends, its headers, the
    /// top of its picture decoded at DCT scale), never the whole photo. The file's identity is
    /// taken before the read and again after; when it held still, it is remembered, so that the upload can tell
    /// the file it sends is the one checked (`ChosenFileCheck.checkedIdentity`) without hashing it a second time.
    static func examined(_ photo: PhotoSelection) -> [PhotoFinding] {
        // Videos have no pixels to judge here.
        if case .success(let mediaType) = PhotoInspector.check(path: photo.path), mediaType.kind != .image { return [] }
        let before = FileIdentity(path: photo.path)
        let facts: PhotoFacts
        do { facts = try PhotoInspector.judged(path: photo.path) } catch FileProblem.incomplete {
            return [PhotoFinding(slot: photo.slot, path: photo.path, kind: .incomplete)]
        } catch {
            return [PhotoFinding(slot: photo.slot, path: photo.path, kind: .unreadable(reason: "\(error)"))]
        }
        if let before, FileIdentity(path: photo.path) == before {
            ChosenFileCheck.rememberChecked(path: photo.path, identity: before)
        }
        return measured(facts, photo)
    }

    /// The findings from one photo's measured facts.
    public static func measured(_ facts: PhotoFacts, _ photo: PhotoSelection) -> [PhotoFinding] {
        var findings: [PhotoFinding] = []
        func add(_ kind: PhotoFinding.Kind) {
            findings.append(PhotoFinding(slot: photo.slot, path: photo.path, kind: kind))
        }
        if let width = facts.pixelWidth, let height = facts.pixelHeight,
            max(width, height) < PhotoFinding.minimumWidth || min(width, height) < PhotoFinding.minimumHeight
        {
            add(.tooSmall(width: width, height: height))
        }
        if let score = facts.blurScore, score < PhotoFacts.blurThreshold { add(.blurred(score: score)) }
        if let brightness = facts.exposure {
            if brightness < 60 { add(.dark(brightness: brightness)) }
            if brightness > 200 { add(.bright(brightness: brightness)) }
        }
        return findings
    }

    /// Photos whose bytes equal an earlier slot's photo: same size, then the same first 64 KiB, and only then
    /// the same SHA-256. Each file is sampled and hashed at most once, and only files that share size and
    /// start are read whole: the upload, which hashes every photo as it sends it, is then the one full read.
    static func duplicates(in photos: [PhotoSelection]) -> [PhotoFinding] {
        var sizes: [String: Int64] = [:]
        for photo in photos {
            if let size = PhotoValidator.size(path: photo.path), size > 0 { sizes[photo.path] = size }
        }
        var starts: [String: String?] = [:]
        var digests: [String: String?] = [:]
        func same(_ one: String, _ other: String) -> Bool {
            func remembered(_ cache: inout [String: String?], _ path: String, _ compute: (String) -> String?) -> String?
            {
                if let known = cache[path] { return known }
                let value = compute(path)
                cache[path] = value
                return value
            }
            guard let start = remembered(&starts, one, Self.start), start == remembered(&starts, other, Self.start)
            else { return false }
            guard let digest = remembered(&digests, one, Self.digest) else { return false }
            return digest == remembered(&digests, other, Self.digest)
        }
        var findings: [PhotoFinding] = []
        for (index, photo) in photos.enumerated() {
            guard let size = sizes[photo.path] else { continue }
            let original = photos[..<index].first { earlier in
                earlier.path != photo.path && sizes[earlier.path] == size && same(earlier.path, photo.path)
            }
            if let original {
                findings.append(
                    PhotoFinding(
                        slot: photo.slot, path: photo.path,
                        kind: .duplicate(of: original.slot, fileName: original.fileName)))
            }
        }
        return findings
    }

    /// SHA-256 of a file's first 64 KiB: photos that differ almost always differ there.
    static func start(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1024) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of a whole file, read in chunks (never held whole in memory).
    static func digest(_ path: String) -> String? {
        try? PhotoInspector.sha256(path: path)
    }
}
