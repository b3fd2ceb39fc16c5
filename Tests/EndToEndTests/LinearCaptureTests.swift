import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 24 §2: `inspekt --linear` takes a whole inspection from its case id to accepted with typed lines only,
/// on a pty, against the real simulator, and writes no escape sequence at all; bad answers are said and asked again.
@Suite(.timeLimit(.minutes(3)))
struct LinearCaptureTests {
    @Test func aWholeInspectionByTypedLinesWithNoEscapeSequence() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        do {
            let kiosk = try KioskProcesses(simulator: simulator)
            let inbox = kiosk.directory + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            for (index, name) in ["a.jpg", "b.jpg", "c.jpg"].enumerated() {
                try PhotoFixtures.writeJPEG(to: "\(inbox)/\(name)", width: 640, height: 480, seed: 40 + index)
            }
            var environment = kiosk.environment
            environment["TERM"] = "xterm-256color"
            environment["INSPEKT_INBOX"] = inbox
            let linear = try PtyProcess(kiosk.binary, ["--linear"], environment: environment)
            defer { linear.finish() }
            let talk = Conversation(process: linear)

            try await talk.answer("Type n for a new inspection", with: "n")
            try await talk.answer("Case id:", with: "BAD ID!")
            try await talk.answer("Case id:", with: "LIN-1")
            #expect(talk.said("Case id cannot contain a space (position 4)"), "no sentence for a malformed case id")
            try await talk.answer("Plate or VIN, Enter to skip:", with: "KA01LN0001")
            try await talk.answer("Vehicle type", with: "boat")
            try await talk.answer("Vehicle type", with: "")
            #expect(talk.said("\"boat\" is not a vehicle type"))
            try await talk.answer("E-mail for the report, Enter to skip:", with: "")
            try await talk.answer("Agent id", with: "A-1")
            try await talk.answer("Agent name", with: "Lee")
            try await talk.expect("3 photos:")
            #expect(talk.said("1. a.jpg") && talk.said("2. b.jpg") && talk.said("3. c.jpg"))
            try await talk.answer("Front photo number, Enter to skip:", with: "9")
            try await talk.answer("Front photo number, Enter to skip:", with: "1")
            #expect(talk.said("There is no photo 9: type a number from 1 to 3"))
            // Ctrl-D is explained, and the question comes again.
            try await talk.answer("Front-left photo number, Enter to skip:", with: "\u{04}", newline: false)
            try await talk.answer("Front-left photo number, Enter to skip:", with: "")
            #expect(talk.said("Input ended (Ctrl-D)"))
            for slot in ["Left side", "Rear-left"] { try await talk.answer("\(slot) photo number", with: "") }
            try await talk.answer("Rear photo number", with: "2")
            for slot in ["Rear-right", "Right side", "Front-right"] {
                try await talk.answer("\(slot) photo number", with: "")
            }
            try await talk.answer("Damage close-up photo numbers", with: "3")
            try await talk.expect(
                "Missing sides: Front-left, Left side, Rear-left, Rear-right, Right side, Front-right.")
            try await talk.answer("Reason for the missing sides", with: "a wall on the left")
            try await talk.answer("Send? (y/n):", with: "maybe")
            try await talk.answer("Send? (y/n):", with: "y")
            #expect(talk.said("Please type y for yes or n for no."))
            try await talk.expect("Accepted: inspection id ", timeout: 60)
            #expect(talk.said("Sending LIN-1: "), "no progress line")
            #expect(try await kiosk.waitFor("LIN-1", in: ["processing", "available"]))
            let accepted = try await kiosk.status().first { $0["case_id"] as? String == "LIN-1" }
            let session = try #require(accepted?["session"] as? String)
            #expect(talk.said("Accepted: inspection id \(session)."))

            try await talk.answer("Type n for a new inspection", with: "b")
            try await talk.expect("1. LIN-1, ")
            try await talk.answer("Type n for a new inspection", with: "q")
            #expect(try await linear.exit(within: 10) == 0)
            let output = linear.text
            #expect(!output.contains("\u{1B}"), "an escape sequence was written:\n\(output.debugDescription)")
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }
}

/// The program's lines as a person reads them: wait for a prompt (a new one, not one already answered), then type.
final class Conversation: @unchecked Sendable {
    let process: PtyProcess
    /// How far the output has been read: a prompt is looked for after it.
    private var consumed: String.Index?

    init(process: PtyProcess) { self.process = process }

    /// Waits for `text` after what was read so far.
    func expect(_ text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let output = process.text
            let from = consumed.map { min($0, output.endIndex) } ?? output.startIndex
            if let found = output[from...].range(of: text) {
                consumed = found.upperBound
                return
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record(
            "Timed out waiting for \"\(text)\". Output:\n\(process.text)", sourceLocation: sourceLocation)
        throw ConversationTimeout()
    }

    /// Waits for the prompt, then types the answer (and Enter).
    func answer(
        _ prompt: String, with line: String, newline: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await expect(prompt, sourceLocation: sourceLocation)
        // The prompt is written before the program reads: a moment lets it reach read(2).
        try await Task.sleep(nanoseconds: 50_000_000)
        process.type(line + (newline ? "\n" : ""))
    }

    /// Whether the output holds `text` anywhere.
    func said(_ text: String) -> Bool { process.text.contains(text) }
}

struct ConversationTimeout: Error {}
