import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import Testing

@testable import TerminalUI

/// Issue 7 §2: the detail screen shows a hostile result's numbers as a sane figure or "unknown", and
/// a result with 100,000 boxes as a bounded list; nothing traps (Double → Int of inf or NaN would).
@Suite struct HostileResultScreenTests {
    /// The detail of `insp-5` with `parts` as its result, drawn at 120×40, every page of it.
    private func detailText(_ parts: [DamagedPart], readings: [String: String] = [:]) -> String {
        var state = ScreenFixtures.boardAllStates(ScreenFixtures.large)
        let result = ResultSummary(
            verdict: .available, caseID: "CASE-20405", inspectionID: "sess-5", message: "\u{1B}[2Jgone\u{202E}",
            damagedParts: parts, readings: readings)
        state.board.list.selected = state.inspections.firstIndex { $0.id == "insp-5" } ?? 0
        _ = update(&state, .key(.enter))
        _ = update(&state, .screen(.detail(.detailLoaded(id: "insp-5", events: [], result: result))))
        state.modifyInspection(id: "insp-5") { $0.result = result }
        var pages: [String] = []
        for _ in 0..<12 {
            pages.append(view(state, size: ScreenFixtures.large).framedText)
            _ = update(&state, .key(.pageDown))
        }
        return pages.joined(separator: "\n")
    }

    @Test func hugeNegativeAndNonFiniteScoresReadUnknown() {
        let text = detailText(
            [
                DamagedPart(part: "front bumper", damageType: "dent", severity: 1e300, confidence: -1e300),
                DamagedPart(part: "hood", damageType: "scratch", severity: -0.5, confidence: .infinity),
                DamagedPart(part: "door", damageType: "dent", severity: .nan, confidence: .nan),
                DamagedPart(part: "roof", damageType: "hail", severity: -.infinity, confidence: 1e19),
                DamagedPart(part: "fender", damageType: "dent", severity: 0.5, confidence: 0.9),
            ], readings: ["odometerReading": "1e+300", "vinReading": "NaN"])
        #expect(text.contains("front bumper: dent, severity unknown, confidence unknown"))
        #expect(text.contains("hood: scratch, severity unknown, confidence unknown"))
        #expect(text.contains("door: dent, severity unknown, confidence unknown"))
        #expect(text.contains("roof: hail, severity unknown, confidence unknown"))
        #expect(text.contains("fender: dent, severity moderate (0.5), confidence 90%"))
        #expect(text.contains("1e+300"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func aHundredThousandBoxesShowABoundedList() {
        let parts = (0..<100_000).map { DamagedPart(part: "p\($0 % 40)", damageType: "dent", severity: 0.5) }
        let text = detailText(parts)
        #expect(text.contains("40 damaged parts"))
        #expect(
            text.contains("and \(Languages.english.number(100_000 - DetailScreen.maxPartLines)) more damage entries"))
    }

    /// A server's token `exp` of 1e19 (or a clock far off) reaches the upload screen as a time left: it is drawn,
    /// never converted into an `Int` past its range.
    @Test func aTokenExpiryFarBeyondAnyClockDrawsTheUploadScreen() {
        for expiry in [1e19, -1e19, 1e300] {
            var state = ScreenFixtures.upload(ScreenFixtures.large)
            guard case .upload(let id) = state.route else { Issue.record("not on the upload screen"); return }
            _ = update(
                &state,
                .service(
                    .sessionReady(inspectionID: id, session: "sess-far", expiresAt: Date(timeIntervalSince1970: expiry))
                ))
            let text = view(state, size: ScreenFixtures.large).framedText
            #expect(text.contains("sess-far"))
            #expect(text.contains(expiry > 0 ? "token valid for" : "token expired"))
        }
        #expect(Format.duration(1e19) == "277777777 h 46 min")
        #expect(Format.duration(.nan) == "0 s")
        #expect(Languages.english.age(from: Date(timeIntervalSince1970: -1e19), to: Date()).hasSuffix("w"))
        #expect(Format.rate(.infinity).hasSuffix("/s"))
        #expect(Format.percent(.nan) == "0%")
    }

    @Test func figuresThatCannotBeCountedSayUnknown() {
        #expect(Format.oneDecimal(1e300) == "unknown")
        #expect(Format.oneDecimal(.nan) == "unknown")
        #expect(Format.oneDecimal(-.infinity) == "unknown")
        #expect(Format.oneDecimal(-0.5) == "-0.5")
        #expect(Format.oneDecimal(3.14) == "3.1")
        #expect(Languages.english.severity(0.8) == "severe (0.8)")
    }
}
