import InspektCore

/// What the service tells the board: an inspection changed, an upload moved on, a result came.
extension AppUpdate {
    /// Whether upload progress may still change an inspection in this state.
    static func acceptsProgress(_ state: InspectionState) -> Bool {
        state == .ready || state == .uploading
    }

    static func handleService(_ event: ServiceEvent, _ state: inout AppState) -> [Command] {
        switch event {
        case .inspectionChanged(let inspection):
            state.upsert(inspection)
            if inspection.state != .draft { state.pendingSubmits.remove(inspection.id) }
            if state.draft?.id == inspection.id, inspection.state != .draft {
                state.draft = nil
                // Sent (from here or elsewhere): a screen that edits it would edit nothing, and its Esc would
                // offer to keep a sent case as a draft. Its upload shows instead.
                if ScreenRegistry.entry(for: state.route).editsDraft {
                    if state.overlay != .help { state.overlay = nil }
                    state.route = .upload(id: inspection.id)
                }
            }
            if inspection.state == .failedRetryable {
                state.uploads[inspection.id, default: UploadTracking()].retryAt = nil
            }
            // A new attempt (ready or uploading again) is not the one that failed.
            if acceptsProgress(inspection.state) { state.uploads[inspection.id]?.failure = nil }
            // The detail shows the inspection's history, which grew.
            if state.route == .detail(id: inspection.id) { return ScreenRegistry.entry(for: state.route).reload(state) }
        case .sessionReady(let id, let session, let expiresAt):
            state.uploads[id, default: UploadTracking()].sessionExpiresAt = expiresAt
            state.uploads[id, default: UploadTracking()].session = session
        case .uploadProgress(let id, let progress):
            // Progress can arrive after the service recorded a later state (failed, accepted, a result):
            // it applies only while the inspection is ready or uploading, so it never moves one back.
            if let current = state.inspection(id: id), !acceptsProgress(current.state) { return [] }
            state.uploads[id, default: UploadTracking()].record(progress, at: state.now)
        case .retryScheduled(let id, let attempt, let delay, let reason):
            var tracking = state.uploads[id, default: UploadTracking()]
            tracking.retryAt = state.now.addingTimeInterval(delay)
            tracking.retryReason = reason
            tracking.attempt = attempt
            state.uploads[id] = tracking
        case .uploadAccepted(let id, let session):
            state.uploads[id, default: UploadTracking()].accepted = true
            state.uploads[id, default: UploadTracking()].session = session
            state.uploads[id, default: UploadTracking()].retryAt = nil
        case .uploadFailed(let id, let reason):
            state.uploads[id, default: UploadTracking()].failure = reason
            state.uploads[id, default: UploadTracking()].retryAt = nil
        case .resultReceived(let id, let summary):
            // The row changes with the service's `inspectionChanged`; this only says so.
            if var inspection = state.inspection(id: id) {
                inspection.result = summary
                inspection.state = summary.verdict == .available ? .available : .rejected
                let shown = BoardScreen.stateText(
                    inspection, tracking: nil, now: state.now, glyphs: state.options.glyphs, words: state.options.words)
                state.notice = Notice(
                    state.options.words(
                        "notice.result", ["case": SafeText.escape(inspection.facts.caseID), "result": shown.text]),
                    role: summary.verdict == .available ? .ok : .error)
            }
            // The screen about this inspection (its detail, its comparison) reads it again, result and all.
            let shown = ScreenRegistry.entry(for: state.route)
            if shown.subject == id { return shown.reload(state) }
        case .uploadBusy(let id, let holder):
            let caseID =
                state.inspection(id: id).map { SafeText.escape($0.facts.caseID) }
                ?? state.options.words("notice.busy.this")
            let who = holder.map { SafeText.escape($0) } ?? state.options.words("notice.busy.another")
            state.notice = Notice(state.options.words("notice.busy", ["case": caseID, "who": who]), role: .warn)
        case .database(let reach):
            return databaseReach(reach, &state)
        case .heldDraftFailed(let caseID, let reason):
            state.notice = Notice(
                state.options.words(
                    "notice.held-not-saved", ["case": SafeText.escape(caseID), "reason": SafeText.escape(reason)]),
                role: .error)
        }
        return []
    }

    /// The service's outbox said whether the fleet database answers and what waits for it: the title bar, the
    /// upload screen and the quit question show it; the outbox sends what waits.
    private static func databaseReach(_ reach: DatabaseReach, _ state: inout AppState) -> [Command] {
        let before = state.outage
        guard let place = reach.away else {
            guard let before else { return [] }
            state.outage = nil
            // The board reads its rows again.
            state.window?.markStale()
            if !before.waiting.isEmpty {
                state.notice = Notice(state.options.words("notice.database-back"), role: .ok)
            }
            return []
        }
        state.outage = DatabaseReach(away: SafeText.escape(place), waiting: reach.waiting)
        for (id, waiting) in reach.waiting.sorted(by: { $0.key < $1.key }) {
            let was = before?.waiting[id]
            if waiting.submitted, was?.submitted != true {
                // A submit held for the database is the operator's again: opening it edits it, as before it was sent.
                state.pendingSubmits.remove(id)
                state.notice = Notice(state.options.words("notice.not-sent-yet"), role: .warn)
            } else if !waiting.submitted, was?.submitted == true {
                state.notice = Notice(
                    state.options.words("notice.changed-stays-draft", ["case": SafeText.escape(waiting.caseID)]),
                    role: .warn)
            }
        }
        return []
    }
}
