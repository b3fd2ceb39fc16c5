import Foundation
import InspektCore
import PhotoKit

/// The selection-level rules checked before any network call: at least one photo, at most 99, one per
/// slot (only damage close-ups may be many), no file twice, no photos mixed with videos. Each file is
/// checked by PhotoKit (`PhotoInspector.checkWhole`): there, a regular non-empty readable file whose first
/// bytes agree with its extension and, for a JPEG, that holds its whole picture (not "incomplete").
public enum PhotoValidator {
    /// Every problem with a selection, in words; empty when it may be sent.
    public static func problems(in photos: [PhotoSelection]) -> [String] {
        var problems: [String] = []
        if photos.isEmpty {
            problems.append("No photos were chosen: add at least one photo of the vehicle.")
        }
        if photos.count > InspectionLimits.maxPhotos {
            problems.append(
                "\(photos.count) photos were chosen; one inspection carries at most \(InspectionLimits.maxPhotos). Remove \(photos.count - InspectionLimits.maxPhotos)."
            )
        }
        var seenSlots: Set<CoverageSlot> = []
        for photo in photos where !photo.slot.allowsMany {
            if !seenSlots.insert(photo.slot).inserted {
                problems.append(
                    "\(photo.slot.title) holds more than one photo: keep one (only damage close-ups may be many).")
            }
        }
        var seenPaths: [String: CoverageSlot] = [:]
        var kinds: Set<MediaKind> = []
        for photo in photos {
            if let slot = seenPaths[photo.path] {
                problems.append(FileProblem.alreadyUsed(name: photo.fileName, slot: slot).description)
                continue
            }
            seenPaths[photo.path] = photo.slot
            // A JPEG cut short is refused here, before anything is sent: what is missing would reach Inspektlabs as grey.
            switch PhotoInspector.checkWhole(path: photo.path) {
            case .success(let mediaType): kinds.insert(mediaType.kind)
            case .failure(let problem): problems.append(problem.description)
            }
        }
        if kinds.count > 1 {
            problems.append("Photos and videos cannot be sent in one inspection: keep only photos, or only videos.")
        }
        return problems
    }

    /// Size in bytes of a file PhotoKit has just checked; nil if it went away meanwhile. A symbolic link
    /// is followed, as every read of the photo follows it (the link's own size would read as a file
    /// that "changed while being sent").
    static func size(path: String) -> Int64? {
        PhotoInspector.regularFileSize(path: path)
    }

    /// A photo given as a symbolic link is followed on purpose: the file it points to is checked, hashed
    /// and sent. One line per such photo says so, naming the target.
    public static func linkNotes(in photos: [PhotoSelection]) -> [String] {
        photos.compactMap { photo in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: photo.path) else {
                return nil
            }
            let resolved = (photo.path as NSString).resolvingSymlinksInPath
            return
                "\(SafeText.escape(photo.fileName)) (\(photo.slot.title)) is a symbolic link to \(SafeText.escape(target)): "
                + "the link is followed, and the file at \(SafeText.escape(resolved)) is the one sent."
        }
    }
}
