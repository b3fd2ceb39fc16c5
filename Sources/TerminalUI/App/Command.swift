import InspektCore

/// A side effect that `update` asks the runtime for, as data; its outcome comes back as a `Message`.
public enum Command: Sendable, Hashable {
    /// Read every inspection; answer `.inspectionsLoaded`.
    case loadInspections
    /// Read a page of the board from its `BoardSource`; answer `.boardPageLoaded` or `.boardPageFailed`.
    case loadBoardPage(BoardPageRequest)
    /// Insert or update a draft (facts, photos, missing reason); nothing to answer unless it fails.
    case saveDraft(Inspection)
    /// Throw a draft away (the operator confirmed); the runtime deletes it if it was stored.
    case discardDraft(id: String)
    /// Remember the agent for the next case on this kiosk.
    case rememberAgent(id: String, name: String)
    /// Save the draft as shown, mark it ready and upload it in the background, in that order in one
    /// command; progress comes back as `.service` events, a refusal as `.submitFailed`.
    case submit(Inspection, missingReason: String?)
    /// Retry a failed upload.
    case retry(id: String)
    /// Upload again with a new session, on the operator's confirmed word that Inspektlabs does not have it.
    case uploadAsNewInspection(id: String)
    /// Turn a failed upload that cannot have been accepted back into a draft; answer `.draftReopened` or `.commandFailed`.
    case reopenDraft(id: String)
    /// Archive an inspection (hidden on the board, never deleted) or bring it back; nothing to answer unless it fails.
    case setArchived(id: String, archived: Bool)
    /// What one screen asks for (its data, its files): the feature's own request, answered with `Message.screen`.
    case screen(ScreenRequest)
    /// Leave the program (uploads continue on the next start).
    case quit
    /// Redraw the whole terminal (Ctrl-L).
    case redraw

}
