import Foundation
import InspektCore
import InspektLanguage
import InspektService
import InspektStorage
import InspektTestSupport
import InspektWords
import Synchronization
import Testing

/// Done-when 2 (last part): bad files are refused before any request is sent.
@Suite struct PhotoValidationTests {
    /// Submits one bad file next to a good one and checks that nothing left the kiosk.
    private func expectRefusedBeforeAnyRequest(
        _ fixture: ServiceFixture, caseID: String, badPath: String, mentioning words: String
    ) async throws {
        let good = try fixture.photos(1, prefix: caseID)
        let inspection = try fixture.draft(caseID, photos: good + [PhotoSelection(slot: .rear, path: badPath)])
        do {
            try await fixture.service.submit(id: inspection.id)
            Issue.record("a bad file was accepted for upload")
        } catch let ServiceError.invalid(problems) {
            #expect(
                problems.contains { $0.contains((badPath as NSString).lastPathComponent) && $0.contains(words) },
                "\(problems)")
        }
        #expect(try fixture.store.sessions(inspectionID: inspection.id).isEmpty)
        #expect(try fixture.store.attempts(inspectionID: inspection.id).isEmpty)
        #expect(try fixture.store.inspection(id: inspection.id)?.state == .draft)
        #expect(await fixture.ledger(caseID: caseID).isEmpty)
    }

    @Test func textFileNamedJPGIsRefusedBeforeAnyRequest() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/notes.jpg"
            try Data("this is not a photo\n".utf8).write(to: URL(fileURLWithPath: path))
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-TEXT", badPath: path, mentioning: "not an image")
        }
    }

    @Test func emptyFileIsRefusedBeforeAnyRequest() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let path = fixture.directory + "/empty.jpg"
            FileManager.default.createFile(atPath: path, contents: Data())
            try await expectRefusedBeforeAnyRequest(fixture, caseID: "CASE-EMPTY", badPath: path, mentioning: "empty")
        }
    }

    /// A FIFO (which would also hang a naive reader), a directory and a dangling symlink, for any user.
    @Test func unreadableFilesAreRefusedBeforeAnyRequest() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let fifo = fixture.directory + "/pipe.jpg"
            #expect(mkfifo(fifo, 0o600) == 0)
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-FIFO", badPath: fifo, mentioning: "not a regular file")

            let folder = fixture.directory + "/folder.jpg"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-DIR", badPath: folder, mentioning: "not a regular file")

            let link = fixture.directory + "/gone.jpg"
            try FileManager.default.createSymbolicLink(
                atPath: link, withDestinationPath: fixture.directory + "/nowhere.jpg")
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-LINK", badPath: link, mentioning: "no longer there")
        }
    }

    /// root reads a file of mode 000: as root, scripts/test runs this one as an unprivileged user of its own, and a
    /// run that skips it fails.
    @Test(.enabled(if: geteuid() != 0, "root reads anything: scripts/test runs this as an unprivileged user"))
    func aPhotoNobodyMayReadIsRefusedBeforeAnyRequest() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let locked = fixture.directory + "/locked.jpg"
            try PhotoFixtures.writeJPEG(to: locked, width: 32, height: 32)
            #expect(chmod(locked, 0) == 0)
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-LOCKED", badPath: locked, mentioning: "cannot be read")
        }
    }

    @Test func aJPEGCutToAThirdIsRefusedAsIncompleteBeforeAnyRequest() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let whole = fixture.directory + "/whole.jpg"
            try PhotoFixtures.writeJPEG(to: whole, width: 640, height: 480, seed: 9)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
            let cut = fixture.directory + "/cut-short.jpg"
            try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: cut))
            try await expectRefusedBeforeAnyRequest(
                fixture, caseID: "CASE-CUT", badPath: cut, mentioning: "is incomplete")
            // The review's checks say so too, and it blocks.
            let finding = try #require(QualityGate.findings(for: [PhotoSelection(slot: .rear, path: cut)]).first)
            #expect(finding.kind == .incomplete)
            #expect(finding.blocksSubmit)
            let refusal = Languages.english.refusal(finding)
            #expect(refusal.hasPrefix("Cannot send cut-short.jpg (Rear): incomplete"), "\(refusal)")
        }
    }

    @Test func slotRulesAndLimitsAreChecked() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let photos = try fixture.photos(3)
            let twoFronts = [
                PhotoSelection(slot: .front, path: photos[0].path), PhotoSelection(slot: .front, path: photos[1].path),
            ]
            #expect(PhotoValidator.problems(in: twoFronts).contains { $0.contains("Front holds more than one photo") })
            let damages = [
                PhotoSelection(slot: .damage, path: photos[0].path),
                PhotoSelection(slot: .damage, path: photos[1].path),
            ]
            #expect(PhotoValidator.problems(in: damages).isEmpty)
            let hundred = (0..<100).map { _ in PhotoSelection(slot: .damage, path: photos[2].path) }
            #expect(PhotoValidator.problems(in: hundred).contains { $0.contains("at most 99") })
            #expect(PhotoValidator.problems(in: []).contains { $0.contains("No photos") })
        }
    }

    /// The selection is hashed when it is prepared: the digests are in the store before the request goes
    /// out (so the request does not hash), and they are those of the bytes the server received.
    @Test func sha256IsStoredWithTheSelectionAndMatchesWhatTheServerReceived() async throws {
        let seen = Mutex<[[String?]]>([])
        let box = Mutex<(any InspectionStore)?>(nil)
        let fixture = try await ServiceFixture.start(
            dependencies: ServiceFixture.fastDependencies(beforeRequest: { _ in
                guard let store = box.withLock({ $0 }) else { return }
                let digests = (try? store.inspections().first?.photos.map(\.sha256)) ?? []
                seen.withLock { $0.append(digests) }
            }))
        try await stopAfter(fixture) {
            box.withLock { $0 = fixture.store }
            let inspection = try fixture.draft("CASE-HASH", photos: fixture.photos(3))
            #expect(try fixture.store.inspection(id: inspection.id)?.photos.allSatisfy { $0.sha256 == nil } == true)
            try await fixture.service.submit(id: inspection.id)
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            let entry = try #require(await fixture.ledger(caseID: "CASE-HASH").first)
            #expect(seen.withLock { $0 } == [stored.photos.map(\.sha256)], "digests stored before the request left")
            #expect(try fixture.store.events(inspectionID: inspection.id).contains { $0.kind == "hashed" })
            #expect(stored.photos.allSatisfy { $0.sha256?.count == 64 })
            #expect(stored.photos.map(\.uploadName) == entry.files.map(\.name))
            #expect(stored.photos.map(\.sha256) == entry.files.map(\.sha256))
        }
    }
}
