import Foundation
import InspektCore
import InspektStorage
import InspektTestSupport
import Testing

/// Event kinds and attempt outcomes are enums stored as the words earlier versions wrote, so a database
/// from before reads the same, and a word this version does not know comes back as it was.
@Suite struct StoredNamesTests {
    func store(_ engine: StoreEngine) throws -> (any InspectionStore, Inspection) {
        let store = try engine.makeStore()
        let inspection = Inspection(facts: CaseFacts(caseID: "CASE-NAMES"))
        try store.insert(inspection)
        return (store, inspection)
    }

    @Test(arguments: StoreEngine.allCases) func everyEventKindIsStoredAsItsEarlierWord(engine: StoreEngine) throws {
        let (store, inspection) = try store(engine)
        let words = [
            "created", "ready", "hashed", "session", "tokens", "upload", "compare", "retry", "accepted", "failed",
            "may-have-been-accepted", "result", "reopened", "link followed", "new-inspection", "archived",
            "restored from the archive",
        ]
        for kind in InspectionEventKind.known {
            try store.appendEvent(inspectionID: inspection.id, kind: kind, detail: "")
        }
        try store.appendEvent(inspectionID: inspection.id, kind: "written by a later version", detail: "")
        let events = try store.events(inspectionID: inspection.id)
        #expect(events.map(\.kind) == words + ["written by a later version"])
        #expect(
            events.map { InspectionEventKind(rawValue: $0.kind) } == InspectionEventKind.known + [
                .other("written by a later version")
            ])
    }

    @Test(arguments: StoreEngine.allCases) func everyAttemptOutcomeReadsBackAsTheSameCase(engine: StoreEngine) throws {
        let (store, inspection) = try store(engine)
        let outcomes: [AttemptOutcome] = AttemptOutcome.known + ["connection-lost"]
        for outcome in outcomes {
            let id = try store.recordAttempt(inspectionID: inspection.id, session: nil)
            try store.finishAttempt(id: id, outcome: outcome, detail: nil)
        }
        let attempts = try store.attempts(inspectionID: inspection.id)
        #expect(attempts.map(\.outcome) == outcomes)
        #expect(
            attempts.compactMap(\.outcome?.rawValue) == [
                "accepted", "failed", "interrupted", "token-invalid", "refused", "connection-lost",
            ])
    }
}
