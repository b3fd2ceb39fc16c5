import Foundation
import InspektCore
import TerminalUI

/// Ready-made states for screen and flow tests: deterministic for a given `now`.
public enum SampleStates {
    /// A fixed clock: 2025-03-14 09:30:00 UTC.
    public static let referenceNow = Date(timeIntervalSince1970: 1_741_944_600)

    /// A board holding `count` inspections in every state, newest first, each a minute older than the last.
    public static func board(
        inspections count: Int, now: Date = referenceNow, options: RenderOptions = RenderOptions(),
        size: Size = Size(width: 80, height: 24)
    ) -> AppState {
        var state = AppState(now: now, inboxRoot: "/srv/inbox", options: options, size: size, timeZone: utc, idSeed: 7)
        var list: [Inspection] = []
        list.reserveCapacity(count)
        let plates = ["B-KX 4821", "WVWZZZ1JZXW000001", "M-AB 123", "HH-ZZ 9", "S-Q 7710", "K-LM 55"]
        // The sample board predates "may have been accepted"; its snapshots keep their rows.
        let states = InspectionState.allCases.filter { $0 != .mayHaveBeenAccepted }
        for i in 0..<count {
            let created = now.addingTimeInterval(-Double(i) * 60 - 30)
            let state = states[i % states.count]
            var inspection = Inspection(
                id: String(format: "00000000-0000-4000-8000-%012d", i),
                facts: CaseFacts(caseID: "CASE-\(100_000 + i)", vehicle: plates[i % plates.count], vehicleType: .car),
                state: state, photos: walkAround(count: state == .draft ? 5 : 8, prefix: "/srv/inbox/c\(i)"),
                createdAt: created, updatedAt: created)
            switch state {
            case .uploading: inspection.uploadFraction = Double(i % 100) / 100
            case .available:
                inspection.result = ResultSummary(
                    verdict: .available, caseID: inspection.facts.caseID, inspectionID: "sess-\(i)",
                    damagedParts: (0..<(i % 4)).map {
                        DamagedPart(part: ["bumper", "door", "fender"][$0 % 3] + "\($0)", damageType: "scratch")
                    })
            case .rejected:
                inspection.result = ResultSummary(
                    verdict: .rejected, caseID: inspection.facts.caseID, inspectionID: "sess-\(i)",
                    message: "every photo is smaller than 320x240")
            case .failedRetryable: inspection.failureReason = "the connection was lost"
            default: break
            }
            list.append(inspection)
        }
        state.setInspections(list)
        state.loaded = true
        return state
    }

    /// The photos screen of one draft, with an inbox of `count` files (every 50th unusable).
    public static func photos(
        files count: Int, now: Date = referenceNow, options: RenderOptions = RenderOptions(),
        size: Size = Size(width: 80, height: 24)
    ) -> AppState {
        var state = AppState(now: now, inboxRoot: "/srv/inbox", options: options, size: size, timeZone: utc, idSeed: 7)
        let draft = Inspection(
            id: "00000000-0000-4000-8000-000000000001",
            facts: CaseFacts(
                caseID: "CASE-20417", vehicle: "B-KX 4821", vehicleType: .carSUV, agentID: "A-17",
                agentName: "Mira Kaya"),
            photos: [], createdAt: now.addingTimeInterval(-300), updatedAt: now.addingTimeInterval(-300))
        state.setInspections([draft])
        state.loaded = true
        state.draft = draft
        state.caseEntry = CaseEntryState(facts: draft.facts)
        state.route = .photos
        var items: [InboxItem] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            let time = now.addingTimeInterval(-Double(count - i) * 7)
            let unusable = i % 50 == 49
            let name = String(format: "IMG_%04d.%@", i, unusable ? "txt" : "jpg")
            items.append(
                InboxItem(
                    name: name, path: "/srv/inbox/" + name, size: 2_400_000 + Int64(i * 1_337 % 900_000),
                    modified: time,
                    captureTime: unusable ? nil : time, problem: unusable ? "not an image" : nil))
        }
        state.photos.scanning = true
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", items))))
        return state
    }

    /// `count` walk-around photos with made-up paths.
    public static func walkAround(count: Int, prefix: String) -> [PhotoSelection] {
        CoverageSlot.walkAround.prefix(count).enumerated().map { i, slot in
            PhotoSelection(slot: slot, path: "\(prefix)/IMG_\(1000 + i).jpg", size: 2_000_000 + Int64(i) * 100_000)
        }
    }

    static let utc = TimeZone(identifier: "UTC") ?? .current
}
