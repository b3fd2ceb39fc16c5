import Foundation
import InspektCore
import InspektService
import PhotoKit
import TerminalUI

/// The live side effects: the service layer for inspections and uploads, PhotoKit for the inbox.
enum LiveEffects {
    /// Where exported receipts and reports go: never the folder the program was started from.
    static func receiptDirectory(environment: [String: String]) -> String {
        if environment["INSPEKT_REPORT_DIR"]?.isEmpty == false { return ReportFolder.path(environment: environment) }
        if let dir = environment["INSPEKT_RECEIPT_DIR"], !dir.isEmpty { return dir }
        return ReportFolder.path(environment: environment)
    }

    /// `startReceiver` runs first at startup, after the first frame; a problem it returns shows as a notice.
    static func make(
        service: InspektService, receiptDirectory: String,
        startReceiver: @escaping @Sendable () async -> String? = { nil }
    ) -> AppEffects {
        AppEffects(
            perform: { command, post in
                await perform(command, service: service, receiptDirectory: receiptDirectory, post: post)
            },
            events: { service.events() },
            startup: { post in
                if let problem = await startReceiver() { post(.notice(Notice(problem, role: .warn))) }
                // After a crash, a reboot or a dropped SSH link: continue where the uploads stopped.
                await service.resumeAll()
            },
            watch: { post in await StoreWatcher.watch(service: service, post: post) })
    }

    static func perform(
        _ command: Command, service: InspektService, receiptDirectory: String,
        post: @escaping @Sendable (Message) -> Void
    ) async {
        switch command {
        case .loadInspections:
            do {
                // A screenful first: with thousands stored, the whole list takes a noticeable moment.
                post(.inspectionsPreview(try service.newestInspections(limit: 200)))
                post(.inspectionsLoaded(try service.inspections()))
            } catch {
                post(.commandFailed("The inspections could not be read: \(describe(error))"))
            }
        case .scanInbox(let path):
            await InboxListing.scan(path: path, post: post)
        case .pollInbox(let path):
            InboxWatcher.poll(path: path, post: post)
        case .loadPhotoFacts(let path):
            do { post(.photoFactsLoaded(path: path, try PhotoInspector.facts(path: path))) } catch {
                post(.photoFactsFailed(path: path, reason: describe(error)))
            }
        case .saveDraft(let inspection):
            do {
                // A stale draft must never pull back an inspection that moved on (ready, uploading…).
                if let stored = try service.inspection(id: inspection.id), stored.state != .draft { return }
                try service.save(inspection)
            } catch {
                post(.commandFailed("The draft could not be saved: \(describe(error))"))
            }
        case .discardDraft(let id):
            do {
                if let stored = try service.inspection(id: id), stored.state == .draft {
                    try service.store.delete(id: id)
                    post(.inspectionRemoved(id: id))
                }
            } catch {
                post(.commandFailed("The draft could not be removed: \(describe(error))"))
            }
        case .rememberAgent(let id, let name):
            service.store.setSetting(AgentMemory.idKey, id)
            service.store.setSetting(AgentMemory.nameKey, name)
        case .rememberHideSent(let hide):
            service.store.setSetting(AgentMemory.hideSentKey, hide ? "1" : "0")
        case .submit(let id, let missingReason):
            do { try service.enqueue(id: id, missingReason: missingReason) } catch {
                post(.submitFailed(id: id, reason: describe(error)))
            }
        case .retry(let id):
            do { try service.retry(id: id) } catch {
                post(.commandFailed("The upload could not be retried: \(describe(error))"))
            }
        case .uploadAsNewInspection(let id):
            do { try await service.enqueueAsNewInspection(id: id) } catch {
                post(.commandFailed("The inspection could not be sent again: \(describe(error))"))
            }
        case .reopenDraft(let id):
            do { post(.draftReopened(try service.reopenForEditing(id: id))) } catch {
                post(.commandFailed("The photos cannot be changed: \(describe(error))"))
            }
        case .loadDetail(let id):
            do {
                let events = try service.history(id: id)
                let result = try service.inspection(id: id)?.result
                post(.detailLoaded(id: id, events: events, result: result))
            } catch {
                post(.commandFailed("The inspection's history could not be read: \(describe(error))"))
            }
        case .exportReceipt(let id):
            do {
                post(.receiptExported(id: id, path: try service.exportReceipt(id: id, into: receiptDirectory)))
            } catch {
                post(.receiptFailed(id: id, reason: describe(error)))
            }
        case .writeReport, .loadPhotoPreview:
            performReport(command, service: service, folder: receiptDirectory, post: post)
        case .checkQuality(let id, let photos):
            post(.qualityChecked(id: id, photos: photos, QualityGate.findings(for: photos)))
        case .setArchived(let id, let archived):
            do {
                try service.store.setArchived(id: id, archived)
                // The board reads the rows it shows from the store: read them again now that it has the change.
                post(.storeChangedElsewhere)
            } catch {
                post(.commandFailed("The inspection could not be \(archived ? "archived" : "restored"): \(describe(error))"))
            }
        case .quit, .redraw:
            break  // handled by the run loop itself
        }
    }

    /// An error in words for an operator, with anything from files or the network escaped.
    static func describe(_ error: any Error) -> String {
        SafeText.escape(String(describing: error))
    }

    /// A case id made safe for a file name (case ids are letters, digits and hyphens already).
    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(64))
    }
}

/// The keys under which the kiosk remembers the last agent.
enum AgentMemory {
    static let idKey = "last_agent_id"
    static let nameKey = "last_agent_name"
    /// Whether the photos screen hides photos already sent with another inspection.
    static let hideSentKey = "inbox_hide_sent"
}
