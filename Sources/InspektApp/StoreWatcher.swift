import Foundation
import InspektService
import TerminalUI

/// Lets an open board see what other processes store: results taken by a standalone
/// `inspekt receiver`, uploads finished by `inspekt resume`, a headless board or a second board.
/// Their writes raise no event here, so the store's change marker is read a few times a second.
enum StoreWatcher {
    /// Seconds between two looks: well inside the 2 s in which another process's change must show.
    static let interval = 0.5

    /// Posts `.storeChangedElsewhere` after each change by another process, until cancelled.
    static func watch(service: InspektService, post: @escaping @Sendable (Message) -> Void) async {
        var last = try? service.changeMarker()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            guard let marker = try? service.changeMarker(), marker != last else { continue }
            last = marker
            post(.storeChangedElsewhere)
        }
    }
}
