import Foundation
import InspektCore

/// Whether Inspektlabs can post results to the callback address this kiosk gives it, and what to say
/// when it cannot: with `INSPEKT_CALLBACK_BASE` unset the address is this kiosk's own loopback, which
/// a real Inspektlabs never reaches.
public struct CallbackReachability: Sendable, Hashable {
    /// A full sentence for `submit` and the log: what is wrong and what to set.
    public var message: String
    /// The same on one line of an 80-column board.
    public var shortMessage: String
    /// Whether results still arrive (an `http://` base: yes, unencrypted; no base at all: no).
    public var resultsArrive: Bool

    /// The warning for `configuration`, or nil when results can arrive (a loopback API such as the
    /// simulator, or a public https base).
    public static func warning(for configuration: ServiceConfiguration) -> CallbackReachability? {
        if let base = configuration.callbackBase {
            guard base.lowercased().hasPrefix("http://"), !isLoopback(host(of: base)) else { return nil }
            return CallbackReachability(
                message:
                    "INSPEKT_CALLBACK_BASE is \(base): results will travel unencrypted over the internet. Use an https:// address for the receiver.",
                shortMessage: "INSPEKT_CALLBACK_BASE is http://: results travel unencrypted; use https://",
                resultsArrive: true)
        }
        guard !isLoopback(host(of: configuration.baseURL)) else { return nil }
        return CallbackReachability(
            message: "Results cannot reach this kiosk: INSPEKT_CALLBACK_BASE is not set, so Inspektlabs is given "
                + "\(configuration.effectiveCallbackBase), an address only this kiosk can reach. Set INSPEKT_CALLBACK_BASE "
                + "to the public https:// address of this kiosk's receiver (or of the central `inspekt receiver`); until then, "
                + "download each result from the Inspektlabs portal and load it with `inspekt import-result FILE`.",
            shortMessage: "Results cannot reach this kiosk: set INSPEKT_CALLBACK_BASE (public https URL)",
            resultsArrive: false)
    }

    /// The host of an `http(s)://host[:port]/…` address, without brackets; empty when there is none.
    static func host(of url: String) -> String {
        URLAuthority(url)?.host ?? ""
    }

    /// `localhost`, 127.0.0.0/8 and ::1: addresses that never leave this machine.
    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        return lower == "localhost" || lower.hasSuffix(".localhost") || lower.hasPrefix("127.") || lower == "::1"
    }
}
