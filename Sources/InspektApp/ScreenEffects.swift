import TerminalUI

/// Runs a screen's own request (`Command.screen`) with the feature's effects: one line per feature, the rest
/// lives in each feature's effects file.
enum ScreenEffects {
    static func perform(_ request: ScreenRequest, _ context: LiveEffects.Context) async {
        switch request {
        case .detail(let request): DetailEffects.perform(request, context)
        case .photos(let request): await PhotosEffects.perform(request, context)
        case .review(let request): await ReviewEffects.perform(request, context)
        case .history(let request): await HistoryEffects.perform(request, context)
        }
    }
}
