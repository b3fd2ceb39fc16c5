import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The truth about an interrupted upload: once the process that uploads is gone, `status` and every other
/// board say "interrupted" and how it continues, never "uploading"; Ctrl-C on `submit` says the same.
@Suite("an upload whose process is gone reads interrupted", .timeLimit(.minutes(4)))
struct InterruptedUploadTests {
    @Test("submit killed mid-upload: `status` and another board say interrupted, and r on that board continues it")
    func killedUploadReadsInterrupted() async throws {
        // 8 photos of ~200 KB through 200 KB/s: about 8 s on the wire.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let photos = try kiosk.photoArguments(count: 8, bytes: 200_000)
            let board = try TmuxSession(
                command: TmuxSession.quote(kiosk.binary), environment: kiosk.boardVariables(inbox: kiosk.directory))
            defer { board.kill() }
            _ = try await board.screen("the empty board") { $0.contains("Press n to start one") }

            let submit = try kiosk.cli.spawn(["submit", "--case", "CASE-GONE", "--force"] + photos)
            #expect(try await kiosk.waitFor("CASE-GONE", in: ["uploading"]))
            func row(_ screen: String) -> String {
                screen.split(separator: "\n").first { $0.contains("CASE-GONE") }.map(String.init) ?? ""
            }
            // While it runs, the other board says it uploads.
            _ = try await board.screen("the upload of the other process") { row($0).contains("Uploading") }
            #expect(submit.isRunning)
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }

            #expect(try await kiosk.state(of: "CASE-GONE") == "interrupted")
            let item = try await kiosk.status().first { $0["case_id"] as? String == "CASE-GONE" }
            #expect(
                (item?["reason"] as? String)?.contains("`inspekt resume` or r on the board continues it") == true,
                "\(item ?? [:])")
            let text = try await kiosk.run(["status", "--case", "CASE-GONE"])
            #expect(text.stdout.contains("CASE-GONE  interrupted"), "\(text.stdout)")
            #expect(!text.stdout.contains("uploading"), "\(text.stdout)")

            // The other board learns it within a few seconds, with nothing else changing in the store.
            let shown = try await board.screen("the interrupted row", timeout: 10) { row($0).contains("Interrupted") }
            #expect(shown.map(row)?.contains("r continues it") == true)
            #expect(shown.map(row)?.contains("Uploading") == false)
            #expect(await simulator.ledger().isEmpty)

            // As it says: r continues it there, with one inspection in the end.
            try board.send("r")
            _ = try await board.screen("the continued upload accepted", timeout: 60) { row($0).contains("Processing") }
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-GONE" }.count == 1)
        }
    }

    @Test("Ctrl-C on submit says what became of the upload and how it continues; resume then finishes it")
    func controlCOnSubmitSaysHowItContinues() async throws {
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 200_000))
        try await stopAfter(simulator) {
            let kiosk = try KioskProcesses(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: kiosk.directory + "/data") }
            let submit = try kiosk.slowSubmit(case: "CASE-CTRLC")
            defer { submit.finish() }
            #expect(try await kiosk.waitFor("CASE-CTRLC", in: ["uploading"]))
            #expect(await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived > 0 })

            submit.type("\u{03}")
            let code = try await submit.exit(within: 10)
            #expect(code == 130, "submit ended with \(String(describing: code))")
            let said = submit.text
            #expect(
                said.contains("Interrupted: the upload of case CASE-CTRLC stopped before Inspektlabs confirmed it"),
                "\(said)")
            #expect(
                said.contains("`inspekt resume` (or r on the board) continues it with the same inspection"), "\(said)")
            #expect(try await kiosk.state(of: "CASE-CTRLC") == "interrupted")
            #expect(kiosk.log.contains("submit interrupted (SIGINT) mid-upload"))

            let resume = try await kiosk.run(["resume"], timeout: 90)
            #expect(resume.status == 0, "\(resume.stderr)")
            #expect(try await kiosk.state(of: "CASE-CTRLC") == "processing")
            #expect(await simulator.ledger().filter { $0.caseID == "CASE-CTRLC" }.count == 1)
        }
    }
}
