import Foundation
import InspektCore

/// Everything that happens to the UI: keys, resizes, ticks, service events and the outcome of commands.
public enum Message: Sendable {
    case key(Key)
    case resize(Size)
    /// The clock moved on (send about once a second, more often while uploading).
    case tick(Date)
    case service(ServiceEvent)
    /// Answer to `Command.loadInspections`.
    case inspectionsLoaded([Inspection])
    /// Answer to `Command.loadBoardPage`.
    case boardPageLoaded(BoardPage)
    /// Answer to `Command.loadBoardPage` when the page could not be read.
    case boardPageFailed(generation: Int, BoardPageFailure)
    /// The newest few, sent ahead of `.inspectionsLoaded` so a large board draws its first page at once.
    case inspectionsPreview([Inspection])
    /// Answer to `Command.scanInbox(path)`: the folder's entries, in any order.
    case inboxScanned(path: String, [InboxItem])
    /// Answer to `Command.scanInbox(path)` when the folder cannot be listed.
    case inboxScanFailed(path: String, reason: String)
    /// Answer to `Command.pollInbox(path)`: the folder's entries without headers, or nil when it cannot be listed.
    case inboxPolled(path: String, [InboxItem]?)
    /// Answer to `Command.findSentPhotos(files)`: the files asked about, and the case id each one already sent
    /// was sent with (files not in `sentWith` were not sent before).
    case sentPhotosFound(files: [String: Int64], sentWith: [String: String])
    /// Answer to `Command.loadPhotoFacts(path)`.
    case photoFactsLoaded(path: String, PhotoFacts)
    case photoFactsFailed(path: String, reason: String)
    /// Answer to `Command.loadDetail(id)`: the event history and the stored result, if any.
    case detailLoaded(id: String, events: [InspectionEvent], result: ResultSummary?)
    /// Answer to `Command.exportReceipt(id)`.
    case receiptExported(id: String, path: String)
    case receiptFailed(id: String, reason: String)
    /// Answer to `Command.writeReport(id)`.
    case reportWritten(id: String, path: String)
    case reportFailed(id: String, reason: String)
    /// Answer to `Command.loadPhotoPreview(path)`; nil when the photo cannot be read.
    case photoPreviewLoaded(path: String, DetailPreview?)
    /// Answer to `Command.submit` when the service refused before uploading (validation, file problems).
    case submitFailed(id: String, reason: String)
    /// Answer to `Command.reopenDraft(id)`: the inspection, a draft again.
    case draftReopened(Inspection)
    /// Something the operator should know, shown on the message line until the next key.
    case notice(Notice)
    /// Answer to `Command.discardDraft` once the draft is gone from the store.
    case inspectionRemoved(id: String)
    /// Answer to `Command.checkQuality`: what the checks found, for the photos they were asked about.
    case qualityChecked(id: String, photos: [PhotoSelection], [PhotoFinding])
    /// Answer to `Command.findAcceptedCase`: the accepted inspection of the same case, if any.
    case acceptedCaseFound(id: String, caseID: String, Inspection?)
    /// Any command failed; the text is shown to the operator (write it for an operator).
    case commandFailed(String)
    /// Answer to `Command.history(…)`.
    case history(HistoryAnswer)
    /// Another process (a receiver, `inspekt resume`, a second board) changed the store: reload.
    case storeChangedElsewhere
}
