import InspektCore

/// What the photos screen asks the runtime for, as data (`Command.screen(.photos(…))`).
public enum PhotosRequest: Sendable, Hashable {
    /// List a folder; answer `.inboxScanned` or `.inboxScanFailed`.
    case scanInbox(path: String)
    /// List a folder cheaply (names, sizes, times; no file opened) to see what arrived; answer `.inboxPolled`.
    case pollInbox(path: String)
    /// Read a photo's facts (size, dimensions, capture time, thumbnail, blur, exposure); answer
    /// `.photoFactsLoaded`/`.photoFactsFailed`.
    case loadPhotoFacts(path: String)
    /// Find which of these files (path and size) hold the bytes of a photo already sent with another inspection
    /// than `excluding` (the draft); answer `.sentPhotosFound`. Hashes files: never on the input loop.
    case findSentPhotos(files: [String: Int64], excluding: String?)
    /// Remember whether the screen hides photos already sent (`s`), for the next start; nothing to answer.
    case rememberHideSent(Bool)
    /// Ask Q Score (API.md §6) about a photo put on a slot; answer `.qScoreChecked`.
    case checkQScore(caseID: String, photo: PhotoSelection)
}

/// The runtime's answers to `PhotosRequest`s (`Message.screen(.photos(…))`).
public enum PhotosAnswer: Sendable {
    /// The folder's entries, in any order.
    case inboxScanned(path: String, [InboxItem])
    /// The folder cannot be listed.
    case inboxScanFailed(path: String, reason: String)
    /// The folder's entries without headers, or nil when it cannot be listed.
    case inboxPolled(path: String, [InboxItem]?)
    /// The files asked about, and the case id each one already sent was sent with (files not in `sentWith`
    /// were not sent before).
    case sentPhotosFound(files: [String: Int64], sentWith: [String: String])
    case photoFactsLoaded(path: String, PhotoFacts)
    case photoFactsFailed(path: String, reason: String)
    /// What Q Score said of the photo at `path` as it was asked about (`size`).
    case qScoreChecked(path: String, size: Int64, QScoreMark.Verdict)
}

extension PhotosScreen {
    /// Takes the answers to the photos screen's own requests.
    static func receive(_ answer: PhotosAnswer, _ state: inout AppState) -> [Command] {
        switch answer {
        case .inboxPolled(let path, let items):
            return polled(path: path, items: items, &state)
        case .inboxScanned(let path, let items):
            return scanned(path: path, items: items, &state)
        case .inboxScanFailed(let path, let reason):
            if path == state.photos.folder {
                state.photos.scanning = false
                state.photos.scanError = SafeText.escape(reason)
            }
        case .sentPhotosFound(let files, let sentWith):
            return sentPhotosFound(files: files, sentWith: sentWith, &state)
        case .photoFactsLoaded(let path, let facts):
            state.photos.facts[path] = .loaded(facts)
        case .photoFactsFailed(let path, let reason):
            state.photos.facts[path] = .failed(SafeText.escape(reason))
        case .qScoreChecked(let path, let size, let verdict):
            return qScoreChecked(path: path, size: size, verdict, &state)
        }
        return []
    }
}
