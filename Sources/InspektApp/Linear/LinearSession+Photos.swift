import Foundation
import InspektCore
import TerminalUI
import InspektLanguage
import InspektWords
import InspektService

/// The inbox as a numbered list, a question per slot, the reason for missing sides and the checks' findings.
extension LinearSession {
    /// The usable photos in the inbox, by name, as read by the same scan as the board's photo list.
    func inboxPhotos() async -> (photos: [InboxItem], failure: String?) {
        var last: [InboxItem] = []
        for await scan in InspektService.scanInbox(path: inbox) {
            switch scan {
            case .listed(let items): last = items
            case .failed(let reason): return ([], reason)
            }
        }
        let photos = last.filter { !$0.isDirectory && $0.problem == nil }
        return (photos.sorted { $0.name < $1.name }, nil)
    }

    /// The photos for each slot; nil when the inbox holds none (said why).
    func choosePhotos() async throws -> [PhotoSelection]? {
        let (photos, failure) = await inboxPhotos()
        let folder = SafeText.escape(inbox)
        if let failure {
            talk.say(words("linear.inbox.unreadable", ["folder": folder, "reason": SafeText.escape(failure)]))
            return nil
        }
        guard !photos.isEmpty else {
            talk.say(words("linear.inbox.empty", ["folder": folder]))
            return nil
        }
        talk.say(words("linear.inbox.holds", count: photos.count, ["folder": folder]))
        for (index, photo) in photos.enumerated() {
            talk.say("\(index + 1). \(SafeText.escape(photo.name))")
        }
        var selection: [PhotoSelection] = []
        for slot in CoverageSlot.walkAround {
            let picked = try talk.ask(words("linear.slot", ["slot": words.slot(slot)])) { answer in
                Self.pick(answer, from: photos, several: false, words: words)
            }
            selection += picked.map { PhotoSelection(slot: slot, path: $0.path, size: $0.size) }
        }
        let damage = try talk.ask(words("linear.damage")) { answer in
            Self.pick(answer, from: photos, several: true, words: words)
        }
        selection += damage.map { PhotoSelection(slot: .damage, path: $0.path, size: $0.size) }
        return selection
    }

    /// The photos an answer names: numbers from the list, or none for an empty answer.
    static func pick(
        _ answer: String, from photos: [InboxItem], several: Bool, words: Localizer
    ) -> Result<[InboxItem], AnswerProblem> {
        let numbers = answer.split(whereSeparator: { $0 == " " || $0 == "," })
        if numbers.count > 1, !several { return .failure(AnswerProblem(words("linear.pick.one"))) }
        var picked: [InboxItem] = []
        for word in numbers {
            guard let number = Int(word), photos.indices.contains(number - 1) else {
                return .failure(
                    AnswerProblem(
                        words(
                            "linear.pick.none",
                            ["answer": SafeText.escape(String(word)), "last": words.number(photos.count)])))
            }
            picked.append(photos[number - 1])
        }
        return .success(picked)
    }

    /// The reason for missing walk-around sides, if any are missing; nil to choose the photos again.
    func askMissingReason(_ selection: [PhotoSelection]) throws -> String?? {
        let covered = Set(selection.map(\.slot))
        let missing = CoverageSlot.walkAround.filter { !covered.contains($0) }
        guard !missing.isEmpty else { return .some(nil) }
        talk.say(words("linear.missing", ["missing": missing.map(words.slot).joined(separator: ", ")]))
        let reason = try talk.askText(words("linear.missing.reason"))
        return reason.isEmpty ? nil : .some(reason)
    }

    /// The same checks as the board's review and `inspekt submit`: the files, a case accepted before, each
    /// photo's findings and Q Score (when on), said as sentences. nil when the photos must be chosen again;
    /// else what Q Score said, to keep with the inspection.
    func checksPass(caseID: String, selection: [PhotoSelection]) async throws -> QScoreReport?? {
        let problems = PhotoValidator.problems(in: selection)
        if !problems.isEmpty {
            for problem in problems { talk.say(words("linear.cannot-send", ["problem": "\(problem)"])) }
            talk.say(words("linear.choose-again"))
            return nil
        }
        if let earlier = try? service.inspections(sameCaseAs: caseID).first(where: { $0.state.wasAccepted }) {
            let state =
                words.state(earlier.state)
                + (earlier.session.map { ", " + words("linear.session", ["session": SafeText.escape($0)]) } ?? "")
            talk.say(words("linear.accepted-before", ["case": SafeText.escape(earlier.facts.caseID), "state": state]))
            guard try talk.askYesNo(words("linear.send-another")) else {
                talk.say(words("linear.not-sent", ["case": SafeText.escape(caseID)]))
                throw CaptureAbandoned()
            }
        }
        let findings = await service.photoFindings(for: selection, excluding: nil)
        let blocking = findings.filter(\.blocksSubmit)
        for finding in blocking { talk.say(words("linear.cannot-send", ["problem": words.refusal(finding) + "."])) }
        if !blocking.isEmpty {
            talk.say(words("linear.choose-again"))
            return nil
        }
        if findings.isEmpty {
            talk.say(words("linear.checks-fine"))
        } else {
            for finding in findings { talk.say(words("linear.check", ["finding": words.finding(finding)])) }
        }
        return try await askQScore(caseID: caseID, selection: selection)
    }

    /// Q Score's word on each photo (API.md §6), as `submit` asks it before any session is opened: a doubtful
    /// photo is named and the operator asked, as the board's review asks; Q Score away never holds anything back.
    func askQScore(caseID: String, selection: [PhotoSelection]) async throws -> QScoreReport?? {
        guard service.qScoreIsOn else { return .some(nil) }
        talk.say(words("linear.qscore.asking"))
        guard let report = await service.askQScore(about: selection, caseID: caseID) else { return .some(nil) }
        if let notChecked = words.qScoreNotChecked(report) { talk.say(notChecked) }
        let refusals = words.qScoreRefusals(report)
        if refusals.isEmpty {
            if let summary = SubmitQScoreStep.summary(report, words: words) { talk.say(summary) }
            return .some(report)
        }
        for refusal in refusals { talk.say(words("linear.qscore.refusal", ["refusal": refusal])) }
        guard try talk.askYesNo(words("linear.qscore.send-anyway")) else {
            talk.say(words("linear.choose-again"))
            return nil
        }
        return .some(report)
    }
}
