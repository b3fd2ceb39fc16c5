import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The detail screen's report (`p`) and photo pictures, each one call of the service.
extension LiveEffects {
    static func performReport(
        _ command: Command, service: InspektService, folder: String, post: @escaping @Sendable (Message) -> Void
    ) {
        switch command {
        case .writeReport(let id):
            do { post(.reportWritten(id: id, path: try service.writeReport(id: id, into: folder))) } catch {
                post(.reportFailed(id: id, reason: describe(error)))
            }
        case .loadPhotoPreview(let path):
            let preview = InspektService.photoPreview(path: path)
            post(.photoPreviewLoaded(path: path, preview.map {
                DetailPreview(thumbnail: $0.thumbnail, pixelWidth: $0.pixelWidth, pixelHeight: $0.pixelHeight)
            }))
        default:
            break
        }
    }
}
