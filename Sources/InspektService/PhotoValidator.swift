import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import PhotoKit

/// The selection-level rules checked before any network call: at least one photo, at most 99, one per
/// slot (only damage close-ups may be many), no file twice, no photos mixed with videos, a video alone on the
/// `video` slot (API.md §7). Each file is
/// checked by PhotoKit (`PhotoInspector.checkWhole`): there, a regular non-empty readable file whose first
/// bytes agree with its extension and, for a JPEG, that holds its whole picture (not "incomplete").
public enum PhotoValidator {
    /// Every problem with a selection, in words (`words`' language); empty when it may be sent.
    public static func problems(in photos: [PhotoSelection], words: Localizer = Languages.english) -> [String] {
        var problems: [String] = []
        if photos.isEmpty {
            problems.append(words("media.none-chosen"))
        }
        if photos.count > InspectionLimits.maxPhotos {
            let limit = InspectionLimits.maxPhotos
            problems.append(
                words(
                    "media.too-many",
                    [
                        "chosen": words.number(photos.count), "limit": words.number(limit),
                        "extra": words.number(photos.count - limit),
                    ]))
        }
        var seenSlots: Set<CoverageSlot> = []
        for photo in photos where !photo.slot.allowsMany {
            if !seenSlots.insert(photo.slot).inserted {
                problems.append(words("media.slot-twice", ["slot": words.slot(photo.slot)]))
            }
        }
        var seenPaths: [String: CoverageSlot] = [:]
        var kinds: Set<MediaKind> = []
        let hasVideoSlot = photos.contains { $0.slot == .video }
        if hasVideoSlot, photos.count > 1 {
            problems.append(words("media.video-alone"))
        }
        for photo in photos {
            if let slot = seenPaths[photo.path] {
                problems.append(words.fileProblem(.alreadyUsed(name: photo.fileName, slot: slot)))
                continue
            }
            seenPaths[photo.path] = photo.slot
            // A JPEG cut short is refused here, before anything is sent: what is missing would reach Inspektlabs as grey.
            switch PhotoInspector.checkWhole(path: photo.path) {
            case .success(let mediaType):
                kinds.insert(mediaType.kind)
                if let problem = placeProblem(photo, kind: mediaType.kind, words: words) { problems.append(problem) }
            case .failure(let problem): problems.append(words.fileProblem(problem))
            }
        }
        if kinds.count > 1, !hasVideoSlot {
            problems.append(words("media.mixed"))
        }
        return problems
    }

    /// A video on a photo's slot, or a photo as the video walk-around.
    static func placeProblem(_ photo: PhotoSelection, kind: MediaKind, words: Localizer) -> String? {
        let name = SafeText.escape(photo.fileName)
        switch (photo.slot, kind) {
        case (.video, .image):
            return words("media.photo-as-video", ["name": name])
        case (_, .video) where photo.slot != .video:
            return words("media.video-as-photo", ["name": name, "slot": words.slot(photo.slot)])
        default:
            return nil
        }
    }

    /// Size in bytes of a file PhotoKit has just checked; nil if it went away meanwhile. A symbolic link
    /// is followed, as every read of the photo follows it (the link's own size would read as a file
    /// that "changed while being sent").
    static func size(path: String) -> Int64? {
        PhotoInspector.regularFileSize(path: path)
    }

    /// A photo given as a symbolic link is followed on purpose: the file it points to is checked, hashed
    /// and sent. One line per such photo says so, naming the target.
    public static func linkNotes(in photos: [PhotoSelection], words: Localizer = Languages.english) -> [String] {
        photos.compactMap { photo in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: photo.path) else {
                return nil
            }
            let resolved = (photo.path as NSString).resolvingSymlinksInPath
            return words(
                "media.link",
                [
                    "name": SafeText.escape(photo.fileName), "slot": words.slot(photo.slot),
                    "target": SafeText.escape(target), "resolved": SafeText.escape(resolved),
                ])
        }
    }
}
