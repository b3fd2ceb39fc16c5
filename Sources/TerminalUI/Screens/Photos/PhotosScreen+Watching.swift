import Foundation
import InspektCore

extension PhotosScreen {
    /// A file changed this recently may still be written to.
    static let settleSeconds: TimeInterval = 2

    /// On each tick while the photos screen shows: asks what the folder holds now (one poll at a time).
    static func pollIfShown(_ state: inout AppState) -> [Command] {
        guard state.route == .photos, !state.photos.scanning, !state.photos.polling else { return [] }
        state.photos.polling = true
        return [.screen(.photos(.pollInbox(path: state.photos.folder)))]
    }

    /// Compares a poll with the list: new, gone or grown files rescan the folder; growing ones are "arriving".
    static func polled(path: String, items: [InboxItem]?, _ state: inout AppState) -> [Command] {
        state.photos.polling = false
        guard path == state.photos.folder, let items else { return [] }
        let files = items.filter { !$0.isDirectory }
        let listed = Dictionary(state.photos.items.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let now = state.now
        var arriving: Set<String> = []
        for file in files {
            let grew = state.photos.polledSizes[file.path].map { $0 != file.size } ?? false
            let age = now.timeIntervalSince(file.modified)
            if grew || (age < settleSeconds && age > -60) { arriving.insert(file.path) }
        }
        state.photos.polledSizes = Dictionary(files.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
        state.photos.arriving = arriving
        let fresh = files.filter { listed[$0.path] == nil }
        let changed =
            !fresh.isEmpty || items.count != listed.count
            || files.contains { listed[$0.path]?.size != $0.size || listed[$0.path]?.modified != $0.modified }
        guard changed else { return [] }
        if !fresh.isEmpty {
            let count = fresh.count
            state.notice = Notice(state.options.words("notice.new-photos", count: count), role: .ok)
        }
        state.photos.scanning = true
        return [.screen(.photos(.scanInbox(path: path)))]
    }

    /// Whether a file is still being written: shown as arriving and never picked.
    static func isArriving(_ item: InboxItem, _ state: AppState) -> Bool {
        state.photos.arriving.contains(item.path)
    }
}
