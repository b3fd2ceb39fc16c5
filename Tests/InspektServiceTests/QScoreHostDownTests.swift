import Foundation
import InspektCore
import InspektLanguage
import InspektService
import InspektSimulator
import InspektTestSupport
import Logging
import PhotoKit
import Testing

/// Q Score down for the board, which asks photo by photo: after the first failure the photos that follow are
/// "not checked" at once (no request, no wait) for a minute, then the host is asked again. And a malformed
/// `INSPEKT_QSCORE_URL`: every photo "not checked", the reason in words, nothing asked and nothing refused.
@Suite struct QScoreHostDownTests {
    /// What the operator is told, in the catalog's English.
    let english = Languages.english

    /// The photos not checked, in the catalog's English; empty when every photo was checked.
    func notChecked(_ report: QScoreReport) -> String { english.qScoreNotChecked(report) ?? "" }

    func service(_ fixture: ServiceFixture, url: String, clock: ManualClock) -> InspektService {
        var configuration = fixture.service.configuration
        configuration.qScoreURL = url
        return InspektService(
            configuration: configuration, store: fixture.store, client: fixture.client, logger: fixture.quietLogger,
            dependencies: ServiceDependencies(now: { clock.now() }))
    }

    func photo(_ fixture: ServiceFixture, _ index: Int) throws -> PhotoSelection {
        let path = fixture.directory + "/board-\(index).jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480, seed: 60 + index)
        return PhotoSelection(slot: CoverageSlot.walkAround[index], path: path)
    }

    @Test func aHostThatFailedIsLeftAloneForAMinuteThenAskedAgain() async throws {
        let fixture = try await ServiceFixture.start()
        let port = FreeLoopbackPort.find()
        let clock = ManualClock()
        let service = service(fixture, url: "http://127.0.0.1:\(port)", clock: clock)
        var logger = Logger(label: "inspekt.simulator.qscore.test")
        logger.logLevel = .warning
        // The host is slow at first; then a healthy one takes its place on the same address.
        let slow = QScoreSimulator(
            configuration: QScoreConfiguration(port: port, fault: .slow, slowSeconds: 8), logger: logger)
        let healthy = QScoreSimulator(configuration: QScoreConfiguration(port: port), logger: logger)
        _ = try await slow.start()
        try await stopAfter(fixture) {
            let first = try #require(await service.askQScore(about: [try photo(fixture, 0)], caseID: "CASE-QB"))
            #expect(notChecked(first).contains("did not answer within 5 s"), "\(notChecked(first))")
            await slow.stop()
            _ = try await healthy.start()

            // The board's next photos within the minute are not asked about: "not checked" at once, for that reason.
            for index in 1...2 {
                let started = ContinuousClock.now
                let next = try #require(
                    await service.askQScore(about: [try photo(fixture, index)], caseID: "CASE-QB"))
                #expect(notChecked(next).contains("did not answer within 5 s"), "\(notChecked(next))")
                #expect(ContinuousClock.now - started < .seconds(1))
                clock.advance(by: 29)
            }
            #expect(await healthy.requests().isEmpty)
            #expect(await healthy.sessionsIssued() == 0)

            // A minute on, the next photo is asked about again.
            clock.advance(by: 3)
            let again = try #require(await service.askQScore(about: [try photo(fixture, 3)], caseID: "CASE-QB"))
            #expect(english.qScoreNotChecked(again) == nil, "\(notChecked(again))")
            #expect(again.records.count == 1)
            #expect(await healthy.requests().count == 1)
        }
        await healthy.stop()
    }

    /// A slow host (over 5 s) or none at that address: the first photo waits 5 s, the four after it not at all.
    @Test(arguments: [true, false])
    func aSlowOrAbsentHostCostsOneWaitAcrossPhotosAskedOneByOne(slow: Bool) async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: .slow, slowSeconds: 8))
        try await stopAfter(fixture, qScore) {
            let url = slow ? qScore.baseURL : "http://127.0.0.1:\(FreeLoopbackPort.find())"
            let reason = slow ? "did not answer within 5 s" : "cannot be reached"
            let service = service(fixture, url: url, clock: ManualClock())
            _ = await service.askQScore(about: [try photo(fixture, 0)], caseID: "CASE-QS")
            let started = ContinuousClock.now
            for index in 1...4 {
                let report = try #require(
                    await service.askQScore(about: [try photo(fixture, index)], caseID: "CASE-QS"))
                #expect(notChecked(report).contains(reason), "\(notChecked(report))")
            }
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(await qScore.requests().count <= 1)
        }
    }

    /// A host that refuses the account (401) answers at once, but asking it about each photo is no use either: each
    /// ask would authenticate anew (a kept session it refuses is replaced once).
    @Test func aRefusingHostIsNotAskedAgainWithinTheMinute() async throws {
        let fixture = try await ServiceFixture.start()
        let qScore = try await QScoreHarness.start(QScoreConfiguration(fault: .unauthorized))
        try await stopAfter(fixture, qScore) {
            let service = service(fixture, url: qScore.baseURL, clock: ManualClock())
            let first = try #require(await service.askQScore(about: [try photo(fixture, 0)], caseID: "CASE-QR"))
            #expect(notChecked(first).contains("refused this account"), "\(notChecked(first))")
            #expect(await qScore.simulator.sessionsIssued() == 1)
            for index in 1...3 {
                let report = try #require(
                    await service.askQScore(about: [try photo(fixture, index)], caseID: "CASE-QR"))
                #expect(notChecked(report).contains("refused this account"), "\(notChecked(report))")
            }
            #expect(await qScore.simulator.sessionsIssued() == 1)
        }
    }

    @Test(arguments: ["http//nope", "ftp://x", "https://", "127.0.0.1:8080"])
    func aMalformedAddressLeavesPhotosNotCheckedInWords(_ url: String) async throws {
        // Kept from the environment, not refused: Q Score says why when it is asked.
        let read = try ServiceConfiguration.fromEnvironment([
            "INSPEKT_API_KEY": "k", "HOME": "/home/op", "INSPEKT_QSCORE_URL": url,
        ])
        #expect(read.qScoreURL == url)
        let fixture = try await ServiceFixture.start()
        try await stopAfter(fixture) {
            let service = service(fixture, url: url, clock: ManualClock())
            #expect(service.qScoreIsOn)
            let photos = [try photo(fixture, 0), try photo(fixture, 1)]
            let report = try #require(await service.askQScore(about: photos, caseID: "CASE-QU"))
            #expect(english.qScoreRefusals(report).isEmpty)
            #expect(report.records.isEmpty)
            #expect(
                english.qScoreNotChecked(report)
                    == "Q Score: the photos were not checked (INSPEKT_QSCORE_URL \"\(url)\" is not a web address: "
                    + "it must start with http:// or https:// and name a host); they go all the same.")
        }
    }
}
