import InspektCore

/// What the detail screen asks the runtime for, as data (`Command.screen(.detail(…))`). The comparison screen
/// asks for its report, receipt and photo pictures the same way.
public enum DetailRequest: Sendable, Hashable {
    /// Read history and result; answer `.detailLoaded`.
    case loadDetail(id: String)
    /// Write a receipt file; answer `.receiptExported` or `.receiptFailed`.
    case exportReceipt(id: String)
    /// Write the HTML report into the report folder; answer `.reportWritten` or `.reportFailed`.
    case writeReport(id: String)
    /// Read a photo (a small picture and its pixel size); answer `.photoPreviewLoaded`.
    case loadPhotoPreview(path: String)
}

/// The runtime's answers to `DetailRequest`s (`Message.screen(.detail(…))`).
public enum DetailAnswer: Sendable {
    /// The event history and the stored result, if any.
    case detailLoaded(id: String, events: [InspectionEvent], result: ResultSummary?)
    case receiptExported(id: String, path: String)
    case receiptFailed(id: String, reason: String)
    case reportWritten(id: String, path: String)
    case reportFailed(id: String, reason: String)
    /// nil when the photo cannot be read.
    case photoPreviewLoaded(path: String, DetailPreview?)
    /// A video walk-around's file, size and duration, read when its detail opened.
    case videoLoaded(id: String, VideoSummary)
}

extension DetailScreen {
    /// Takes the answers to the detail's own requests (and the comparison's pictures, asked the same way).
    static func receive(_ answer: DetailAnswer, _ state: inout AppState) -> [Command] {
        switch answer {
        case .detailLoaded(let id, let events, let result):
            if state.detail.id == id {
                state.detail.events = events
                state.detail.result = result
            }
            return requestPreviews(&state)
        case .photoPreviewLoaded(let path, let preview):
            ComparisonScreen.previewLoaded(path: path, preview, &state)
            if let preview { state.detail.previews[path] = preview } else { state.detail.unreadablePhotos.insert(path) }
        case .receiptExported(_, let path):
            state.notice = Notice(
                state.options.words("notice.receipt-written", ["path": SafeText.escape(path)]), role: .ok)
        case .receiptFailed(_, let reason):
            state.notice = Notice(
                state.options.words("notice.receipt-failed", ["reason": SafeText.escape(reason)]), role: .error)
        case .reportWritten(_, let path):
            state.notice = Notice(
                state.options.words("notice.report-written", ["path": SafeText.escape(path)]), role: .ok)
        case .reportFailed(_, let reason):
            state.notice = Notice(
                state.options.words("notice.report-failed", ["reason": SafeText.escape(reason)]), role: .error)
        case .videoLoaded(let id, let video):
            state.detail.videos[id] = video
        }
        return []
    }
}
