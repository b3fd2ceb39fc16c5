import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `inspekt submit` killed with SIGKILL at the end of its upload, then `inspekt resume` after the 3 s tokens
/// expired: Inspektlabs ends with exactly one inspection, under the session the kiosk has, whatever order the
/// service checks a spent session and a token in.
///
/// Two moments: the whole body is in and the simulator holds its reply (the kiosk noted "body sent"), or the
/// kiosk's note waits on a write lock another program holds on its database (the moment between the last byte
/// and the note, made long). A note written only after the last byte left would let the second one make a new
/// session and a second inspection.
@Suite(.timeLimit(.minutes(5)))
struct KilledAfterTheBodyTests {
    enum Moment: String, CaseIterable, CustomStringConvertible, Sendable {
        case replyHeld = "reply held"
        case noteHeldUp = "body-sent note held up"
        var description: String { rawValue }
    }

    @Test(arguments: Moment.allCases, SessionCheckOrder.allCases)
    func resumeAfterTheTokensExpiredEndsWithOneInspection(moment: Moment, order: SessionCheckOrder) async throws {
        // 4 photos of ~1.5 MB at 1 MB/s: about 6 s on the wire, longer than the tokens live, and more than the
        // kernel's socket buffers hold (4 MB at most), so the body's end cannot leave before the lock is taken.
        var configuration = SimulatorConfiguration(tokenTTL: 3, processingDelay: 3600, bandwidth: 1_000_000).checking(
            order)
        configuration.acceptedReplyHold = 8
        let simulator = try await SimulatorHarness.start(configuration)
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let caseID = "CASE-KILL-END"
            let photos = try ["front", "left", "rear", "right"].enumerated().flatMap { index, slot -> [String] in
                let path = "\(cli.directory)/END_\(index).jpg"
                try PhotoFixtures.writeJPEG(to: path, approximateBytes: 1_500_000, seed: index + 90)
                return ["--photo", "\(slot)=\(path)"]
            }
            let submit = try cli.spawn(
                ["submit", "--case", caseID] + photos + ["--missing-reason", "four sides only", "--force"])
            #expect(await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived > 0 }, "no bytes moved")
            let lock = moment == .noteHeldUp ? try SQLiteWriteLock(path: cli.directory + "/data/inspekt.sqlite") : nil
            let arrived = await Self.wholeBodyInOrStopped(simulator, caseID: caseID)
            if moment == .replyHeld { #expect(arrived, "the whole body never reached the simulator") }
            #expect(submit.isRunning, "submit ended before it could be killed")
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
            lock?.release()
            let before = await simulator.ledger().filter { $0.caseID == caseID }.map(\.session)

            let resume = try await cli.run(["resume"], timeout: 90)

            let after = await simulator.ledger().filter { $0.caseID == caseID }.map(\.session)
            #expect(after.count == 1, "Inspektlabs holds \(after.count) inspections: \(after)")
            if !before.isEmpty { #expect(after == before, "resume sent the inspection again") }
            let row = try #require(try await cli.status().first)
            #expect(row["session"] as? String == after.first)
            if order == .tokenFirst && !before.isEmpty {
                // Its tokens expired and fresh ones cannot confirm it: the operator is asked to look at the portal.
                #expect(resume.status != 0)
                #expect(row["state"] as? String == "may-have-been-accepted", "\(row)")
            } else {
                #expect(resume.status == 0, "\(resume.stderr)")
                #expect(resume.stdout.contains("\(caseID): accepted as \(after.first ?? "?")"), "\(resume.stdout)")
                #expect(row["state"] as? String == "processing", "\(row)")
            }
        }
    }

    /// Waits until the simulator has the whole upload (in its ledger) or its bytes stopped coming for 2 s.
    static func wholeBodyInOrStopped(_ simulator: SimulatorHarness, caseID: String) async -> Bool {
        var last = simulator.simulator.uploadBytesReceived
        var still = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if await simulator.ledger().contains(where: { $0.caseID == caseID }) { return true }
            let now = simulator.simulator.uploadBytesReceived
            if now != last {
                last = now
                still = .now
            } else if ContinuousClock.now - still >= .seconds(2) {
                return false
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
