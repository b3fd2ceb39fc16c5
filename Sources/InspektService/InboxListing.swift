import Foundation
import InspektCore
import PhotoKit

/// One answer of an inbox listing: the folder's entries so far, or why it cannot be listed.
public enum InboxScan: Sendable, Hashable {
    case listed([InboxItem])
    case failed(String)
}

/// Lists an inbox folder for the photo screen in two passes: names, sizes and times at once,
/// then each candidate's header (type check and Exif capture time, no pixel decode), in batches,
/// so that a folder of thousands of files shows immediately and fills in without ever holding the keys.
extension InspektService {
    /// Seconds between two partial answers of the second pass.
    static let inboxBatchInterval = 0.25

    /// The folder's entries, first without headers, then filled in; ends after the last batch.
    public nonisolated static func scanInbox(path: String) -> AsyncStream<InboxScan> {
        AsyncStream { continuation in
            let task = Task {
                await listInbox(path: path) { continuation.yield($0) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A cheap look (names, sizes, times; no file opened) at what the folder holds now; nil when it
    /// cannot be listed (the full scan says why).
    public static func pollInbox(path: String) -> [InboxItem]? {
        (try? InboxScanner.scan(directory: path, readHeaders: false))?.map(item(from:))
    }

    /// A photo's facts: size, dimensions, capture time, thumbnail, blur and exposure.
    public static func photoFacts(path: String) throws -> PhotoFacts {
        try PhotoInspector.facts(path: path)
    }

    private static func listInbox(path: String, send: (InboxScan) -> Void) async {
        let entries: [InboxEntry]
        do {
            entries = try InboxScanner.scan(directory: path, readHeaders: false)
        } catch {
            send(.failed(reason(error, folder: path)))
            return
        }
        var items = entries.map(item(from:))
        send(.listed(items))

        let pending = entries.indices.filter { !entries[$0].isDirectory && entries[$0].check == nil }
        guard !pending.isEmpty else { return }
        var lastSent = Date()
        for index in pending {
            if Task.isCancelled { return }
            let (checked, captureTime) = headerPass(entries[index])
            var next = item(from: checked)
            next.captureTime = captureTime
            if case .success(let type) = checked.check, type.kind == .video { videoPass(&next) }
            items[index] = next
            if Date().timeIntervalSince(lastSent) >= inboxBatchInterval {
                send(.listed(items))
                lastSent = Date()
                await Task.yield()
            }
        }
        send(.listed(items))
    }

    /// One file's header, read once: whether it may be sent and, for a photo, its capture time.
    /// `headerFacts` reads the first 16–128 KiB only, so every file of any folder gets a capture time
    /// and `a` (suggest by capture time) works at any folder size. A JPEG's last bytes say whether it holds
    /// its whole picture: one cut short is listed as "incomplete" (and keeps its capture time).
    static func headerPass(_ entry: InboxEntry) -> (InboxEntry, Date?) {
        var result = entry
        do {
            let facts = try PhotoInspector.headerFacts(path: entry.path)
            result.check = .success(facts.mediaType)
            if facts.mediaType == .jpeg, PhotoInspector.endsBeforeImage(path: entry.path) {
                result.check = .failure(.incomplete(name: entry.name))
            }
            return (result, facts.captureTime)
        } catch let problem as FileProblem {
            result.check = .failure(problem)
        } catch {
            result = InboxScanner.checked(entry)
        }
        return (result, nil)
    }

    /// A video's duration, read from its container's headers (never a frame); a file that is not the container
    /// its name says is listed with the reason, as a photo cut short is.
    static func videoPass(_ item: inout InboxItem) {
        switch PhotoInspector.videoFacts(path: item.path) {
        case .success(let facts): item.duration = facts.duration
        case .failure(let problem): item.problem = problem.shortReason
        }
    }

    static func item(from entry: InboxEntry) -> InboxItem {
        var problem: String?
        if case .failure(let fileProblem) = entry.check { problem = fileProblem.shortReason }
        return InboxItem(
            name: entry.name, path: entry.path, isDirectory: entry.isDirectory, size: entry.size,
            modified: entry.modificationDate, captureTime: nil, problem: problem)
    }

    /// Why a folder cannot be listed, in words about the folder (not "pick the file again").
    static func reason(_ error: any Error, folder: String) -> String {
        let shown = SafeText.escape(folder)
        switch error as? FileProblem {
        case .missing?:
            return "\(shown) does not exist. Create it, or point INSPEKT_INBOX at the folder photos arrive in."
        case .notAFile?:
            return "\(shown) is not a folder. Point INSPEKT_INBOX at the folder photos arrive in."
        case .unreadable(_, let why)?:
            return "\(shown) cannot be read (\(why)): check its permissions."
        default:
            return "\(shown) cannot be listed: \(SafeText.escape(String(describing: error)))"
        }
    }
}
