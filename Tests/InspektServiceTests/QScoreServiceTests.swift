import Foundation
import InspektAPI
import InspektCore
import InspektLanguage
import InspektService
import InspektSimulator
import InspektStore
import InspektTestSupport
import PhotoKit
import Testing

/// Q Score (API.md §6) through the service, against the real Q Score simulator on loopback and a real store (SQLite,
/// or PostgreSQL on the second pass of scripts/test): what it refuses by name, what it keeps, and what a host that is
/// down, slow or refusing the account does (nothing but "not checked").
@Suite struct QScoreServiceTests {
    /// What the operator is told, in the catalog's English.
    let english = Languages.english

    /// The photos not checked, in the catalog's English; empty when every photo was checked.
    func notChecked(_ report: QScoreReport) -> String { english.qScoreNotChecked(report) ?? "" }

    /// The fixture's service again, with `INSPEKT_QSCORE_URL` pointing at `qScore`.
    func service(_ fixture: ServiceFixture, qScore: QScoreHarness) -> InspektService {
        var configuration = fixture.service.configuration
        configuration.qScoreURL = qScore.baseURL
        return InspektService(
            configuration: configuration, store: fixture.store, client: fixture.client, logger: fixture.quietLogger)
    }

    /// A sharp JPEG on `slot`, with the Q Score marker `comment` (none: a clean photo).
    func photo(
        _ fixture: ServiceFixture, _ name: String, _ slot: CoverageSlot, seed: Int, comment: String = ""
    ) throws -> PhotoSelection {
        let path = fixture.directory + "/" + name
        if comment.isEmpty {
            try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: seed)
        } else {
            try PhotoFixtures.writeJPEG(to: path, seed: seed, comment: comment)
        }
        return PhotoSelection(slot: slot, path: path)
    }

    @Test func aBlurredAndAWrongSidePhotoAreNamedCleanOnesKeptWithTheirScores() async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start()
        try await stopAfter(fixture, qScore) {
            let service = service(fixture, qScore: qScore)
            let photos = [
                try photo(fixture, "front.jpg", .front, seed: 1),
                try photo(fixture, "soft.jpg", .rear, seed: 2, comment: "qscore Q_score=2 blur=1"),
                try photo(fixture, "behind.jpg", .left, seed: 3, comment: "qscore orientation=Rear"),
                try photo(fixture, "corner.jpg", .frontLeft, seed: 4, comment: "qscore orientation=Left"),
                try photo(fixture, "unclear.jpg", .right, seed: 5, comment: "qscore orientation=Unclear"),
            ]
            let report = try #require(await service.askQScore(about: photos, caseID: "CASE-Q1"))
            #expect(
                english.qScoreRefusals(report) == [
                    "soft.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)",
                    "behind.jpg (Left side): shows the Rear, not the Left side",
                ])
            #expect(english.qScoreNotChecked(report) == nil)
            // Every photo went with its slot's photo_tag, one request each.
            #expect(
                await qScore.requests().map(\.photoTag).sorted()
                    == ["front_left", "front_side", "left_side", "rear_side", "right_side"])

            let draft = try fixture.draft("CASE-Q1", photos: photos)
            try service.keepQScores(report, inspectionID: draft.id)
            let kept = try service.photoQuality(inspectionID: draft.id)
            #expect(kept.map(\.slot) == [.front, .rear, .left, .frontLeft, .right])
            let front = try #require(kept.first)
            #expect(front.quality.qScore == 4 && front.quality.blur == 4 && front.quality.luma == 4)
            #expect(front.quality.orientation == "Front")
            #expect(front.quality.resolution == "640 x 480")
            #expect(front.quality.angle == "0")
            #expect(front.sha256 == (try PhotoInspector.sha256(path: photos[0].path)))
            #expect(kept[1].quality.qScore == 2 && kept[1].quality.blur == 1)
            #expect(kept[2].quality.orientation == "Rear")
        }
    }

    @Test func answersAreCachedBySHA256AndTheRefreshTokenIsTriedOn401() async throws {
        let fixture = try await ServiceFixture.start()
        // This host takes only the refresh_token: the client's access_token meets 401 first.
        let qScore = try await QScoreHarness.start(QScoreConfiguration(bearer: .refresh))
        try await stopAfter(fixture, qScore) {
            let service = service(fixture, qScore: qScore)
            let photos = try (0..<4).map {
                try photo(fixture, "p\($0).jpg", CoverageSlot.walkAround[$0], seed: 10 + $0)
            }
            let first = try #require(await service.askQScore(about: photos, caseID: "CASE-Q2"))
            #expect(english.qScoreNotChecked(first) == nil, "\(notChecked(first))")
            #expect(first.records.count == 4)
            #expect(await qScore.requests().count == 4)
            // The same bytes under another name, and the same photos again: nothing is asked twice.
            let copy = fixture.directory + "/copy.jpg"
            try FileManager.default.copyItem(atPath: photos[0].path, toPath: copy)
            let second = try #require(
                await service.askQScore(
                    about: photos + [PhotoSelection(slot: .interior, path: copy)], caseID: "CASE-Q2"))
            #expect(second.records.count == 5)
            #expect(await qScore.requests().count == 4)
        }
    }

    @Test func photosAskedAboutOneByOneShareOneSession() async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start()
        try await stopAfter(fixture, qScore) {
            let service = service(fixture, qScore: qScore)
            // As the board asks: one photo per call, as each is put on a slot.
            for index in 0..<3 {
                let one = try photo(fixture, "one\(index).jpg", CoverageSlot.walkAround[index], seed: 40 + index)
                let report = try #require(await service.askQScore(about: [one], caseID: "CASE-Q1"))
                #expect(report.records.count == 1, "\(notChecked(report))")
            }
            #expect(await qScore.requests().count == 3)
            #expect(await qScore.simulator.sessionsIssued() == 1)
        }
    }

    /// Down, slow (over 5 s), failing (500) or refusing the account (401, 403): every photo "not checked", said
    /// once with the reason, nothing refused.
    @Test(arguments: [QScoreFault.slow, .serverError, .unauthorized, .forbidden])
    func aFaultyHostLeavesPhotosNotCheckedAndRefusesNothing(_ fault: QScoreFault) async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: fault, slowSeconds: 8))
        try await stopAfter(fixture, qScore) {
            let service = service(fixture, qScore: qScore)
            let photos = [
                try photo(fixture, "soft.jpg", .rear, seed: 20, comment: "qscore Q_score=1 blur=1"),
                try photo(fixture, "a.jpg", .front, seed: 21), try photo(fixture, "b.jpg", .left, seed: 22),
                try photo(fixture, "c.jpg", .right, seed: 23), try photo(fixture, "d.jpg", .rearLeft, seed: 24),
            ]
            let started = ContinuousClock.now
            let report = try #require(await service.askQScore(about: photos, caseID: "CASE-QF"))
            let elapsed = ContinuousClock.now - started
            #expect(english.qScoreRefusals(report).isEmpty)
            #expect(report.records.isEmpty)
            let note = try #require(english.qScoreNotChecked(report))
            #expect(note.hasPrefix("Q Score: the photos were not checked ("), "\(note)")
            let reason: String =
                switch fault {
                case .slow: "did not answer within 5 s"
                case .serverError: "Q Score failed (500"
                default: "Q Score refused this account ("
                }
            #expect(note.contains(reason), "\(note)")
            // A slow host costs one wait, not one per photo.
            #expect(elapsed < .seconds(8), "\(elapsed)")
        }
    }

    @Test func aHostThatIsNotThereLeavesPhotosNotChecked() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            var configuration = fixture.service.configuration
            configuration.qScoreURL = "http://127.0.0.1:\(FreeLoopbackPort.find())"
            let service = InspektService(
                configuration: configuration, store: fixture.store, client: fixture.client, logger: fixture.quietLogger)
            let report = try #require(
                await service.askQScore(
                    about: [try photo(fixture, "a.jpg", .front, seed: 30)], caseID: "CASE-QD"))
            #expect(notChecked(report).contains("cannot be reached"), "\(notChecked(report))")
            #expect(english.qScoreRefusals(report).isEmpty)
        }
    }

    @Test func qScoreIsOffWithoutItsURL() async throws {
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            #expect(!fixture.service.qScoreIsOn)
            let photos = try fixture.photos(1)
            #expect(await fixture.service.askQScore(about: photos, caseID: "CASE-QO") == nil)
        }
    }
}
