import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Who this process is, in words an operator can act on; the upload lock records it for whoever finds it taken.
enum ProcessDescription {
    /// "the board of mira on pts/3 (process 4711 on kiosk-a, since 07:12)": enough to find the other session.
    static func current(kiosk: String, now: Date = Date()) -> String {
        let verb = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }
        let program = verb == nil || verb == "open" || verb == "demo" ? "the board" : "`inspekt \(verb ?? "")`"
        var who = program
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"],
            !user.isEmpty
        {
            who += " of \(user)"
        }
        if let tty = ttyname(STDIN_FILENO) {
            var name = String(cString: tty)
            if name.hasPrefix("/dev/") { name.removeFirst(5) }
            who += " on \(name)"
        }
        return who + " (process \(getpid()) on \(kiosk), since \(clockTime(now)))"
    }

    /// `HH:mm` in local time. Not a `DateFormatter`: that loads ICU's calendar and locale data, megabytes
    /// an upload would otherwise never touch.
    static func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "?" }
        let twoDigits = { (value: Int32) in value < 10 ? "0\(value)" : "\(value)" }
        return twoDigits(local.tm_hour) + ":" + twoDigits(local.tm_min)
    }
}
