import Foundation
import InspektCore
import TerminalUITestSupport

@testable import TerminalUI

/// Deterministic states for the screen snapshots.
enum ScreenFixtures {
    static let now = SampleStates.referenceNow
    static let utc = TimeZone(identifier: "UTC") ?? .current
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 120, height: 40)
    /// The smallest size every screen is drawn at (`minimumScreenSize`).
    static let minimum = minimumScreenSize

    static func base(_ size: Size = small, options: RenderOptions = RenderOptions()) -> AppState {
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", options: options,
            lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"), size: size, timeZone: utc, idSeed: 42)
        _ = update(&state, .inspectionsLoaded([]))
        return state
    }

    static func inspection(
        _ n: Int, _ state: InspectionState, minutesAgo: Double, photos: Int = 8,
        vehicle: String = "B-KX 4821"
    ) -> Inspection {
        Inspection(
            id: "insp-\(n)",
            facts: CaseFacts(
                caseID: "CASE-\(20400 + n)", vehicle: vehicle, vehicleType: .car,
                agentID: "A-17", agentName: "Mira Kaya"),
            state: state, photos: SampleStates.walkAround(count: photos, prefix: "/srv/inbox/case\(n)"),
            session: state.wasAccepted ? "sess-\(n)" : nil,
            createdAt: now.addingTimeInterval(-minutesAgo * 60), updatedAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    /// One inspection in each state the board tells apart.
    static func boardAllStates(_ size: Size = small, options: RenderOptions = RenderOptions()) -> AppState {
        var state = base(size, options: options)
        var uploading = inspection(3, .uploading, minutesAgo: 4, vehicle: "WVWZZZ1JZXW000001")
        uploading.uploadFraction = 0.42
        var available = inspection(5, .available, minutesAgo: 95, vehicle: "M-AB 123")
        available.result = ResultSummary(
            verdict: .available, caseID: "CASE-20405", inspectionID: "sess-5",
            damagedParts: [
                DamagedPart(part: "front bumper", damageType: "scratch", severity: 0.3, confidence: 0.91),
                DamagedPart(part: "left door", damageType: "dent", severity: 0.7, confidence: 0.84),
                DamagedPart(part: "rear fender", damageType: "scratch", severity: 0.2, confidence: 0.77),
            ])
        var rejected = inspection(6, .rejected, minutesAgo: 60 * 26, vehicle: "HH-ZZ 9")
        rejected.result = ResultSummary(
            verdict: .rejected, caseID: "CASE-20406", inspectionID: "sess-6",
            message: "Every photo is smaller than 320x240.")
        var failedWaiting = inspection(7, .failedRetryable, minutesAgo: 60 * 24 * 3, vehicle: "S-Q 7710")
        failedWaiting.failureReason = "the server did not answer"
        let retrying = inspection(8, .uploading, minutesAgo: 2, vehicle: "K-LM 55")
        let list = [
            inspection(1, .draft, minutesAgo: 0.5, photos: 3),
            inspection(2, .ready, minutesAgo: 1, vehicle: "F-GH 301"),
            uploading,
            inspection(4, .processing, minutesAgo: 12, vehicle: "D-EF 77"),
            available, rejected, failedWaiting, retrying,
        ]
        _ = update(&state, .inspectionsLoaded(list))
        _ = update(
            &state, .service(.retryScheduled(inspectionID: "insp-8", attempt: 2, delay: 8, reason: "connection reset")))
        return state
    }

    static func caseEntry(_ size: Size = small) -> AppState {
        var state = base(size)
        _ = update(&state, .key(.character("n")))
        for c in "CASE 12" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.tab))
        for c in "B-KX 4821" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.right))
        _ = update(&state, .key(.right))
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
        for c in "claims@example" { _ = update(&state, .key(.character(c))) }
        return state
    }

    static let sampleThumbnail: Thumbnail = {
        var rgb: [UInt8] = []
        for y in 0..<12 {
            for x in 0..<16 {
                let sky = y < 5
                rgb += sky ? [90, 140, UInt8(200 + x)] : (y < 9 && x > 3 && x < 13 ? [180, 30, 40] : [60, 60, 60])
            }
        }
        return Thumbnail(width: 16, height: 12, rgb: rgb)
    }()

    /// The photos screen with a small inbox, three slots assigned and the preview loaded.
    static func photos(
        _ size: Size = small, names: [String]? = nil, options: RenderOptions = RenderOptions()
    ) -> AppState {
        var state = base(size, options: options)
        _ = update(&state, .key(.character("n")))
        for c in "CASE-20417" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.tab))
        for c in "B-KX 4821" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.function(2)))
        let fileNames =
            names ?? (1...14).map { String(format: "IMG_%04d.jpg", 4100 + $0) } + ["notes.txt", "empty.jpg"]
        var items: [InboxItem] = [
            InboxItem(
                name: "yesterday", path: "/srv/inbox/yesterday", isDirectory: true,
                modified: now.addingTimeInterval(-86_400))
        ]
        for (i, name) in fileNames.enumerated() {
            let time = now.addingTimeInterval(-Double(fileNames.count - i) * 40)
            let problem: String? = name.hasSuffix(".txt") ? "not an image" : (name == "empty.jpg" ? "empty" : nil)
            items.append(
                InboxItem(
                    name: name, path: "/srv/inbox/" + name,
                    size: problem == "empty" ? 0 : 2_310_000 + Int64(i) * 10_000,
                    modified: time, captureTime: problem == nil ? time : nil, problem: problem))
        }
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", items))))
        // Highlight the oldest photo (the list's end), assign three slots: each moves on in capture order.
        _ = update(&state, .key(.end))
        for digit in ["1", "2", "3"] { _ = update(&state, .key(.character(Character(digit)))) }
        if let item = state.photos.highlighted {
            _ = update(
                &state,
                .screen(
                    .photos(
                        .photoFactsLoaded(
                            path: item.path,
                            PhotoFacts(
                                mediaType: .jpeg, size: item.size, pixelWidth: 4032, pixelHeight: 3024,
                                captureTime: item.captureTime,
                                thumbnail: sampleThumbnail, blurScore: 182.4, exposure: 121)))))
        }
        state.notice = nil
        return state
    }

    static func review(_ size: Size = small, askReason: Bool = false) -> AppState {
        var state = photos(size)
        _ = update(&state, .key(.function(2)))
        if askReason {
            // The checks answer first: an Enter before them would only wait, and the typed reason go elsewhere.
            _ = update(
                &state,
                .screen(.review(.qualityChecked(id: state.draft?.id ?? "", photos: state.draft?.photos ?? [], []))))
            _ = update(&state, .key(.enter))
            for c in "rear blocked by a wall" { _ = update(&state, .key(.character(c))) }
        }
        return state
    }

    static func upload(_ size: Size = small) -> AppState {
        var state = base(size)
        let inspection = inspection(9, .uploading, minutesAgo: 1)
        _ = update(&state, .inspectionsLoaded([inspection]))
        state.route = .upload(id: inspection.id)
        _ = update(
            &state,
            .service(
                .sessionReady(inspectionID: inspection.id, session: "sess-9f3a", expiresAt: now.addingTimeInterval(840))
            ))
        let totals = inspection.photos.map(\.size)
        func progress(_ sentTotal: Int64, current: Int?) -> UploadProgress {
            var left = sentTotal
            var files: [UploadProgress.File] = []
            for (photo, total) in zip(inspection.photos, totals) {
                let sent = min(total, max(0, left))
                left -= sent
                files.append(.init(name: photo.uploadName, sent: sent, total: total))
            }
            return UploadProgress(files: files, current: current)
        }
        _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress(0, current: 0))))
        _ = update(&state, .tick(now.addingTimeInterval(4)))
        _ = update(&state, .service(.uploadProgress(inspectionID: inspection.id, progress(7_000_000, current: 3))))
        return state
    }

    static func detailAvailable(_ size: Size = small) -> AppState {
        var state = boardAllStates(size)
        let target = state.inspections.firstIndex { $0.id == "insp-5" } ?? 0
        state.board.list.selected = target
        _ = update(&state, .key(.enter))
        let result = state.inspection(id: "insp-5")?.result
        var withReadings = result
        withReadings?.readings = [
            "odometerReading": "48213", "vinReading": "WVWZZZ1JZXW000005", "licensePlateReading": "B-KX 4821",
            "make": "Volkswagen", "model": "Golf", "color": "silver", "trimLevel": "Comfortline",
        ]
        _ = update(
            &state,
            .screen(
                .detail(
                    .detailLoaded(
                        id: "insp-5",
                        events: [
                            InspectionEvent(at: now.addingTimeInterval(-95 * 60), kind: "created", detail: "draft"),
                            InspectionEvent(
                                at: now.addingTimeInterval(-94 * 60), kind: "authenticated", detail: "session sess-5"),
                            InspectionEvent(
                                at: now.addingTimeInterval(-93 * 60), kind: "upload attempt 1",
                                detail: "connection lost after 12.1 MB"),
                            InspectionEvent(
                                at: now.addingTimeInterval(-92 * 60), kind: "upload attempt 2", detail: "accepted"),
                            InspectionEvent(
                                at: now.addingTimeInterval(-90 * 60), kind: "result received",
                                detail: "Available, 3 damaged parts"),
                        ], result: withReadings))))
        state.modifyInspection(id: "insp-5") { $0.result = withReadings }
        return state
    }

    static func detailRejected(_ size: Size = small) -> AppState {
        var state = boardAllStates(size)
        let target = state.inspections.firstIndex { $0.id == "insp-6" } ?? 0
        state.board.list.selected = target
        _ = update(&state, .key(.enter))
        _ = update(
            &state,
            .screen(
                .detail(
                    .detailLoaded(
                        id: "insp-6",
                        events: [
                            InspectionEvent(
                                at: now.addingTimeInterval(-26 * 3600), kind: "upload attempt 1", detail: "accepted"),
                            InspectionEvent(
                                at: now.addingTimeInterval(-26 * 3600 + 60), kind: "result received", detail: "Rejected"
                            ),
                        ], result: state.inspection(id: "insp-6")?.result))))
        return state
    }
}
