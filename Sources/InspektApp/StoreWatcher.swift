import Foundation
import InspektService
import TerminalUI

/// Lets an open board see what other processes store: results taken by a standalone
/// `inspekt receiver`, uploads finished by `inspekt resume`, a headless board or a second board.
/// Their writes raise no event here, so the store's change marker is read a few times a second.
/// The same look tells the service's outbox when the fleet database went out of reach.
enum StoreWatcher {
    /// Seconds between two looks: well inside the 2 s in which another process's change must show.
    static let interval = 0.5
    /// Looks between two checks for another live kiosk with this kiosk id (30 s).
    static let clashEvery = 60

    /// Posts `.storeChangedElsewhere` after each change by another process, until cancelled; a look that finds
    /// the database out of reach tells the service's outbox (`changeMarkerOffPool`), which says when it is back.
    /// Waits on `clock`.
    static func watch(
        service: InspektService, clock: WallClock = .live, post: @escaping @Sendable (Message) -> Void
    ) async {
        var last = try? await service.changeMarkerOffPool()
        // A process that dies mid-upload changes nothing in the store: its row turns "interrupted" on this look.
        var interrupted = try? await service.interruptedUploadIDsOffPool()
        var looks = 0
        var clash: String?
        while !Task.isCancelled {
            // At the start and every 30 s; a warning is posted once, again only when it names other machines.
            if looks % clashEvery == 0, let found = try? await service.kioskIDClashOffPool(), found != clash {
                clash = found
                post(.notice(Notice(found, role: .warn)))
            }
            looks += 1
            do { try await clock.sleep(interval) } catch { return }
            guard let marker = try? await service.changeMarkerOffPool() else { continue }
            let gone = try? await service.interruptedUploadIDsOffPool()
            if let gone, gone != interrupted {
                interrupted = gone
                if marker == last { post(.storeChangedElsewhere) }
            }
            guard marker != last else { continue }
            last = marker
            post(.storeChangedElsewhere)
        }
    }
}
