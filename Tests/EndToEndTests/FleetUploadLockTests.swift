import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fleet mode through the real binaries: two `inspekt resume` of one kiosk at once, on the shared PostgreSQL.
/// The database's advisory lock lets one upload; the other names the process that holds it and sends nothing.
@Suite("fleet upload lock", .timeLimit(.minutes(3)))
struct FleetUploadLockTests {
    @Test func twoResumesOfOneKioskUploadOnceAndTheOtherNamesTheHolder() async throws {
        let database = try StoreEngine.freshDatabase().description
        // 8 photos of ~200 KB through a 200 KB/s server: about 8 s on the wire, the race is decided long before.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let kiosk = try FleetTests.kiosk("kiosk-a", baseURL: simulator.baseURL, database: database)
            #expect(try await kiosk.run(["db", "migrate"]).status == 0)
            var photos: [String] = []
            for (index, slot) in [
                "front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right",
            ].enumerated() {
                let path = "\(kiosk.directory)/LOCK_\(index).jpg"
                try PhotoFixtures.writeJPEG(
                    to: path, approximateBytes: 200_000, seed: index + 20, width: 320, height: 240)
                photos += ["--photo", "\(slot)=\(path)"]
            }
            let submit = try kiosk.spawn(["submit", "--case", "FLEET-LOCK"] + photos)
            #expect(
                await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived >= 200_000 }, "no bytes moved")
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }

            // A second apart, well inside the first one's upload; whichever takes the lock first uploads.
            let first = try kiosk.spawn(["resume"], output: "resume-1")
            try await Task.sleep(for: .seconds(1))
            let second = try kiosk.spawn(["resume"], output: "resume-2")
            let deadline = ContinuousClock.now + .seconds(90)
            while first.isRunning || second.isRunning, ContinuousClock.now < deadline {
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            for process in [first, second] where process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let resumes = [first, second].enumerated().map { index, process in
                (
                    process: process, out: Self.text(kiosk.directory + "/resume-\(index + 1).out"),
                    err: Self.text(kiosk.directory + "/resume-\(index + 1).err")
                )
            }

            let uploaders = resumes.filter { $0.out.contains("FLEET-LOCK: accepted as in") }
            #expect(uploaders.count == 1, "\(resumes.map { ($0.out, $0.err) })")
            let holder = try #require(uploaders.first)
            let other = try #require(resumes.first { $0.process !== holder.process })
            #expect(holder.process.terminationStatus == 0, "\(holder.err)")
            #expect(other.process.terminationStatus == 1)
            // Named: the command, its process id and the kiosk, and what to do.
            #expect(other.err.contains("FLEET-LOCK: `inspekt resume`"), "\(other.err)")
            #expect(other.err.contains("(process \(holder.process.processIdentifier) on kiosk-a"), "\(other.err)")
            #expect(
                other.err.contains("is uploading this inspection right now; wait for it to finish."), "\(other.err)")
            #expect(await simulator.ledger().filter { $0.caseID == "FLEET-LOCK" }.count == 1)
            let rows = try await kiosk.status()
            #expect(rows.map { $0["state"] as? String } == ["processing"])
        }
    }

    static func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}
