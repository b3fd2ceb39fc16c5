import Foundation
import InspektCore
import PhotoKit
import TerminalUI

/// Lists an inbox folder for the photo screen in two passes: names, sizes and times at once,
/// then each candidate's header check and capture time, posted in batches so that a folder of
/// thousands of files shows immediately and fills in without ever holding the keys.
enum InboxListing {
    /// Files whose full facts (capture time) are read while listing; beyond this the list sorts
    /// by modification time, so a huge folder is not decoded photo by photo.
    static let captureTimeLimit = 400
    /// Seconds between two partial results of the second pass.
    static let batchInterval = 0.25

    static func scan(path: String, post: @escaping @Sendable (Message) -> Void) async {
        let entries: [InboxEntry]
        do {
            entries = try InboxScanner.scan(directory: path, readHeaders: false)
        } catch {
            post(.inboxScanFailed(path: path, reason: reason(error)))
            return
        }
        var items = entries.map(item(from:))
        post(.inboxScanned(path: path, items))

        let pending = entries.indices.filter { !entries[$0].isDirectory && entries[$0].check == nil }
        guard !pending.isEmpty else { return }
        let readCaptureTimes = pending.count <= captureTimeLimit
        var lastPost = Date()
        for index in pending {
            if Task.isCancelled { return }
            let checked = InboxScanner.checked(entries[index])
            var next = item(from: checked)
            if readCaptureTimes, checked.isSendable {
                next.captureTime = try? PhotoInspector.facts(path: checked.path, thumbnailWidth: 1, thumbnailHeight: 1).captureTime
            }
            items[index] = next
            if Date().timeIntervalSince(lastPost) >= batchInterval {
                post(.inboxScanned(path: path, items))
                lastPost = Date()
                await Task.yield()
            }
        }
        post(.inboxScanned(path: path, items))
    }

    static func item(from entry: InboxEntry) -> InboxItem {
        var problem: String?
        if case .failure(let fileProblem) = entry.check { problem = fileProblem.shortReason }
        return InboxItem(
            name: entry.name, path: entry.path, isDirectory: entry.isDirectory, size: entry.size,
            modified: entry.modificationDate, captureTime: nil, problem: problem)
    }

    static func reason(_ error: any Error) -> String {
        if let problem = error as? FileProblem { return problem.description }
        return "The folder cannot be listed: \(SafeText.escape(String(describing: error)))"
    }
}
