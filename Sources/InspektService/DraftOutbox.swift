import Foundation
import InspektCore
import InspektStore
import Synchronization

/// Every save and submit of a draft goes through here. While the fleet database answers they go straight to
/// the store. While it is away they wait here, each draft's newest copy also kept in `held-drafts/<id>.json` (a
/// board that dies meanwhile loses nothing), and go out once it answers, oldest first. One draft is sent by one
/// caller at a time: a save that comes while another of the same draft is on its way waits behind it and goes
/// next, so an older copy never lands last. Whether the database answers, and what waits, is published as
/// `.database` events; callers are never told "unreachable".
public final class DraftOutbox: Sendable {
    /// What happened to a draft handed in.
    public enum Outcome: Sendable, Equatable {
        /// Written to the store (and its upload started, when submitted).
        case stored(submitted: Bool)
        /// The store had moved on (submitted elsewhere): the copy was dropped.
        case dropped
        /// Waits for the database.
        case held
    }

    /// One waiting draft: the copy to send and when it was handed in (its place in the draft's order).
    struct Entry: Sendable {
        var held: InspektService.HeldDraft
        var order: UInt64
        /// The caller's edit time: a save made before a waiting submit is part of it, one made after takes it back.
        var editedAt: Date
        /// Whether its copy is in the data folder (it waits, rather than being on its way).
        var kept = false
    }

    struct State: Sendable {
        var away: String?
        var waiting: [String: Entry] = [:]
        /// Drafts a caller is sending now: another copy of one waits behind it.
        var sending: Set<String> = []
        var next: UInt64 = 0
        var probing = false
        var published = DatabaseReach(away: nil)
    }

    private struct Owner: @unchecked Sendable {
        weak var service: InspektService?
    }

    /// Seconds between two looks at a database that is away.
    static let retryInterval = 1.0

    private let state = Mutex(State())
    private let owner = Mutex(Owner())

    init() {}

    func attach(_ service: InspektService) { owner.withLock { $0.service = service } }

    private var service: InspektService? { owner.withLock { $0.service } }

    /// Whether the database answered at the last look (a store call or the outbox's own).
    public var databaseAnswers: Bool { state.withLock { $0.away == nil } }

    /// Hands in a copy: sent now unless the database is away or the same draft is on its way; else it waits.
    /// Throws what the store or the upload's checks refuse, never that the database is away.
    func hand(_ held: InspektService.HeldDraft, editedAt: Date) throws -> Outcome {
        guard let service else { return .held }
        let id = held.draft.id
        let first: Entry? = state.withLock { s in
            let entry = Entry(held: held, order: s.next, editedAt: editedAt)
            s.next += 1
            Self.merge(entry, into: &s)
            guard s.away == nil, !s.sending.contains(id), let start = s.waiting[id] else {
                keep(id, &s, service)
                publish(&s, service)
                return nil
            }
            s.sending.insert(id)
            return start
        }
        guard let first else { return .held }
        return try drain(first, service, fromFile: false)
    }

    /// A newer copy replaces an older one; a save made before a waiting submit is part of it (the submit saves
    /// it anyway), one made after takes the submit back: it waits as a draft again.
    private static func merge(_ entry: Entry, into s: inout State) {
        let id = entry.held.draft.id
        if let old = s.waiting[id], old.held.submitted, !entry.held.submitted, entry.editedAt <= old.editedAt { return }
        var entry = entry
        entry.kept = s.waiting[id]?.kept ?? false
        s.waiting[id] = entry
    }

    /// Sends `entry`, then any newer copy of the same draft handed in meanwhile, until none waits.
    private func drain(_ entry: Entry, _ service: InspektService, fromFile: Bool) throws -> Outcome {
        let id = entry.held.draft.id
        var entry = entry
        var failure: (any Error)?
        var outcome = Outcome.held
        while true {
            do {
                outcome = try Self.send(entry.held, service)
            } catch {
                if let place = service.unreachableDatabase(in: (error as? StoredNotSent)?.cause ?? error) {
                    state.withLock { s in
                        s.sending.remove(id)
                        s.away = place
                        keep(id, &s, service)
                        publish(&s, service)
                    }
                    startProbing()
                    if let failure { throw failure }
                    return .held
                }
                failure = failure ?? error
            }
            let next: Entry? = state.withLock { s in
                if let newer = s.waiting[id], newer.order > entry.order { return newer }
                s.waiting[id] = nil
                s.sending.remove(id)
                // A copy from the data folder that could not be sent stays there, for the next board to try.
                if failure == nil || !fromFile { service.releaseHeldDraft(id: id) }
                publish(&s, service)
                return nil
            }
            guard let next else { break }
            entry = next
        }
        // A caller is told the refusal itself; `sendWaiting` counts a draft stored but not sent as saved.
        if let failure { throw fromFile ? failure : (failure as? StoredNotSent)?.cause ?? failure }
        return outcome
    }

    /// A submitted draft was stored, but its upload could not start (a photo gone): `cause` says why.
    struct StoredNotSent: Error {
        let cause: any Error
    }

    /// Stores one copy, and starts its upload when it was submitted.
    private static func send(_ held: InspektService.HeldDraft, _ service: InspektService) throws -> Outcome {
        guard try service.store.saveDraft(held.draft) else { return .dropped }
        service.hub.publish(.inspectionChanged(held.draft))
        if held.submitted {
            do { try service.enqueue(id: held.draft.id, missingReason: held.missingReason) } catch {
                throw StoredNotSent(cause: error)
            }
        }
        return .stored(submitted: held.submitted)
    }

    /// A draft thrown away: nothing of it goes out, whatever the database says.
    func discard(id: String) {
        guard let service else { return }
        state.withLock { s in
            s.waiting[id] = nil
            service.releaseHeldDraft(id: id)
            publish(&s, service)
        }
    }

    /// A store call found the database away: the outbox holds what comes, and looks until it answers.
    func noteAway(_ place: String) {
        guard let service else { return }
        state.withLock { s in
            s.away = place
            publish(&s, service)
        }
        startProbing()
    }

    /// The copy in the data folder, written when a draft starts to wait or a newer copy of it comes.
    private func keep(_ id: String, _ s: inout State, _ service: InspektService) {
        guard let held = s.waiting[id]?.held else { return }
        service.holdDraft(held.draft, submitted: held.submitted, missingReason: held.missingReason)
        s.waiting[id]?.kept = true
    }

    /// Publishes reachability and what waits, when either changed.
    private func publish(_ s: inout State, _ service: InspektService) {
        let reach = DatabaseReach(
            away: s.away,
            waiting: s.waiting.filter(\.value.kept).mapValues {
                DatabaseReach.Waiting(caseID: $0.held.draft.facts.caseID, submitted: $0.held.submitted)
            })
        guard reach != s.published else { return }
        s.published = reach
        service.hub.publish(.database(reach))
    }

    // MARK: Sending what waited

    /// Takes in what a board that ended left in `held-drafts/` (copies not waiting here already).
    func load(_ service: InspektService) {
        let kept = service.heldDrafts()
        state.withLock { s in
            for held in kept where s.waiting[held.draft.id] == nil {
                s.waiting[held.draft.id] = Entry(held: held, order: s.next, editedAt: held.draft.updatedAt, kept: true)
                s.next += 1
            }
            publish(&s, service)
        }
    }

    /// Sends every waiting draft, oldest edit first, unless the database goes away again meanwhile (what is left
    /// waits). One that cannot be saved or sent (a photo deleted) does not stop the others: it is named in the
    /// answer (and in a `.heldDraftFailed` event when `announce`), and its file stays.
    func sendWaiting(_ service: InspektService, announce: Bool) -> InspektService.HeldDraftsSaved {
        var done = InspektService.HeldDraftsSaved(saved: 0, sent: 0)
        let order = state.withLock { s in
            s.waiting.values.sorted { ($0.held.draft.updatedAt, $0.order) < ($1.held.draft.updatedAt, $1.order) }.map(
                \.held.draft.id)
        }
        for id in order {
            let entry: Entry? = state.withLock { s in
                guard s.away == nil, !s.sending.contains(id), let entry = s.waiting[id] else { return nil }
                s.sending.insert(id)
                return entry
            }
            guard let entry else { continue }
            do {
                switch try drain(entry, service, fromFile: true) {
                case .stored(let submitted):
                    done.saved += 1
                    if submitted { done.sent += 1 }
                case .dropped, .held: break
                }
            } catch {
                if error is StoredNotSent { done.saved += 1 }
                let reason = String(describing: (error as? StoredNotSent)?.cause ?? error).replacingOccurrences(
                    of: "\n", with: " ")
                let caseID = SafeText.escape(entry.held.draft.facts.caseID)
                done.notSaved.append(InspektService.NotSaved(caseID: caseID, reason: reason))
                if announce { service.hub.publish(.heldDraftFailed(caseID: caseID, reason: reason)) }
                service.logger.error(
                    "a kept draft could not be saved or sent; its file stays in held-drafts",
                    metadata: ["inspection": "\(id)", "error": "\(reason)"])
            }
        }
        if done.saved > 0 {
            service.logger.info("kept drafts saved", metadata: ["count": "\(done.saved)", "sent": "\(done.sent)"])
        }
        return done
    }

    /// Looks at the database every `retryInterval` (on the service's clock) while it is away; once it answers,
    /// says so and sends what waited.
    private func startProbing() {
        guard
            state.withLock({ s in
                defer { s.probing = true }
                return !s.probing
            })
        else { return }
        Task.detached { [self] in
            while let service = self.service {
                do { try await service.dependencies.sleep(Self.retryInterval) } catch { break }
                guard await service.databaseAnswersNow() else { continue }
                _ = try? await service.onStoreThread { [self] in answered(service, announce: true) }
                // Stopped only while it answers: an outage noted meanwhile finds no prober and would start none.
                let stop = state.withLock { s in
                    defer { if s.away == nil { s.probing = false } }
                    return s.away == nil
                }
                if stop { return }
            }
            state.withLock { $0.probing = false }
        }
    }

    /// The database answered a look: reachable again, and what waited goes out.
    @discardableResult
    func answered(_ service: InspektService, announce: Bool) -> InspektService.HeldDraftsSaved {
        state.withLock { s in
            s.away = nil
            publish(&s, service)
        }
        return sendWaiting(service, announce: announce)
    }
}
