import InspektCore

/// The board's window over the store, kept by `update` without reading it: what to ask for, and what to do
/// with the answer.
extension AppUpdate {
    /// The page the board needs before it can draw every visible row, when it has not been asked for yet.
    static func windowCommands(_ state: inout AppState) -> [Command] {
        guard var window = state.window else { return [] }
        defer { state.window = window }
        if state.route != .board {
            // Other screens change inspections: rows read, or a page still on its way, must not count as
            // fresh when the operator comes back. Once moved on, the epoch stays until the board reads again.
            if !window.stale || window.pending?.epoch == window.epoch { window.markStale() }
            return []
        }
        // The store cannot answer: the rows already read stay, and nothing is asked until it is back.
        if state.outage != nil || window.failed { return [] }
        let filter = state.board.list.filter.text
        let archived = state.board.showArchived
        let wholeFleet = state.board.wholeFleet
        let recount = window.stale || window.archived != archived || window.wholeFleet != wholeFleet
        let page = BoardScreen.pageHeight(state.size)
        let first = state.board.list.firstRow(height: page)
        var request = BoardPageRequest(
            generation: window.generation + 1, epoch: window.epoch, filter: filter, archived: archived,
            wholeFleet: wholeFleet,
            recount: recount, countMatching: false, keep: nil, offset: max(0, first - page), limit: 0, pageHeight: page)
        // A page above (none at the top) and one below the visible one: a one-row move reads nothing.
        request.limit = first - request.offset + page * 2
        if recount || window.filter != filter {
            request.countMatching = !filter.isEmpty && (recount || window.counts[filter] == nil)
            // Stay on the highlighted inspection unless the filter itself changed (then the top); back from a
            // submit, the case just sent.
            if window.filter == filter, let selected = state.board.list.selectedSource {
                request.keep = window.row(at: selected)?.id
            }
            if let sent = state.board.highlightOnReturn { request.keep = sent }
        } else if window.covers(first, first + page, count: state.board.list.count) {
            return []
        }
        if let pending = window.pending, pending.filter == filter, pending.archived == archived,
            pending.wholeFleet == wholeFleet,
            pending.epoch == window.epoch, pending.recount || !recount, pending.covers(first, first + page)
        {
            return []
        }
        window.generation = request.generation
        window.pending = request
        return [.loadBoardPage(request)]
    }

    /// Takes the answer to the last request sent; an answer to an older one is dropped.
    static func received(_ page: BoardPage, _ state: inout AppState) -> [Command] {
        guard var window = state.window, page.request.generation == window.generation else { return [] }
        let request = page.request
        window.pending = nil
        window.failed = false
        if request.recount {
            window.total = page.total ?? window.total
            window.archivedCount = page.archivedCount ?? window.archivedCount
            window.unfinished = page.unfinished ?? window.unfinished
            window.processing = page.processing ?? window.processing
            window.counts = [:]
        }
        if let matching = page.matching { window.counts[request.filter] = matching }
        window.filter = request.filter
        window.archived = request.archived
        window.wholeFleet = request.wholeFleet
        // Changed meanwhile (the store, or the operator left the board; see `epoch`): read again.
        if request.epoch == window.epoch { window.stale = false }
        window.start = page.offset
        window.rows = page.rows.map { window.changed[$0.id] ?? $0 }
        let list = request.filter.isEmpty ? window.total : window.counts[request.filter]
        if let list, request.filter == state.board.list.filter.text { state.board.list.setCount(list) }
        if request.keep != nil, request.keep == state.board.highlightOnReturn { state.board.highlightOnReturn = nil }
        if let at = page.keepPosition {
            state.board.list.selected = at
            state.board.list.scrollToSelection(page: BoardScreen.pageHeight(state.size))
        }
        state.window = window
        return []
    }

    /// A page could not be read: the rows already read stay.
    static func failed(generation: Int, _ failure: BoardPageFailure, _ state: inout AppState) -> [Command] {
        guard var window = state.window, generation == window.generation else { return [] }
        window.pending = nil
        switch failure {
        case .unreachable(let place):
            state.window = window
            // Said on the title bar until the service's outbox, told by the same read, says it answers again.
            if state.outage == nil { state.outage = DatabaseReach(away: SafeText.escape(place)) }
        case .failed(let reason):
            // Asked again on the next key or change, not in a loop.
            window.failed = true
            state.window = window
            state.notice = Notice(
                state.options.words("notice.not-read", ["reason": SafeText.escape(reason)]), role: .error)
        }
        return []
    }
}
