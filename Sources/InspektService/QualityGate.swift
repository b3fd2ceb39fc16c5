import Crypto
import Foundation
import InspektCore
import PhotoKit

/// The local checks run before a session is spent: size, sharpness, exposure, and the same picture on two slots.
public enum QualityGate {
    /// Every finding about `photos`, in selection order; empty when nothing looks wrong.
    public static func findings(for photos: [PhotoSelection]) -> [PhotoFinding] {
        var findings: [PhotoFinding] = []
        for photo in photos {
            // Videos have no pixels to judge here.
            if case .success(let mediaType) = PhotoInspector.check(path: photo.path), mediaType.kind != .image { continue }
            let facts: PhotoFacts
            do { facts = try PhotoInspector.facts(path: photo.path) } catch {
                findings.append(PhotoFinding(slot: photo.slot, path: photo.path, kind: .unreadable(reason: "\(error)")))
                continue
            }
            findings += measured(facts, photo)
        }
        return findings + duplicates(in: photos)
    }

    /// The findings from one photo's measured facts.
    public static func measured(_ facts: PhotoFacts, _ photo: PhotoSelection) -> [PhotoFinding] {
        var findings: [PhotoFinding] = []
        func add(_ kind: PhotoFinding.Kind) { findings.append(PhotoFinding(slot: photo.slot, path: photo.path, kind: kind)) }
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

    /// Photos whose bytes equal an earlier slot's photo: same size first, then the same SHA-256.
    static func duplicates(in photos: [PhotoSelection]) -> [PhotoFinding] {
        var bySize: [Int64: [PhotoSelection]] = [:]
        for photo in photos {
            guard let size = PhotoValidator.size(path: photo.path), size > 0 else { continue }
            bySize[size, default: []].append(photo)
        }
        var findings: [PhotoFinding] = []
        for photo in photos {
            guard let size = PhotoValidator.size(path: photo.path), let group = bySize[size], group.count > 1,
                let digest = digest(photo.path)
            else { continue }
            let earlier = group.prefix { $0 != photo }
            if let original = earlier.first(where: { $0.path != photo.path && Self.digest($0.path) == digest }) {
                findings.append(PhotoFinding(
                    slot: photo.slot, path: photo.path, kind: .duplicate(of: original.slot, fileName: original.fileName)))
            }
        }
        return findings
    }

    static func digest(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
