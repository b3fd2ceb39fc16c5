import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The live side of the detail screen (and the comparison's report, receipt and pictures): its history and
/// result, the receipt and report files, the photos' pictures, each one call of the service.
enum DetailEffects {
    static func perform(_ request: DetailRequest, _ context: LiveEffects.Context) {
        let service = context.service
        let post = { (answer: DetailAnswer) in context.post(.screen(.detail(answer))) }
        let describe = LiveEffects.describe
        switch request {
        case .loadDetail(let id):
            do {
                let events = try service.history(id: id)
                let inspection = try service.inspection(id: id)
                post(.detailLoaded(id: id, events: events, result: inspection?.result))
                if let video = inspection.flatMap(service.videoSummary(of:)) { post(.videoLoaded(id: id, video)) }
            } catch {
                context.failed(
                    error, .commandFailed(context.words("effects.history-unread", ["reason": describe(error)])))
            }
        case .exportReceipt(let id):
            do {
                post(.receiptExported(id: id, path: try service.exportReceipt(id: id, into: context.receiptDirectory)))
            } catch {
                context.failed(error, .screen(.detail(.receiptFailed(id: id, reason: describe(error)))))
            }
        case .writeReport(let id):
            do {
                // In the language the board speaks: both are chosen from the same environment.
                let path = try service.writeReport(id: id, into: context.receiptDirectory, words: Terminal.language)
                post(.reportWritten(id: id, path: path))
            } catch {
                post(.reportFailed(id: id, reason: describe(error)))
            }
        case .loadPhotoPreview(let path):
            let preview = InspektService.photoPreview(path: path)
            post(
                .photoPreviewLoaded(
                    path: path,
                    preview.map {
                        DetailPreview(thumbnail: $0.thumbnail, pixelWidth: $0.pixelWidth, pixelHeight: $0.pixelHeight)
                    }))
        }
    }
}
