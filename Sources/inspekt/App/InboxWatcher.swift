import Foundation
import PhotoKit
import TerminalUI

/// Watches the inbox folder shown on the photos screen by a cheap poll: names, sizes and times only
/// (no file is opened), once a tick. The screen compares the answer with what it lists, rescans when
/// something came, went or grew, and calls a file whose size still changes "arriving".
enum InboxWatcher {
    static func poll(path: String, post: @escaping @Sendable (Message) -> Void) {
        do {
            let entries = try InboxScanner.scan(directory: path, readHeaders: false)
            post(.inboxPolled(path: path, entries.map(InboxListing.item(from:))))
        } catch {
            // The full scan says why a folder cannot be listed; a poll only stops finding news.
            post(.inboxPolled(path: path, nil))
        }
    }
}
