import Foundation
import InspektCore
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
    public static func make(
        service: InspektService, receiptDirectory: String, outage: DatabaseOutageSignal = DatabaseOutageSignal(),
        startReceiver: @escaping @Sendable () async -> String? = { nil }
    ) -> AppEffects {
        let pages = BoardPageReader(source: ServiceBoardSource(service: service, outage: outage))
        return AppEffects(
            perform: { command, post in
                let context = Context(
                    service: service, outage: outage, pages: pages, receiptDirectory: receiptDirectory, post: post)
                await perform(command, context)
            },
            events: { service.events() },
            startup: { post in
                if let problem = await startReceiver() { post(.notice(Notice(problem, role: .warn))) }
                // A board that ended while the fleet database was out of reach left its drafts in the data folder.
                // While it still does not answer they wait on this board like what is typed now, and go out when it does.
                let holdKept = { (place: String) in
                    for held in service.heldDrafts() {
                        let command: Command = held.submitted
                            ? .submit(held.draft, missingReason: held.missingReason) : .saveDraft(held.draft)
                        post(.databaseUnreachable(place: place, held: command))
                    }
                    outage.note()
                }
                if let place = await unreachablePlace(service) {
                    holdKept(place)
                } else {
                    do {
                        let done = try service.saveHeldDrafts()
                        if done.saved > 0 {
                            let sent = done.sent > 0 ? "; \(done.sent) submitted then are being sent" : ""
                            post(.notice(Notice("\(done.saved) draft(s) typed while the database was unreachable are saved now\(sent).", role: .ok)))
                        }
                        for failed in done.notSaved {
                            post(.notice(Notice(
                                "Case \(failed.caseID), kept while the database was unreachable, could not be saved: \(failed.reason) "
                                    + "It stays in held-drafts/ in the data folder.", role: .error)))
                        }
                    } catch {
                        if let place = service.unreachableDatabase(in: error) { holdKept(place) }
                    }
                }
                // After a crash, a reboot or a dropped SSH link: continue where the uploads stopped, once the
                // fleet database answers if it does not yet.
                while !Task.isCancelled, await unreachablePlace(service) != nil {
                    try? await Task.sleep(for: .seconds(1))
                }
                await service.resumeAll()
            },
            watch: { post in await StoreWatcher.watch(service: service, outage: outage, post: post) })
    }

    /// Where the fleet database is when it does not answer now (asked on a store thread); nil when it answers,
    /// and for a kiosk's own SQLite file.
    static func unreachablePlace(_ service: InspektService) async -> String? {
        do {
            _ = try await service.changeMarkerOffPool()
            return nil
        } catch {
            return service.unreachableDatabase(in: error)
        }
    }

    /// What a command runs with: the service, where its answers go, and the note of a database out of reach.
    struct Context: Sendable {
        let service: InspektService
        let outage: DatabaseOutageSignal
        let pages: BoardPageReader
        /// Where receipts and reports are written.
        let receiptDirectory: String
        let post: @Sendable (Message) -> Void

        /// Tells of a failed command: a fleet database out of reach goes to the title bar (with `held`, the save
        /// or submit that waits for it, instead of `otherwise`); any other failure as `otherwise`.
        func failed(_ error: any Error, held: Command? = nil, _ otherwise: @autoclosure () -> Message) {
            if let place = service.unreachableDatabase(in: error) {
                // Posted before it is noted: the watcher's "back" can never overtake it.
                post(.databaseUnreachable(place: place, held: held))
                outage.note()
                if held != nil { return }
            }
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
                context.failed(error, .commandFailed("The inspections could not be read: \(describe(error))"))
            }
        case .loadBoardPage(let request):
            context.pages.read(request, post: post)
        case .saveDraft(let inspection):
            do { try service.saveDraft(inspection) } catch {
                context.failed(error, held: command, .commandFailed("The draft could not be saved: \(describe(error))"))
            }
        case .discardDraft(let id):
            do {
                if try service.discardDraft(id: id) { post(.inspectionRemoved(id: id)) }
            } catch {
                context.failed(error, .commandFailed("The draft could not be removed: \(describe(error))"))
            }
        case .keepHeld(let draft, let submitted, let missingReason):
            service.holdDraft(draft, submitted: submitted, missingReason: missingReason)
        case .rememberAgent(let id, let name):
            service.rememberAgent(id: id, name: name)
        case .submit(let inspection, let missingReason):
            // Saved before anything is sent: with the database out of reach no session is asked for.
            do { try service.submit(inspection, missingReason: missingReason) } catch {
                context.failed(error, held: command, .submitFailed(id: inspection.id, reason: describe(error)))
            }
        case .retry(let id):
            do { try service.retry(id: id) } catch {
                context.failed(error, .commandFailed("The upload could not be retried: \(describe(error))"))
            }
        case .uploadAsNewInspection(let id):
            do { try await service.enqueueAsNewInspection(id: id) } catch {
                context.failed(error, .commandFailed("The inspection could not be sent again: \(describe(error))"))
            }
        case .reopenDraft(let id):
            do { post(.draftReopened(try service.reopenForEditing(id: id))) } catch {
                context.failed(error, .commandFailed("The photos cannot be changed: \(describe(error))"))
            }
        case .setArchived(let id, let archived):
            do {
                try service.setArchived(id: id, archived)
                // The board reads the rows it shows from the store: read them again now that it has the change.
                post(.storeChangedElsewhere)
            } catch {
                let action = archived ? "archived" : "restored"
                context.failed(error, .commandFailed("The inspection could not be \(action): \(describe(error))"))
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
