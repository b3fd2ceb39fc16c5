import Foundation
import InspektCore
import InspektLanguage

extension Localizer {
    /// How long ago, in the board's four columns: "12m", "3h", "2d"; in whole minutes at least (an age in seconds
    /// would repaint the newest row every second, bytes over SSH that tell an operator nothing).
    func age(from date: Date, to now: Date) -> String {
        let seconds = Int(Format.bounded(now.timeIntervalSince(date), upTo: 1e12))
        if seconds < 60 { return self("age.under-minute") }
        if seconds < 3600 { return self("age.minutes", ["count": number(seconds / 60)]) }
        if seconds < 86_400 { return self("age.hours", ["count": number(seconds / 3600)]) }
        if seconds < 86_400 * 14 { return self("age.days", ["count": number(seconds / 86_400)]) }
        return self("age.weeks", ["count": number(seconds / (86_400 * 7))])
    }
}
