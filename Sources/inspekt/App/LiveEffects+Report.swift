import Foundation
import InspektCore
import InspektService
import PhotoKit
import TerminalUI

/// The detail screen's report (`p`) and photo pictures.
extension LiveEffects {
    /// The detail's photo pictures: large enough for the enlarged view, scaled down for the list.
    static let previewSize = (width: 96, height: 72)

    static func performReport(
        _ command: Command, service: InspektService, folder: String, post: @escaping @Sendable (Message) -> Void
    ) {
        switch command {
        case .writeReport(let id):
            do { post(.reportWritten(id: id, path: try service.writeReport(id: id, into: folder))) } catch {
                post(.reportFailed(id: id, reason: describe(error)))
            }
        case .loadPhotoPreview(let path):
            let facts = try? PhotoInspector.facts(
                path: path, thumbnailWidth: previewSize.width, thumbnailHeight: previewSize.height)
            let preview = facts.flatMap { facts in
                facts.thumbnail.map { DetailPreview(thumbnail: $0, pixelWidth: facts.pixelWidth, pixelHeight: facts.pixelHeight) }
            }
            post(.photoPreviewLoaded(path: path, preview))
        default:
            break
        }
    }
}
