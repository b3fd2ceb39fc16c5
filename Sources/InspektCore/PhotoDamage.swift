/// One photo of an inspection with the damage its result found on it and its scores.
public struct PhotoDamage: Sendable, Hashable {
    public var photo: PhotoSelection
    public var damage: [DamagedPart]
    /// The result's scores of this photo, when it gave any.
    public var scores: ImageScores?

    public init(photo: PhotoSelection, damage: [DamagedPart] = [], scores: ImageScores? = nil) {
        self.photo = photo
        self.damage = damage
        self.scores = scores
    }

    /// Scores that are poor, in words; empty when fine or unknown.
    public var poorScores: [String] { scores?.poorScores ?? [] }
}

/// The damage of a result laid out per photo, plus what could not be put on any photo.
public struct PhotoDamageMap: Sendable, Hashable {
    /// Every photo of the inspection in checklist order (walk-around, then extras), each with its damage.
    public var photos: [PhotoDamage]
    /// Damage whose `originalImageId` names none of the inspection's photos (or none at all).
    public var unplaced: [DamagedPart]

    public init(photos: [PhotoDamage], unplaced: [DamagedPart]) {
        self.photos = photos
        self.unplaced = unplaced
    }

    /// Every damage entry placed on a photo, in the order shown: photo by photo.
    public var placed: [(photo: Int, damage: DamagedPart)] {
        photos.enumerated().flatMap { index, entry in entry.damage.map { (photo: index, damage: $0) } }
    }

    /// Matches a result to the photos that were sent.
    ///
    /// The upload names each file part `<slot>_<file name>` (`PhotoSelection.uploadName`) and Inspektlabs
    /// gives that name back as each image's `originalImageId`. A reply that drops the slot prefix, changes
    /// the case or adds a folder still matches by the file's own name.
    public static func match(photos: [PhotoSelection], result: ResultSummary?) -> PhotoDamageMap {
        let ordered = CoverageSlot.allCases.flatMap { slot in photos.filter { $0.slot == slot } }
        var entries = ordered.map { PhotoDamage(photo: $0) }
        var exact: [String: Int] = [:], loose: [String: Int] = [:]
        for (index, photo) in ordered.enumerated() {
            if exact[photo.uploadName] == nil { exact[photo.uploadName] = index }
            for key in [photo.uploadName, photo.fileName].map(looseKey) where loose[key] == nil { loose[key] = index }
        }
        func index(of name: String?) -> Int? {
            guard let name, !name.isEmpty else { return nil }
            return exact[name] ?? loose[looseKey(name)]
        }
        var unplaced: [DamagedPart] = []
        for part in result?.damagedParts ?? [] {
            if let at = index(of: part.photo) { entries[at].damage.append(part) } else { unplaced.append(part) }
        }
        for scores in result?.images ?? [] {
            if let at = index(of: scores.photo), entries[at].scores == nil { entries[at].scores = scores }
        }
        return PhotoDamageMap(photos: entries, unplaced: unplaced)
    }

    /// A name without any folder, lower-cased.
    static func looseKey(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        return base.lowercased()
    }
}
