import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// Issue 24 §2 with Q Score on: `--linear` asks Q Score as `submit` and the board do, names a doubtful photo in a
/// sentence and asks before sending it; the scores are kept with the inspection.
@Suite(.timeLimit(.minutes(3)))
struct LinearQScoreTests {
    @Test func aDoubtfulPhotoIsNamedAndAskedAboutAndItsScoresAreKept() async throws {
        try await withLinearQScore(seeds: (61, 62)) { simulator, kiosk, linear, talk in
            try await talk.answer("Type n for a new inspection", with: "n")
            try await talk.answer("Case id:", with: "LIN-Q")
            for prompt in ["Plate or VIN", "Vehicle type", "E-mail", "Agent id", "Agent name"] {
                try await talk.answer(prompt, with: "")
            }
            try await talk.walk(["Front": "1", "Rear": "2"])
            try await talk.answer("Reason for the missing sides", with: "two sides only")
            try await talk.answer("Send these photos anyway? (y/n):", with: "n")
            #expect(talk.said("Q Score: b.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)."), "\(linear.text)")
            #expect(await simulator.simulator.sessionsIssued() == 0, "a session was opened before the answer")

            try await talk.expect("Choose the photos again.")
            try await talk.walk(["Front": "1", "Rear": "2"])
            try await talk.answer("Reason for the missing sides", with: "two sides only")
            try await talk.answer("Send these photos anyway? (y/n):", with: "y")
            try await talk.answer("Send? (y/n):", with: "y")
            try await talk.expect("Accepted: inspection id ", timeout: 60)
            try await talk.answer("Type n for a new inspection", with: "q")
            #expect(try await linear.exit(within: 10) == 0)
            #expect(!linear.text.contains("\u{1B}"))

            let row = try #require(try await kiosk.status().first { $0["case_id"] as? String == "LIN-Q" })
            let quality = try #require(row["photo_quality"] as? [[String: Any]])
            #expect(quality.compactMap { $0["q_score"] as? Int } == [4, 2])
        }
    }
}

/// The same doubt under INSPEKT_LANG=hi: Q Score's finding and the question in Hindi, nothing sent on "n".
@Suite(.timeLimit(.minutes(3)))
struct LinearQScoreLanguageTests {
    @Test func aDoubtfulPhotoIsNamedInHindi() async throws {
        try await withLinearQScore(seeds: (71, 72), language: "hi") { simulator, _, linear, talk in
            try await talk.answer("नए निरीक्षण के लिए n", with: "n")
            try await talk.answer("केस आईडी:", with: "LIN-QHI")
            for prompt in ["नंबर प्लेट या VIN", "वाहन का प्रकार", "रिपोर्ट के लिए ई-मेल", "एजेंट आईडी", "एजेंट का नाम"] {
                try await talk.answer(prompt, with: "")
            }
            try await talk.answer("आगे की फ़ोटो का नंबर", with: "1")
            for slot in ["आगे-बाएँ", "बायाँ हिस्सा", "पीछे-बाएँ"] { try await talk.answer("\(slot) की फ़ोटो", with: "") }
            try await talk.answer("पीछे की फ़ोटो का नंबर", with: "2")
            for slot in ["पीछे-दाएँ", "दायाँ हिस्सा", "आगे-दाएँ"] { try await talk.answer("\(slot) की फ़ोटो", with: "") }
            try await talk.answer("नुक़सान की पास से ली गई फ़ोटो", with: "")
            try await talk.answer("छूटी तरफ़ों का कारण", with: "दीवार")
            try await talk.answer("फिर भी ये फ़ोटो भेजें? (y/n):", with: "n")
            #expect(
                talk.said("Q Score: b.jpg (पीछे): Q Score 5 में से 2, धुंधली (blur 5 में से 1)।"), "\(linear.text)")
            try await talk.expect("फ़ोटो फिर से चुनें।")
            #expect(await simulator.simulator.sessionsIssued() == 0)
            linear.finish()
        }
    }
}

/// `inspekt` in `--linear` on a pty, with Q Score on and an inbox of two photos: a.jpg that Q Score passes and
/// b.jpg that it doubts (a Q Score of 2, blurred); `language`, when given, is INSPEKT_LANG.
func withLinearQScore(
    seeds: (Int, Int), language: String? = nil,
    _ body: (SimulatorHarness, KioskProcesses, PtyProcess, Conversation) async throws -> Void
) async throws {
    let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
    let qScore = try await QScoreHarness.start()
    try await stopAfter(simulator, qScore) {
        let kiosk = try KioskProcesses(simulator: simulator)
        let inbox = kiosk.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try PhotoFixtures.writeJPEG(to: inbox + "/a.jpg", width: 640, height: 480, seed: seeds.0)
        try PhotoFixtures.writeJPEG(to: inbox + "/b.jpg", seed: seeds.1, comment: "qscore Q_score=2 blur=1")
        var environment = kiosk.environment
        environment["TERM"] = "xterm-256color"
        environment["INSPEKT_INBOX"] = inbox
        environment["INSPEKT_UI"] = "linear"
        environment["INSPEKT_QSCORE_URL"] = qScore.baseURL
        if let language { environment["INSPEKT_LANG"] = language }
        let linear = try PtyProcess(kiosk.binary, [], environment: environment)
        defer { linear.finish() }
        try await body(simulator, kiosk, linear, Conversation(process: linear))
    }
}

extension Conversation {
    /// Answers each walk-around question, by the slot's title: a photo number, or Enter; then no damage close-up.
    func walk(_ numbers: [String: String]) async throws {
        let slots = [
            "Front", "Front-left", "Left side", "Rear-left", "Rear", "Rear-right", "Right side", "Front-right",
        ]
        for slot in slots {
            try await answer("\(slot) photo number, Enter to skip:", with: numbers[slot] ?? "")
        }
        try await answer("Damage close-up photo numbers", with: "")
    }
}
