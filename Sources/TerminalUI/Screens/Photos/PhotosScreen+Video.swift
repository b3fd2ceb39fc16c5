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
                state.options.words("notice.video.no-photos"),
                role: .error)
            return []
        }
        if draft.photos.contains(where: { $0.slot != .video }) {
            state.notice = Notice(
                state.options.words("notice.video.alone", ["file": name]),
                role: .error)
            return []
        }
        draft.photos = [PhotoSelection(slot: .video, path: item.path, size: item.size, captureTime: item.captureTime)]
        draft.updatedAt = state.now
        state.draft = draft
        state.upsert(draft)
        let length = item.duration.map { ", " + VideoContainer.clock($0) } ?? ""
        state.notice = Notice(
            state.options.words(
                "notice.video.assigned",
                ["file": name, "dash": state.options.glyphs.dash, "slot": state.options.words.slot(.video) + length]),
            role: .ok)
        return [.saveDraft(draft)]
    }
}
