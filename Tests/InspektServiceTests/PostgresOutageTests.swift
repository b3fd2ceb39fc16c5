import Foundation
import InspektStorage
import Synchronization
import InspektCore
import InspektPostgres
import InspektService
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fleet mode: PostgreSQL stops while the photos are on the wire and starts again a few seconds later.
/// The upload's bookkeeping waits for it; the upload ends accepted once, nothing lost, nothing sent twice.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet database's outage"), .timeLimit(.minutes(2)))
struct PostgresOutageTests {
    @Test func theDatabaseStoppingMidUploadEndsAcceptedOnce() async throws {
        let server = try TestPostgresServer()
        let restarted = Restarted()
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { attempt in
                guard attempt == 1 else { return }
                // Down now, with the session written and the request about to leave; up again in 3 s.
                restarted.attempt("stop") { try server.stop() }
                restarted.stoppedAt.withLock { $0 = Date() }
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 3)
                    restarted.attempt("start") { try server.start() }
                    restarted.done.withLock { $0 = true }
                }
            }))
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-PG-DOWN", photos: fixture.photos(3))
            let session = try await fixture.service.submit(id: inspection.id)
            let returnedAt = Date()
            #expect(await eventually(timeout: 60) { restarted.done.withLock { $0 } })
            #expect(restarted.failures.withLock { $0 }.isEmpty, "pg_ctl failed: \(restarted.failures.withLock { $0 })")
            // Inspektlabs accepted while the database was down; `submit` ended only once that was written
            // down, which could not be before the database was back (3 s after it stopped).
            let stoppedAt = try #require(restarted.stoppedAt.withLock { $0 })
            let accepted = try #require(try fixture.store.attempts(inspectionID: inspection.id).first?.finishedAt)
            #expect(accepted > stoppedAt)
            #expect(returnedAt.timeIntervalSince(stoppedAt) >= 2.9)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .processing)
            #expect(stored.session == session)
            #expect(stored.photos.allSatisfy { $0.sha256?.count == 64 })
            #expect(try fixture.store.attempts(inspectionID: inspection.id).map(\.outcome) == [.accepted])
            #expect(await fixture.ledger(caseID: "CASE-PG-DOWN").map(\.session) == [session])
        }
    }
}

final class Restarted: Sendable {
    let done = Mutex(false)
    let stoppedAt = Mutex<Date?>(nil)
    /// What `pg_ctl` failed to do, off the test's task, for the test to report.
    let failures = Mutex<[String]>([])

    func attempt(_ what: String, _ body: () throws -> Void) {
        do { try body() } catch { failures.withLock { $0.append("\(what): \(error)") } }
    }
}

/// Fleet mode: a draft saved while PostgreSQL is down waits in the service's outbox and in the data folder, so that
/// a board killed meanwhile loses nothing; the next service over the same folder saves it once the database
/// answers. The first service's outbox never looks again here (its waits never end): it stands for a dead board.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet database's outage"), .timeLimit(.minutes(2)))
struct HeldDraftTests {
    @Test func aDraftSavedWhileTheDatabaseIsDownSurvivesTheBoard() async throws {
        let server = try TestPostgresServer()
        let fixture = try await ServiceFixture.start(dependencies: Steps().dependencies)
        try await stopAfter(fixture) {
            var draft = try fixture.draft("CASE-HELD", photos: fixture.photos(2))
            try server.stop()
            draft.facts.vehicle = "typed while down"
            let before = Date()
            // Never "unreachable" to the caller: the outbox holds it.
            let savedNow = Mutex<Bool?>(nil)
            let failure = Self.failure { savedNow.withLock { [v = try fixture.service.saveDraft(draft)] in $0 = v } }
            let took = Date().timeIntervalSince(before)
            try server.start()
            // The pool's connections were closed by the server: the save waits out its 2 s, never the
            // 30 s deadline of a statement sent on a closed connection, which no one answers.
            #expect(took < 15, "the save took \(took) s")
            #expect(failure == nil, "the save threw \(String(describing: failure))")
            #expect(savedNow.withLock { $0 } == false, "held, not stored")
            let kept = try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/data/held-drafts")
            #expect(kept == ["\(draft.id).json"])
            #expect(try fixture.store.inspection(id: draft.id)?.facts.vehicle != "typed while down")

            // The board that held it is gone; the next one over the same folder saves it.
            let next = try ServiceFixture.make(simulator: fixture.simulator, directory: fixture.directory)
            #expect(await next.service.saveHeldDrafts() == .init(saved: 1, sent: 0))
            let stored = try #require(try next.store.inspection(id: draft.id))
            #expect(stored.facts.vehicle == "typed while down")
            #expect(stored.state == .draft)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/data/held-drafts").isEmpty)
            #expect(await next.service.saveHeldDrafts() == .init(saved: 0, sent: 0))
        }
    }

    @Test func aSubmitMadeWhileTheDatabaseIsDownIsSentByTheNextBoard() async throws {
        let server = try TestPostgresServer()
        let fixture = try await ServiceFixture.start(dependencies: Steps().dependencies)
        try await stopAfter(fixture) {
            let draft = try fixture.draft("CASE-HELD-SUBMIT", photos: fixture.photos(8))
            try server.stop()
            let failure = Self.failure { try fixture.service.submit(draft, missingReason: nil) }
            try server.start()
            #expect(failure == nil, "the submit threw \(String(describing: failure))")
            let kept = try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/data/held-drafts")
            #expect(kept == ["\(draft.id).json"])
            #expect(
                await fixture.ledger(caseID: "CASE-HELD-SUBMIT").isEmpty, "nothing is sent before it is written down")

            let next = try ServiceFixture.make(simulator: fixture.simulator, directory: fixture.directory)
            #expect(await next.service.saveHeldDrafts() == .init(saved: 1, sent: 1))
            let sent = try await next.waitFor(draft.id, state: .processing, seconds: 30)
            #expect(sent?.state == .processing)
            #expect(await fixture.ledger(caseID: "CASE-HELD-SUBMIT").count == 1)
        }
    }

    /// What `body` threw, if anything.
    static func failure(of body: () throws -> Void) -> (any Error)? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

/// Fleet mode: the board's store opens while PostgreSQL is down. Its reads say so at once (a board that reads
/// them keeps answering keys), and once the database answers the schema is checked and the rows are there.
@Suite(.enabled(if: StoreEngine.forServiceTests == .postgres, "the fleet database's outage"), .timeLimit(.minutes(2)))
struct OpenWhileDownTests {
    @Test func aStoreOpenedWhileTheDatabaseIsDownAnswersOnceItIsBack() async throws {
        let server = try TestPostgresServer()
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let draft = try fixture.draft("CASE-OPEN-DOWN", photos: fixture.photos(2))
            let url = try DatabaseURL(String(contentsOfFile: fixture.directory + "/database-url", encoding: .utf8))
            // An unmigrated database, to see the schema checked when the server answers.
            let empty = try StoreEngine.freshDatabase()
            try server.stop()
            let restarted = Mutex(false)
            defer {
                if !restarted.withLock({ $0 }) {
                    do { try server.start() } catch { Issue.record(error, "the test cluster did not start again") }
                }
            }

            // Every other command stops with the reason.
            #expect(throws: StoreError.self) { try PostgresStore(url: url, kioskID: "kiosk-a") }
            // Each try that fails and is tried again leaves "trying again" in the log: counted, never timed.
            let log = CapturedLog()
            let store = try PostgresStore(
                url: url, kioskID: "kiosk-a", opensWhileUnreachable: true, logger: log.logger())
            let unmigrated = try PostgresStore(url: empty, kioskID: "kiosk-a", opensWhileUnreachable: true)
            let retriesBefore = log.count("trying again")
            for _ in 1...5 {
                let failure = HeldDraftTests.failure { _ = try store.inspection(id: draft.id) }
                guard case StoreError.unreachable = try #require(failure) else {
                    Issue.record("a read did not say the database is unreachable: \(String(describing: failure))")
                    return
                }
            }
            // One try every half second at most, and never tried again: five reads never wait out connection attempts.
            #expect(log.count("trying again") == retriesBefore, "\(log.text)")

            try server.start()
            restarted.withLock { $0 = true }
            #expect(await eventually(timeout: 10) { (try? store.inspection(id: draft.id)) != nil })
            #expect(try store.inspection(id: draft.id)?.facts.caseID == "CASE-OPEN-DOWN")
            var edited = draft
            edited.facts.vehicle = "after the outage"
            #expect(try store.saveDraft(edited))
            #expect(try fixture.store.inspection(id: draft.id)?.facts.vehicle == "after the outage")
            // Down again under the open store: the first read to find out gives up within a moment (a key
            // waits on it), where a command's read rides out a second and a half of tries.
            try server.stop()
            restarted.withLock { $0 = false }
            let retriesBeforeOutage = log.count("trying again")
            let failure = HeldDraftTests.failure { _ = try store.inspection(id: draft.id) }
            // A quarter of a second of tries (at 0, 0.1 and 0.3 s: tried again twice); a command's read is tried
            // again four times. A slow machine makes fewer tries, never more.
            let retries = log.count("trying again") - retriesBeforeOutage
            #expect(retries <= 2, "the first read of the outage was tried again \(retries) times")
            guard case StoreError.unreachable = try #require(failure) else {
                Issue.record("the read did not say the database is unreachable: \(String(describing: failure))")
                return
            }
            try server.start()
            restarted.withLock { $0 = true }

            // The schema is checked before the first statement, as at any start.
            #expect(
                await eventually(timeout: 10) {
                    do {
                        _ = try unmigrated.inspection(id: draft.id)
                        return false
                    } catch StoreError.notMigrated {
                        return true
                    } catch {
                        return false
                    }
                })
        }
    }
}
