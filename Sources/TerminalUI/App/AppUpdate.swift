import Foundation
import InspektCore

/// The smallest terminal the screens can be drawn in; below it a "terminal too small" line shows.
public let minimumScreenSize = Size(width: 60, height: 20)

/// Applies one message to the state and returns the side effects to run: the only place state changes.
public func update(_ state: inout AppState, _ message: Message) -> [Command] {
    UpdateScope.$running.withValue(true) { AppUpdate.update(&state, message) }
}

/// Whether `update` is running on this thread: a test's `BoardSource` fails when it is read from inside it.
enum UpdateScope {
    @TaskLocal static var running = false
}

/// The update function's parts, shared by the screens.
enum AppUpdate {
    static func update(_ state: inout AppState, _ message: Message) -> [Command] {
        // A key or a change asks again for a page whose read failed.
        if case .key = message { state.window?.failed = false }
        var commands = apply(message, &state)
        state.highlightReturnedCase()
        commands += windowCommands(&state)
        if state.readOnly { commands.removeAll(where: \.changesData) }
        state.photos.notePreview()
        return commands
    }

    private static func apply(_ message: Message, _ state: inout AppState) -> [Command] {
        switch message {
        case .key(let key):
            return handleKey(key, &state)
        case .resize(let size):
            state.size = size
            return []
        case .tick(let date):
            state.now = date
            return ScreenRegistry.entry(for: state.route).tick(&state)
        case .service(let event):
            return handleService(event, &state)
        case .inspectionsLoaded(let list):
            state.setInspections(list)
            state.loaded = true
            return []
        case .boardPageLoaded(let page):
            return received(page, &state)
        case .boardPageFailed(let generation, let failure):
            return failed(generation: generation, failure, &state)
        case .inspectionsPreview(let list):
            if !state.loaded { state.setInspections(list) }
            return []
        case .submitFailed(let id, let reason):
            state.pendingSubmits.remove(id)
            if state.board.highlightOnReturn == id { state.board.highlightOnReturn = nil }
            state.review.submitting = false
            state.review.error = SafeText.escape(reason)
            if state.route == .upload(id: id) {
                if state.draft == nil, let inspection = state.inspection(id: id) {
                    var copy = inspection
                    copy.state = .draft
                    state.draft = copy
                }
                state.route = .review
            }
            state.notice = Notice(
                state.options.words("notice.not-submitted", ["reason": SafeText.escape(reason)]), role: .error)
            return []
        case .draftReopened(let inspection):
            state.upsert(inspection)
            // Only if the operator is still looking at it: a late answer must not pull them off another screen.
            guard state.route == .detail(id: inspection.id) else { return [] }
            state.notice = Notice(state.options.words("notice.reopened"), role: .ok)
            return open(inspection, &state)
        case .commandFailed(let text):
            state.notice = Notice(SafeText.escape(text), role: .error)
            return []
        case .notice(let notice):
            state.notice = Notice(SafeText.escape(notice.text), role: notice.role)
            return []
        case .inspectionRemoved(let id):
            state.removeInspection(id: id)
            return []
        case .screen(let answer):
            return ScreenRegistry.receive(answer, &state)
        case .storeChangedElsewhere:
            // The same reload as at start (over a window: read the rows again), and what the screen shows.
            let reload: [Command] = state.invalidateBoardWindow() ? [] : [.loadInspections]
            return reload + ScreenRegistry.entry(for: state.route).reload(state)
        }
    }

    static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumScreenSize.width || size.height < minimumScreenSize.height
    }

    static func handleKey(_ key: Key, _ state: inout AppState) -> [Command] {
        let global = GlobalKeys.keymap.action(for: key, in: state)
        switch global {
        case .redraw?: return [.redraw]
        case .quit?:
            state.overlay = nil
            return requestQuit(&state)
        case .help?, nil: break
        }
        // Below the smallest size nothing is visible: keys would act blind.
        if isTooSmall(state.size) { return [] }
        switch state.overlay {
        case .help, .dialogHelp:
            // PgDn/PgUp turn help's pages while there are more; any other key closes it (back to a question
            // it was opened over).
            let pages = HelpOverlay.pages(AppView.hints(state).hints, size: state.size, words: state.options.words)
            if HelpOverlay.nextPage.contains(key), state.helpPage + 1 < pages {
                state.helpPage += 1
            } else if HelpOverlay.previousPage.contains(key), state.helpPage > 0 {
                state.helpPage -= 1
            } else if case .dialogHelp(let dialog) = state.overlay {
                state.overlay = .confirm(dialog)
            } else {
                state.overlay = nil
            }
            return []
        case .confirm(let dialog):
            if global == .help {
                state.overlay = .dialogHelp(dialog)
                state.helpPage = 0
                return []
            }
            guard let outcome = dialog.outcome(for: key) else { return [] }
            state.overlay = nil
            return confirmed(outcome, &state)
        case nil:
            break
        }
        state.notice = nil
        // Help is there everywhere, also while a text field has the keys (nano's Ctrl-G).
        if global == .help {
            state.overlay = .help
            state.helpPage = 0
            return []
        }
        let entry = ScreenRegistry.entry(for: state.route)
        if let label = entry.keys(state).refused[key] {
            state.notice = ReadOnly.refusal(label, words: state.options.words)
            return []
        }
        return entry.handle(key, &state)
    }

    static func confirmed(_ outcome: ConfirmDialog.Outcome, _ state: inout AppState) -> [Command] {
        switch outcome {
        case .quit:
            return [.quit]
        case .cancel:
            return []
        case .submitDoubtful:
            state.review.confirmedDoubtful = true
            return ReviewScreen.requestSubmit(&state)
        case .assignSentPhoto(let path, let slot):
            guard let item = state.photos.items.first(where: { $0.path == path }) else { return [] }
            return PhotosScreen.assignAndAdvance(item, to: slot, confirmedSent: true, &state)
        case .submitAgain:
            state.review.confirmedRepeat = true
            return ReviewScreen.requestSubmit(&state)
        case .uploadAgainAsNew(let id):
            state.notice = Notice(state.options.words("notice.upload-as-new"), role: .warn)
            return [.uploadAsNewInspection(id: id)]
        case .keepDraftAndLeave:
            let commands = CaseEntryScreen.saveIfNeeded(&state, force: true)
            state.draft = nil
            state.route = .board
            return commands
        case .discardDraftAndLeave:
            var commands: [Command] = []
            if let draft = state.draft, state.caseEntry.saved {
                commands.append(.discardDraft(id: draft.id))
                state.removeInspection(id: draft.id)
            }
            state.draft = nil
            state.route = .board
            return commands
        case .compareDifferentVehicles(let beforeID, let afterID):
            return ComparePickScreen.start(beforeID: beforeID, afterID: afterID, differentVehicles: true, &state)
        }
    }

    static func requestQuit(_ state: inout AppState) -> [Command] {
        if let outage = state.outage, !outage.waiting.isEmpty {
            state.overlay = .confirm(.quitWithWorkHeld(outage, words: state.options.words))
            return []
        }
        let unfinished = state.unfinishedUploadCount()
        let processing = state.processingCount()
        if unfinished > 0 || processing > 0 {
            state.overlay = .confirm(
                .quitWhileWorking(uploading: unfinished, processing: processing, words: state.options.words))
            return []
        }
        return [.quit]
    }

    static func startNewCase(_ state: inout AppState) -> [Command] {
        let facts = CaseFacts(caseID: "", agentID: state.lastAgent.id, agentName: state.lastAgent.name)
        state.draft = Inspection(id: state.makeID(), facts: facts, createdAt: state.now, updatedAt: state.now)
        var form = CaseEntryState(facts: facts)
        form.saved = false
        state.caseEntry = form
        state.review = ReviewState()
        state.route = .caseEntry
        return []
    }

    /// Opens an inspection from the board: drafts go back to entry or photos, the rest to detail.
    static func open(_ inspection: Inspection, _ state: inout AppState) -> [Command] {
        // Submitted, and the service has not yet said so: its upload, not its photos again.
        if inspection.state == .draft, state.pendingSubmits.contains(inspection.id) {
            state.route = .upload(id: inspection.id)
            return []
        }
        // A read-only board shows a draft's detail: the entry and photos screens edit it.
        if inspection.state == .draft, !state.readOnly {
            state.draft = inspection
            state.caseEntry = CaseEntryState(facts: inspection.facts)
            state.review = ReviewState()
            if CaseIDRule.isValid(inspection.facts.caseID) {
                return PhotosScreen.enter(&state)
            }
            state.route = .caseEntry
            return []
        }
        if inspection.compared != nil { return ComparisonScreen.open(inspection, &state) }
        state.detail = DetailState()
        state.detail.id = inspection.id
        state.route = .detail(id: inspection.id)
        return [.screen(.detail(.loadDetail(id: inspection.id)))]
    }
}
