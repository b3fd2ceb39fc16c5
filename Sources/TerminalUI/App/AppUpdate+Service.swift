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
                let words = BoardScreen.stateText(inspection, tracking: nil, now: state.now, glyphs: state.options.glyphs)
                state.notice = Notice(
                    "Result for \(SafeText.escape(inspection.facts.caseID)): \(words.text)",
                    role: summary.verdict == .available ? .ok : .error)
            }
            // The screen about this inspection (its detail, its comparison) reads it again, result and all.
            let shown = ScreenRegistry.entry(for: state.route)
            if shown.subject == id { return shown.reload(state) }
        case .uploadBusy(let id, let holder):
            let caseID = state.inspection(id: id).map { SafeText.escape($0.facts.caseID) } ?? "This inspection"
            let who = holder.map { SafeText.escape($0) } ?? "another inspekt process"
            state.notice = Notice("\(caseID) is not uploaded from here: \(who) is uploading it.", role: .warn)
        }
        return []
    }
}
