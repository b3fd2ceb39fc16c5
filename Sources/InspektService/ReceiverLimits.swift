import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What one receiver allows a client, so that stalled or flooding connections cannot hold it: a connection
/// that sends nothing for `idleTimeout` seconds (while its request head or body is being read, or between
/// requests) is closed, and at most `maxConnections` are open at once.
public struct ReceiverLimits: Sendable, Equatable {
    public var idleTimeout: Double
    public var maxConnections: Int

    public init(idleTimeout: Double = 10, maxConnections: Int = 1024) {
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// The defaults, or `INSPEKT_RECEIVER_IDLE_TIMEOUT` (seconds) and `INSPEKT_RECEIVER_MAX_CONNECTIONS`;
    /// a value that is not a positive number keeps the default.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ReceiverLimits
    {
        var limits = ReceiverLimits()
        if let seconds = env["INSPEKT_RECEIVER_IDLE_TIMEOUT"].flatMap(Double.init), seconds > 0, seconds.isFinite {
            limits.idleTimeout = seconds
        }
        if let count = env["INSPEKT_RECEIVER_MAX_CONNECTIONS"].flatMap(Int.init), count > 0 {
            limits.maxConnections = count
        }
        return limits
    }

    /// Raises this process's open-files limit to its hard limit, so that the connection cap, not the
    /// default of 1024 descriptors, is what a flood meets; returns the soft limit before and after.
    public static func raiseOpenFilesLimit() -> (before: UInt64, after: UInt64)? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        let before = UInt64(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return (before, before) }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (before, before) }
        return (before, UInt64(limit.rlim_cur))
    }
}
