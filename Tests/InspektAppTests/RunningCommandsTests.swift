import Foundation
import InspektCore
import Synchronization
import Testing

@testable import InspektApp
@testable import TerminalUI

/// The saves and submits of one draft reach the store in the order the board asked for them, whatever each takes:
/// the newest edit is stored last. Other commands are never held behind them.
@Suite struct RunningCommandsTests {
    @Test func commandsOfOneDraftFinishInTheOrderTheyWereAskedFor() async throws {
        let running = RunningCommands()
        let finished = Mutex<[Int]>([])
        for index in 0..<20 {
            // The earlier, the slower: run side by side, the last would finish first.
            running.start(order: "draft:one") {
                try? await Task.sleep(for: .milliseconds(2 * (20 - index)))
                finished.withLock { $0.append(index) }
            }
        }
        try await waitUntil { finished.withLock { $0.count } == 20 }
        #expect(finished.withLock { $0 } == Array(0..<20))
    }

    @Test func anotherDraftOrAReadIsNotHeldBehindThem() async throws {
        let running = RunningCommands()
        let otherRan = Mutex(false)
        let firstSawIt = Mutex(false)
        running.start(order: "draft:one") {
            // Waits for work that is not of its draft: were that held behind this one, it would never be seen.
            for _ in 0..<200 where !otherRan.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
            firstSawIt.withLock { $0 = otherRan.withLock { $0 } }
        }
        running.start(order: "draft:two") { otherRan.withLock { $0 = true } }
        try await waitUntil { firstSawIt.withLock { $0 } }
        #expect(firstSawIt.withLock { $0 })
    }

    @Test func savesSubmitsAndRemovalsOfOneDraftShareAKeyAndReadsHaveNone() {
        let draft = Inspection(facts: CaseFacts(caseID: "CASE-1"))
        let other = Inspection(facts: CaseFacts(caseID: "CASE-2"))
        let keys = [
            Command.saveDraft(draft), .submit(draft, missingReason: nil), .discardDraft(id: draft.id),
            .reopenDraft(id: draft.id),
        ].map(\.orderKey)
        #expect(Set(keys).count == 1)
        #expect(keys.first ?? nil != nil)
        #expect(Command.saveDraft(other).orderKey != keys.first)
        #expect(Command.screen(.detail(.loadDetail(id: draft.id))).orderKey == nil)
        #expect(Command.loadInspections.orderKey == nil)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }
}
