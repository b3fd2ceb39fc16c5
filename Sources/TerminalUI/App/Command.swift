import InspektCore

/// A side effect that `update` asks the runtime for, as data; its outcome comes back as a `Message`.
public enum Command: Sendable, Hashable {
    /// Read every inspection; answer `.inspectionsLoaded`.
    case loadInspections
    /// Read a page of the board from its `BoardSource`; answer `.boardPageLoaded` or `.boardPageFailed`.
    case loadBoardPage(BoardPageRequest)
    /// List a folder; answer `.inboxScanned` or `.inboxScanFailed`.
    case scanInbox(path: String)
    /// List a folder cheaply (names, sizes, times; no file opened) to see what arrived; answer `.inboxPolled`.
    case pollInbox(path: String)
    /// Read a photo's facts (size, dimensions, capture time, thumbnail, blur, exposure); answer `.photoFactsLoaded`/`.photoFactsFailed`.
    case loadPhotoFacts(path: String)
    /// Insert or update a draft (facts, photos, missing reason); nothing to answer unless it fails.
    case saveDraft(Inspection)
    /// Throw a draft away (the operator confirmed); the runtime deletes it if it was stored.
    case discardDraft(id: String)
    /// Remember the agent for the next case on this kiosk.
    case rememberAgent(id: String, name: String)
    /// Find which of these files (path and size) hold the bytes of a photo already sent with another inspection
    /// than `excluding` (the draft); answer `.sentPhotosFound`. Hashes files: never on the input loop.
    case findSentPhotos(files: [String: Int64], excluding: String?)
    /// Remember whether the photos screen hides photos already sent (`s`), for the next start.
    case rememberHideSent(Bool)
    /// Save the draft as shown, mark it ready and upload it in the background, in that order in one
    /// command; progress comes back as `.service` events, a refusal as `.submitFailed`.
    case submit(Inspection, missingReason: String?)
    /// Retry a failed upload.
    case retry(id: String)
    /// Upload again with a new session, on the operator's confirmed word that Inspektlabs does not have it.
    case uploadAsNewInspection(id: String)
    /// Turn a failed upload that cannot have been accepted back into a draft; answer `.draftReopened` or `.commandFailed`.
    case reopenDraft(id: String)
    /// Read history and result; answer `.detailLoaded`.
    case loadDetail(id: String)
    /// Write a receipt file; answer `.receiptExported` or `.receiptFailed`.
    case exportReceipt(id: String)
    /// Write the HTML report into the report folder; answer `.reportWritten` or `.reportFailed`.
    case writeReport(id: String)
    /// Read a photo for the detail screen (a small picture and its pixel size); answer `.photoPreviewLoaded`.
    case loadPhotoPreview(path: String)
    /// Run the local photo checks (size, sharpness, exposure, duplicates, incomplete files, photos already sent
    /// with another inspection); answer `.qualityChecked`.
    case checkQuality(id: String, photos: [PhotoSelection])
    /// Look in the store for an accepted inspection of the same case (letter case aside, `CaseIDRule.sameCase`)
    /// other than `id`; answer `.acceptedCaseFound`.
    case findAcceptedCase(id: String, caseID: String)
    /// Archive an inspection (hidden on the board, never deleted) or bring it back; nothing to answer unless it fails.
    case setArchived(id: String, archived: Bool)
    /// Vehicle history and comparisons (`v`, `c`); answered with `.history(…)`.
    case history(HistoryRequest)
    /// Leave the program (uploads continue on the next start).
    case quit
    /// Redraw the whole terminal (Ctrl-L).
    case redraw

}
