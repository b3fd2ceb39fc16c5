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
    /// Answer to `Command.submit` when the service refused before uploading (validation, file problems).
    case submitFailed(id: String, reason: String)
    /// Answer to `Command.reopenDraft(id)`: the inspection, a draft again.
    case draftReopened(Inspection)
    /// Something the operator should know, shown on the message line until the next key.
    case notice(Notice)
    /// Answer to `Command.discardDraft` once the draft is gone from the store.
    case inspectionRemoved(id: String)
    /// Any command failed; the text is shown to the operator (write it for an operator).
    case commandFailed(String)
    /// Answer to `Command.screen(…)`: the feature's own answer, which the screen that asked takes (`ScreenEntry.receive`).
    case screen(ScreenAnswer)
    /// Another process (a receiver, `inspekt resume`, a second board) changed the store: reload.
    case storeChangedElsewhere
}
