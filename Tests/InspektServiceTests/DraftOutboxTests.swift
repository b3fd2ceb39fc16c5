import Foundation
import InspektCore
import InspektService
import InspektTestSupport
import Synchronization
import Testing

/// Fleet mode: the service's `DraftOutbox` owns every save and submit while PostgreSQL is down. It holds them
/// (never telling the caller "unreachable"), keeps each draft's newest copy in `held-drafts/`, says so in
/// `.database` events, and sends them, newest copy of each draft, once the database answers: when its clock
/// (stepped by the test here) says to look again.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet database's outage"), .timeLimit(.minutes(2)))
struct DraftOutboxTests {
    @Test func savesOfOneDraftLandNewestLastAndWhatWaitedGoesOutOnceTheDatabaseAnswers() async throws {
        let server = try TestPostgresServer()
        let steps = Steps()
        let fixture = try await ServiceFixture.start(dependencies: steps.dependencies)
        try await stopAfter(fixture) {
            let service = fixture.service
            let seen = Mutex<[DatabaseReach]>([])
            let events = service.events()
            let listening = Task {
                for await case .database(let reach) in events { seen.withLock { $0.append(reach) } }
            }
            defer { listening.cancel() }
            var saved = try fixture.draft("CASE-OUT-SAVE", photos: fixture.photos(2, prefix: "save"))
            var sent = try fixture.draft("CASE-OUT-SEND", photos: fixture.photos(8, prefix: "send"))
            var taken = try fixture.draft("CASE-OUT-BACK", photos: fixture.photos(8, prefix: "back"))
            let edited = Date()
            try server.stop()
            var restarted = false
            defer { if !restarted { try? server.start() } }

            // Two saves of one draft: the second is the newer and is what lands.
            saved.facts.vehicle = "first edit"
            saved.updatedAt = edited
            #expect(try service.saveDraft(saved) == false)
            saved.facts.vehicle = "second edit"
            saved.updatedAt = edited.addingTimeInterval(1)
            #expect(try service.saveDraft(saved) == false)
            // A submit, and a save made before it that arrives after: part of the submit, which still goes.
            sent.updatedAt = edited.addingTimeInterval(2)
            try service.submit(sent, missingReason: nil)
            var older = sent
            older.facts.vehicle = "made before the submit"
            older.updatedAt = edited
            try service.saveDraft(older)
            // A submit, then an edit made after it: the submit is taken back, the draft waits as a draft.
            taken.updatedAt = edited.addingTimeInterval(2)
            try service.submit(taken, missingReason: nil)
            taken.facts.vehicle = "changed after the submit"
            taken.updatedAt = edited.addingTimeInterval(3)
            try service.saveDraft(taken)

            let folder = fixture.directory + "/data/held-drafts"
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                    == [saved.id, sent.id, taken.id].map { $0 + ".json" }.sorted())
            let kept = try String(contentsOfFile: folder + "/\(saved.id).json", encoding: .utf8)
            #expect(kept.contains("second edit"), "the data folder keeps the newest copy")
            let waiting: [String: DatabaseReach.Waiting] = [
                saved.id: .init(caseID: "CASE-OUT-SAVE", submitted: false),
                sent.id: .init(caseID: "CASE-OUT-SEND", submitted: true),
                taken.id: .init(caseID: "CASE-OUT-BACK", submitted: false),
            ]
            #expect(await eventually { seen.withLock { $0.last?.waiting } == waiting }, "\(seen.withLock { $0.last })")
            #expect(seen.withLock { $0.last?.away } != nil, "the database is said to be away")

            try server.start()
            restarted = true
            // Nothing goes out before the outbox looks again: its clock has not moved.
            try await Task.sleep(for: .milliseconds(300))
            #expect(try fixture.store.inspection(id: saved.id)?.facts.vehicle != "second edit")

            #expect(
                await eventually(timeout: 30) {
                    steps.step()
                    return seen.withLock { $0.last } == DatabaseReach(away: nil)
                })
            #expect(try fixture.store.inspection(id: saved.id)?.facts.vehicle == "second edit")
            #expect(try fixture.store.inspection(id: taken.id)?.facts.vehicle == "changed after the submit")
            #expect(try fixture.store.inspection(id: taken.id)?.state == .draft, "the edit took the submit back")
            let processing = try await fixture.waitFor(sent.id, state: .processing, seconds: 30)
            #expect(processing?.state == .processing)
            #expect(processing?.facts.vehicle != "made before the submit")
            #expect(await fixture.ledger(caseID: "CASE-OUT-SEND").count == 1)
            #expect(await fixture.ledger(caseID: "CASE-OUT-BACK").isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }
}

/// Waits that end only when the test steps them: the outbox looks at the database again when `step()` is called.
final class Steps: Sendable {
    private let waiting = Mutex<[CheckedContinuation<Void, Never>]>([])

    /// The service's dependencies with these waits (and the fixture's fixed jitter).
    var dependencies: ServiceDependencies {
        ServiceDependencies(
            random: { 0.5 },
            sleep: { [self] _ in await withCheckedContinuation { c in waiting.withLock { $0.append(c) } } })
    }

    /// Ends every wait begun so far.
    func step() {
        let all = waiting.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for continuation in all { continuation.resume() }
    }
}
