import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektService
import TerminalUI

/// The live side effects: every command is one call of the service.
public enum LiveEffects {
    /// Where exported receipts and reports go: never the folder the program was started from.
    static func receiptDirectory(environment: [String: String]) -> String {
        if environment["INSPEKT_REPORT_DIR"]?.isEmpty == false { return ReportFolder.path(environment: environment) }
        if let dir = environment["INSPEKT_RECEIPT_DIR"], !dir.isEmpty { return dir }
        return ReportFolder.path(environment: environment)
    }

    /// `startReceiver` runs first at startup, after the first frame; a problem it returns shows as a notice.
    /// Then, unless `resumes` is false (a read-only board), the held drafts are sent and stopped uploads resumed.
    public static func make(
        service: InspektService, receiptDirectory: String,
        startReceiver: @escaping @Sendable () async -> String? = { nil }, resumes: Bool = true,
        clock: WallClock = .live, words: Localizer = Languages.english
    ) -> AppEffects {
        let pages = BoardPageReader(source: ServiceBoardSource(service: service))
        return AppEffects(
            perform: { command, post in
                let context = Context(
                    service: service, pages: pages, receiptDirectory: receiptDirectory, words: words, post: post)
                await perform(command, context)
            },
            events: { service.events() },
            startup: { post in
                if let problem = await startReceiver() { post(.notice(Notice(problem, role: .warn))) }
                guard resumes else { return }
                // A board that ended while the fleet database was away left its drafts in the data folder: the
                // service's outbox sends them now, or once the database answers.
                let done = await service.saveHeldDrafts()
                if done.saved > 0 {
                    var text = words("effects.held-saved", count: done.saved)
                    if done.sent > 0 { text += " " + words("effects.held-sent", count: done.sent) }
                    post(.notice(Notice(text, role: .ok)))
                }
                for failed in done.notSaved {
                    post(.service(.heldDraftFailed(caseID: failed.caseID, reason: failed.reason)))
                }
                // After a crash, a reboot or a dropped SSH link: continue where the uploads stopped, once the
                // fleet database answers if it does not yet.
                await service.waitForDatabase()
                await service.resumeAll()
            },
            watch: { post in await StoreWatcher.watch(service: service, clock: clock, post: post) })
    }

    /// What a command runs with: the service, and where its answers go.
    struct Context: Sendable {
        let service: InspektService
        let pages: BoardPageReader
        /// Where receipts and reports are written.
        let receiptDirectory: String
        /// The operator's language, for what a failed command says.
        let words: Localizer
        let post: @Sendable (Message) -> Void

        /// Tells of a failed command as `otherwise`; a fleet database out of reach also goes to the service's
        /// outbox, which says so on the title bar until it answers.
        func failed(_ error: any Error, _ otherwise: @autoclosure () -> Message) {
            service.noteIfUnreachable(error)
            post(otherwise())
        }
    }

    static func perform(_ command: Command, _ context: Context) async {
        let service = context.service
        let post = context.post
        switch command {
        case .loadInspections:
            do {
                // A screenful first: with thousands stored, the whole list takes a noticeable moment.
                post(.inspectionsPreview(try service.newestInspections(limit: 200)))
                post(.inspectionsLoaded(try service.inspections()))
            } catch {
                context.failed(error, .commandFailed(context.words("notice.not-read", ["reason": describe(error)])))
            }
        case .loadBoardPage(let request):
            context.pages.read(request, post: post)
        case .saveDraft(let inspection):
            // Never "unreachable": while the database is away the service's outbox holds it.
            do { try service.saveDraft(inspection) } catch {
                context.failed(error, .commandFailed(context.words("effects.not-saved", ["reason": describe(error)])))
            }
        case .discardDraft(let id):
            do {
                if try service.discardDraft(id: id) { post(.inspectionRemoved(id: id)) }
            } catch {
                context.failed(error, .commandFailed(context.words("effects.not-removed", ["reason": describe(error)])))
            }
        case .rememberAgent(let id, let name):
            service.rememberAgent(id: id, name: name)
        case .submit(let inspection, let missingReason):
            // Saved before anything is sent: with the database out of reach it waits in the service's outbox.
            do { try service.submit(inspection, missingReason: missingReason) } catch {
                context.failed(error, .submitFailed(id: inspection.id, reason: describe(error)))
            }
        case .retry(let id):
            do { try service.retry(id: id) } catch {
                context.failed(error, .commandFailed(context.words("effects.not-retried", ["reason": describe(error)])))
            }
        case .uploadAsNewInspection(let id):
            do { try await service.enqueueAsNewInspection(id: id) } catch {
                context.failed(
                    error, .commandFailed(context.words("effects.not-sent-again", ["reason": describe(error)])))
            }
        case .reopenDraft(let id):
            do { post(.draftReopened(try service.reopenForEditing(id: id))) } catch {
                context.failed(
                    error, .commandFailed(context.words("effects.photos-unchanged", ["reason": describe(error)])))
            }
        case .setArchived(let id, let archived):
            do {
                try service.setArchived(id: id, archived)
                // The board reads the rows it shows from the store: read them again now that it has the change.
                post(.storeChangedElsewhere)
            } catch {
                let key = archived ? "effects.not-archived" : "effects.not-restored"
                context.failed(error, .commandFailed(context.words(key, ["reason": describe(error)])))
            }
        case .screen(let request):
            await ScreenEffects.perform(request, context)
        case .quit, .redraw:
            break  // handled by the run loop itself
        }
    }

    /// An error in words for an operator, with anything from files or the network escaped.
    static func describe(_ error: any Error) -> String {
        SafeText.escape(String(describing: error))
    }
}
