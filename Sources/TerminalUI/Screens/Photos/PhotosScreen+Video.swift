import InspektCore

extension PhotosScreen {
    /// A video put on any slot makes the case a video walk-around: the video alone, instead of the eight slots
    /// (API.md §7: images and videos never go in one upload, so no extras either). Refused, in words, while photos
    /// are on the case, and a photo is refused while the video is.
    static func assignVideo(_ item: InboxItem, _ state: inout AppState) -> [Command] {
        guard var draft = state.draft else { return [] }
        let name = SafeText.escape(item.name)
        guard item.isVideo else {
            state.notice = Notice(
                "This case is a video walk-around: no photos go with it. Take the video off (x) to take photos instead.",
                role: .error)
            return []
        }
        if draft.photos.contains(where: { $0.slot != .video }) {
            state.notice = Notice(
                "\(name) is a video: a video walk-around goes alone. Take the photos off (x) first, or keep the photos.",
                role: .error)
            return []
        }
        draft.photos = [PhotoSelection(slot: .video, path: item.path, size: item.size, captureTime: item.captureTime)]
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        let length = item.duration.map { ", " + VideoContainer.clock($0) } ?? ""
        state.notice = Notice(
            "\(name) \(state.options.glyphs.dash) \(CoverageSlot.video.title)\(length): it stands for every side.",
            role: .ok)
        return [.saveDraft(draft)]
    }
}
