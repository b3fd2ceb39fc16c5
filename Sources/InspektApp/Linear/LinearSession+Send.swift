import Foundation
import InspektCore
import TerminalUI
import InspektLanguage
import InspektWords
import InspektService

/// Storing and sending the inspection with a progress line every few seconds; the board as a numbered list.
extension LinearSession {
    /// Seconds between two progress lines: often enough to know it moves, rare enough for a screen reader.
    static let progressInterval: TimeInterval = 3

    func send(facts: CaseFacts, selection: [PhotoSelection], missingReason: String?, qScores: QScoreReport?) async {
        let caseID = SafeText.escape(facts.caseID)
        let inspection: Inspection
        do {
            var draft = try service.createDraft(facts)
            draft.photos = selection
            draft.missingReason = missingReason
            try service.save(draft)
            inspection = draft
        } catch {
            talk.say(words("notice.not-submitted", ["reason": Self.describe(error)]))
            return
        }
        if let qScores {
            do { try service.keepQScores(qScores, inspectionID: inspection.id) } catch {
                talk.say(words("linear.qscore.not-kept", ["reason": Self.describe(error)]))
            }
        }
        talk.say(words("linear.sending", ["case": caseID]))
        // As `submit`: a terminal that goes away (SIGHUP) leaves the upload going on, its outcome in the log.
        let hangup = HangupGuard(
            logger: FileLogHandler.logger(label: "inspekt.linear", directory: service.configuration.dataDirectory),
            what: "linear submit of case \(caseID)")
        defer { withExtendedLifetime(hangup) {} }
        let progress = followProgress(of: inspection.id, caseID: caseID)
        defer { progress.cancel() }
        do {
            let session = try await service.submit(id: inspection.id, missingReason: missingReason)
            progress.cancel()
            talk.say(words("linear.accepted", ["session": SafeText.escape(session)]))
        } catch {
            progress.cancel()
            talk.say(words("linear.failed", ["case": caseID, "reason": Self.describe(error)]))
            talk.say(words("linear.failed.kept"))
        }
    }

    /// Says how far the upload is, at most every few seconds, and each retry as it is scheduled.
    func followProgress(of id: String, caseID: String) -> Task<Void, Never> {
        let events = service.events()
        let talk = talk
        let clock = clock
        let words = words
        return Task {
            var lines = UploadProgressLine()
            var said = Date.distantPast
            for await event in events {
                switch event {
                case .uploadProgress(let inspection, let progress) where inspection == id:
                    let now = clock.now()
                    let line = lines.line(
                        for: id, label: words("linear.sending.label", ["case": caseID]), progress: progress, at: now)
                    guard now.timeIntervalSince(said) >= Self.progressInterval else { continue }
                    said = now
                    talk.say(line)
                case .retryScheduled(let inspection, let attempt, let delay, let reason) where inspection == id:
                    talk.say(
                        words(
                            "linear.retry",
                            [
                                "attempt": words.number(attempt), "reason": SafeText.escape(reason),
                                "seconds": words.number(Int(delay.rounded())),
                            ]))
                    lines.forget(id)
                default:
                    break
                }
            }
        }
    }

    /// The board as a numbered list, newest first: case, state, vehicle and kiosk in words.
    func showBoard() {
        let rows: [Inspection]
        do {
            rows = try service.newestInspections(limit: 50)
        } catch {
            talk.say(words("notice.not-read", ["reason": Self.describe(error)]))
            return
        }
        guard !rows.isEmpty else {
            talk.say(words("linear.board.empty"))
            return
        }
        talk.say(words("linear.board", count: rows.count))
        for (index, row) in rows.enumerated() {
            var line = "\(index + 1). \(SafeText.escape(row.facts.caseID)), \(words.state(row.state).lowercased())"
            if !row.facts.vehicle.isEmpty {
                line += ", " + words("linear.board.vehicle", ["vehicle": SafeText.escape(row.facts.vehicle)])
            }
            if let session = row.session {
                line += ", " + words("linear.session", ["session": SafeText.escape(session)])
            }
            talk.say(line + ".")
        }
    }

    static func describe(_ error: any Error) -> String {
        SafeText.escape((error as? ServiceError)?.description ?? String(describing: error))
    }
}
