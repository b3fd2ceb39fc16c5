import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

/// Sent photos move to `sent/<case id>/` in the inbox, when asked, and nothing is ever lost.
@Suite struct SentPhotoMoverTests {
    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func movesInboxFilesNeverOverwritingAndLeavesTheRest() throws {
        let root = try PhotoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let inbox = root + "/inbox"
        try write(inbox + "/IMG_1.jpg", "one")
        try write(inbox + "/IMG_2.jpg", "two")
        try write(inbox + "/phone/IMG_3.jpg", "three")
        try write(root + "/elsewhere/IMG_4.jpg", "four")
        // Names already taken in the target folder (an earlier inspection of the same case).
        try write(inbox + "/sent/CASE-7/IMG_1.jpg", "older one")
        try write(inbox + "/sent/CASE-7/IMG_1 (2).jpg", "older one again")
        try write(inbox + "/sent/CASE-7/IMG_5.jpg", "already sent")

        let mover = SentPhotoMover(inbox: inbox + "/")
        let (moves, failures) = mover.move(
            paths: [
                inbox + "/IMG_1.jpg", inbox + "/IMG_2.jpg", inbox + "/phone/IMG_3.jpg", root + "/elsewhere/IMG_4.jpg",
                inbox + "/sent/CASE-7/IMG_5.jpg", inbox + "/IMG_GONE.jpg",
            ],
            caseID: "CASE-7")

        let sent = inbox + "/sent/CASE-7"
        #expect(
            moves == [
                .init(from: inbox + "/IMG_1.jpg", to: sent + "/IMG_1 (3).jpg"),
                .init(from: inbox + "/IMG_2.jpg", to: sent + "/IMG_2.jpg"),
                .init(from: inbox + "/phone/IMG_3.jpg", to: sent + "/IMG_3.jpg"),
            ])
        #expect(Array(failures.keys) == [inbox + "/IMG_GONE.jpg"])
        // Every byte is somewhere; nothing was replaced.
        #expect(read(sent + "/IMG_1.jpg") == "older one")
        #expect(read(sent + "/IMG_1 (2).jpg") == "older one again")
        #expect(read(sent + "/IMG_1 (3).jpg") == "one")
        #expect(read(sent + "/IMG_2.jpg") == "two")
        #expect(read(sent + "/IMG_3.jpg") == "three")
        #expect(read(sent + "/IMG_5.jpg") == "already sent")
        #expect(read(root + "/elsewhere/IMG_4.jpg") == "four")
        #expect(!FileManager.default.fileExists(atPath: inbox + "/IMG_1.jpg"))
        #expect(!FileManager.default.fileExists(atPath: inbox + "/IMG_2.jpg"))
        // No claim of a name is left behind by the file that could not move.
        #expect(!FileManager.default.fileExists(atPath: sent + "/IMG_GONE.jpg"))
    }

    @Test func aCaseIDThatIsNotOneFolderNameMovesNothing() throws {
        let root = try PhotoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root + "/inbox/IMG_1.jpg", "one")
        let mover = SentPhotoMover(inbox: root + "/inbox")
        for caseID in ["", "..", "../x", "a/b"] {
            #expect(mover.move(paths: [root + "/inbox/IMG_1.jpg"], caseID: caseID).moves.isEmpty)
        }
        #expect(read(root + "/inbox/IMG_1.jpg") == "one")
    }

    @Test func onlyINSPEKT_MOVE_SENTTurnsItOn() {
        #expect(!SentPhotoMover.isEnabled([:]))
        #expect(!SentPhotoMover.isEnabled(["INSPEKT_MOVE_SENT": "0"]))
        #expect(SentPhotoMover.isEnabled(["INSPEKT_MOVE_SENT": "1"]))
    }

    /// An accepted inspection's photos move when the setting is on (their new paths stored), and stay when off.
    @Test(arguments: [true, false]) func acceptedPhotosMoveOnlyWhenAsked(_ on: Bool) async throws {
        let fixture = try await ServiceFixture.start()
        do {
            try await acceptAndLook(fixture, on: on)
            await fixture.stop()
        } catch {
            await fixture.stop()
            throw error
        }
    }

    func acceptAndLook(_ fixture: ServiceFixture, on: Bool) async throws {
        let inbox = fixture.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let photos = try (0..<2).map { index in
            let path = inbox + "/IMG_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, width: 320, height: 240, seed: index)
            return PhotoSelection(slot: CoverageSlot.walkAround[index], path: path)
        }
        let environment = on ? ["INSPEKT_MOVE_SENT": "1"] : [:]
        let moving = fixture.service.movingSentPhotos(inbox: inbox, environment: environment)
        defer { moving?.cancel() }
        #expect((moving != nil) == on)
        let inspection = try fixture.draft("CASE-MOVE", photos: photos)
        _ = try await fixture.service.submit(id: inspection.id, missingReason: "two photos are enough here")

        let sent = inbox + "/sent/CASE-MOVE"
        let moved = photos.map { sent + "/" + ($0.path as NSString).lastPathComponent }
        if on {
            try await eventually { try fixture.store.inspection(id: inspection.id)?.photos.map(\.path) == moved }
            let stored = try fixture.store.inspection(id: inspection.id)
            #expect(stored?.photos.map(\.path) == moved)
            #expect(moved.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(photos.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
            let events = try fixture.store.events(inspectionID: inspection.id)
            #expect(events.contains { $0.kind == "photos moved" })
        } else {
            let stored = try fixture.store.inspection(id: inspection.id)
            #expect(stored?.state.wasAccepted == true)
            #expect(photos.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
            #expect(!FileManager.default.fileExists(atPath: sent))
        }
    }
}
