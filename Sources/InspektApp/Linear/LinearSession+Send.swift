import Foundation
import InspektCore
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
            talk.say("Not sent: \(Self.describe(error))")
            return
        }
        if let qScores {
            do { try service.keepQScores(qScores, inspectionID: inspection.id) } catch {
                talk.say("The Q Scores could not be kept with the inspection: \(Self.describe(error))")
            }
        }
        talk.say("Sending case \(caseID).")
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
            talk.say("Accepted: inspection id \(SafeText.escape(session)). The result comes later; b lists it.")
        } catch {
            progress.cancel()
            talk.say("The upload of case \(caseID) failed: \(Self.describe(error))")
            talk.say("The inspection is kept; `inspekt resume --retry-failed` or r on the board tries again.")
        }
    }

    /// Says how far the upload is, at most every few seconds, and each retry as it is scheduled.
    func followProgress(of id: String, caseID: String) -> Task<Void, Never> {
        let events = service.events()
        let talk = talk
        let clock = clock
        return Task {
            var lines = UploadProgressLine()
            var said = Date.distantPast
            for await event in events {
                switch event {
                case .uploadProgress(let inspection, let progress) where inspection == id:
                    let now = clock.now()
                    let line = lines.line(for: id, label: "Sending \(caseID)", progress: progress, at: now)
                    guard now.timeIntervalSince(said) >= Self.progressInterval else { continue }
                    said = now
                    talk.say(line)
                case .retryScheduled(let inspection, let attempt, let delay, let reason) where inspection == id:
                    talk.say(
                        "Attempt \(attempt) failed (\(SafeText.escape(reason))); trying again in \(Int(delay.rounded())) seconds."
                    )
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
            talk.say("The inspections cannot be read: \(Self.describe(error))")
            return
        }
        guard !rows.isEmpty else {
            talk.say("No inspections yet.")
            return
        }
        talk.say("\(rows.count) inspection\(rows.count == 1 ? "" : "s"), newest first:")
        for (index, row) in rows.enumerated() {
            var line = "\(index + 1). \(SafeText.escape(row.facts.caseID)), \(row.state.title.lowercased())"
            if !row.facts.vehicle.isEmpty { line += ", vehicle \(SafeText.escape(row.facts.vehicle))" }
            if let session = row.session { line += ", inspection id \(SafeText.escape(session))" }
            talk.say(line + ".")
        }
    }

    static func describe(_ error: any Error) -> String {
        SafeText.escape((error as? ServiceError)?.description ?? String(describing: error))
    }
}
