import Foundation
import InspektCore
import InspektStorage
import InspektStore
import InspektTestSupport
import Testing

/// A video walk-around's duration is kept with its selection, on both engines, so that status and the board show
/// it once the file is gone.
@Suite("Store: video duration")
struct VideoDurationStoreTests {
    @Test("a video's duration reads back as stored, and a photo has none", arguments: StoreEngine.allCases)
    func durationReadsBack(engine: StoreEngine) throws {
        let store = try engine.makeStore()
        var video = sampleInspection(caseID: "VID-1", photos: 0)
        video.photos = [PhotoSelection(slot: .video, path: "/inbox/walk.mp4", size: 3_000_000)]
        video.photos[0].duration = 102.5
        try store.insert(video)
        let photos = sampleInspection(caseID: "PHO-1", photos: 2)
        try store.insert(photos)

        let stored = try #require(try store.inspection(id: video.id))
        #expect(stored.photos.map(\.duration) == [102.5])
        #expect(try store.inspection(id: photos.id)?.photos.map(\.duration) == [nil, nil])
        // Read through the board's window too (another query of the same rows).
        #expect(try store.inspections().first { $0.id == video.id }?.photos.first?.duration == 102.5)

        // A save that changes the inspection keeps it; one that clears it clears it.
        var changed = stored
        changed.facts.notes = "walked twice"
        try store.save(changed)
        #expect(try store.inspection(id: video.id)?.photos.first?.duration == 102.5)
        changed.photos[0].duration = nil
        try store.save(changed)
        #expect(try store.inspection(id: video.id)?.photos.first?.duration == nil)
    }

    @Test("a database from before durations were kept is brought forward: its videos have none until made ready")
    func migratesFromBeforeDurations() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory + "/" + InspektStore.fileName
        var video = sampleInspection(caseID: "OLD-V", photos: 0)
        video.photos = [PhotoSelection(slot: .video, path: "/inbox/walk.mp4", size: 3_000_000)]
        do {
            let store = try InspektStore(path: path, kioskID: "kiosk-a")
            try store.insert(video)
        }
        try undoMigration("v6-video-duration", at: path, undo: "ALTER TABLE photos DROP COLUMN duration")
        let reopened = try InspektStore(path: path, kioskID: "kiosk-a")
        var stored = try #require(try reopened.inspection(id: video.id))
        #expect(stored.photos.map(\.duration) == [nil])
        stored.photos[0].duration = 42
        try reopened.save(stored)
        #expect(try reopened.inspection(id: video.id)?.photos.first?.duration == 42)
    }
}
