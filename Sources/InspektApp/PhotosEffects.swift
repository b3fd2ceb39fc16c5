import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The live side of the photos screen: the inbox folder, a photo's facts, the photos sent before.
enum PhotosEffects {
    static func perform(_ request: PhotosRequest, _ context: LiveEffects.Context) async {
        let service = context.service
        let post = { (answer: PhotosAnswer) in context.post(.screen(.photos(answer))) }
        switch request {
        case .scanInbox(let path):
            await LiveEffects.scanInbox(path: path, post: context.post)
        case .pollInbox(let path):
            post(.inboxPolled(path: path, InspektService.pollInbox(path: path)))
        case .loadPhotoFacts(let path):
            do { post(.photoFactsLoaded(path: path, try InspektService.photoFacts(path: path))) } catch {
                post(.photoFactsFailed(path: path, reason: LiveEffects.describe(error)))
            }
        case .findSentPhotos(let files, let excluding):
            do {
                let sent = try await service.photosSentBefore(files, excluding: excluding)
                post(.sentPhotosFound(files: files, sentWith: sent.mapValues(\.caseID)))
            } catch {
                // Out of reach, the title bar says so already; the marks come when the screen is entered again.
                if service.noteIfUnreachable(error) == nil {
                    context.post(
                        .commandFailed(context.words("effects.sent-unread", ["reason": LiveEffects.describe(error)])))
                }
            }
        case .rememberHideSent(let hide):
            service.rememberHideSent(hide)
        case .checkQScore(let caseID, let photo):
            post(
                .qScoreChecked(path: photo.path, size: photo.size, await qScoreVerdict(photo, caseID: caseID, service)))
        }
    }

    /// One photo's Q Score, as the checklist shows it; never throws (the service says why a photo was not checked).
    static func qScoreVerdict(
        _ photo: PhotoSelection, caseID: String, _ service: InspektService
    ) async -> QScoreMark.Verdict {
        guard let entry = await service.askQScore(about: [photo], caseID: caseID)?.entries.first else {
            return .notChecked(reason: "Q Score is off", hostDown: true)
        }
        switch entry.outcome {
        case .success(let quality): return .scored(quality)
        case .failure(let skip): return .notChecked(reason: skip.reason, hostDown: skip.stopsTheRest)
        }
    }
}

extension LiveEffects {
    /// Lists a folder for the photo screen: the answers of `InspektService.scanInbox` as messages.
    public static func scanInbox(path: String, post: @escaping @Sendable (Message) -> Void) async {
        for await scan in InspektService.scanInbox(path: path) {
            switch scan {
            case .listed(let items): post(.screen(.photos(.inboxScanned(path: path, items))))
            case .failed(let reason): post(.screen(.photos(.inboxScanFailed(path: path, reason: reason))))
            }
        }
    }
}
