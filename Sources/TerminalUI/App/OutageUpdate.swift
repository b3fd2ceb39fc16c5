import InspektCore

/// While the fleet database cannot be reached: saves and submits wait in memory, the title bar says so, and
/// they go out once the store answers again. Moving and typing need no database and go on as ever.
///
/// A submit made meanwhile continues by itself once the database is back. At a rental desk the operator who
/// pressed Enter on the review has handed the keys over and turned to the next customer: an inspection that
/// waited for a second Enter would be forgotten, and a car gone without its record is the costly case.
/// Changing the draft afterwards (a newer save of it) takes the submit back: it waits as a draft again.
enum OutageUpdate {
    /// A store call failed for want of the database; `held` (a save or a submit) waits for it.
    static func unreachable(place: String, held: Command?, _ state: inout AppState) {
        let place = SafeText.escape(place)
        if state.outage == nil { state.outage = StoreOutage(place: place) }
        state.outage?.place = place
        if let held { _ = hold(held, &state) }
    }

    /// Commands about to go out: while the database is out of reach, saves and submits wait instead.
    static func holding(_ commands: [Command], _ state: inout AppState) -> [Command] {
        guard state.outage != nil, !commands.isEmpty else { return commands }
        var sent: [Command] = []
        for command in commands where !hold(command, &state) { sent.append(command) }
        return sent
    }

    /// Keeps a save or a submit for later (true); any other command goes out as it is (false).
    private static func hold(_ command: Command, _ state: inout AppState) -> Bool {
        guard var outage = state.outage else { return false }
        defer { state.outage = outage }
        switch command {
        case .saveDraft(let draft):
            // The newest copy the board knows: a save sent earlier may fail after a later one was held.
            var latest = draft
            if let known = state.inspection(id: draft.id), known.state == .draft, known.updatedAt >= draft.updatedAt {
                latest = known
            }
            if let submitted = outage.submits[draft.id] {
                // Older than the submit: the submit saves it anyway.
                guard latest.updatedAt > submitted.draft.updatedAt else { return true }
                outage.submits[draft.id] = nil
                state.notice = Notice(
                    "\(SafeText.escape(latest.facts.caseID)) changed: it stays a draft; submit it again when it is ready.",
                    role: .warn)
            }
            outage.unsaved[draft.id] = latest
            return true
        case .submit(let draft, let reason):
            outage.unsaved[draft.id] = nil
            outage.submits[draft.id] = HeldSubmit(draft: draft, missingReason: reason)
            state.notice = Notice("Not sent yet: the database is unreachable. It is sent once it is back.", role: .warn)
            return true
        case .discardDraft(let id):
            // Thrown away: nothing of it is written when the database is back.
            outage.unsaved[id] = nil
            outage.submits[id] = nil
            return false
        default:
            return false
        }
    }

    /// The database answered again: the board reads its rows again, and what waited goes out, saves first.
    static func reachable(_ state: inout AppState) -> [Command] {
        guard let outage = state.outage else { return [] }
        state.outage = nil
        state.window?.markStale()
        if outage.holdsWork { state.notice = Notice("The database is back: what waited is being saved.", role: .ok) }
        let saves = outage.unsaved.values.filter { outage.submits[$0.id] == nil }
            .sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        let submits = outage.submits.values.sorted { ($0.draft.updatedAt, $0.draft.id) < ($1.draft.updatedAt, $1.draft.id) }
        return saves.map { .saveDraft($0) } + submits.map { .submit($0.draft, missingReason: $0.missingReason) }
    }
}
