/// The scheme, host and port of an `http(s)://[user@]host[:port]/…` address.
///
/// Read by hand, not with `URLComponents`: its `host` runs every name through ICU's IDNA tables, megabytes
/// of memory in a command that only compares the name or shows it.
public struct URLAuthority: Sendable, Hashable {
    /// Lower case, e.g. `https`.
    public var scheme: String
    /// The host as written, without the brackets of an IPv6 literal; may be empty.
    public var host: String
    /// The port written in the address, if any.
    public var port: Int?

    /// Nil when `url` has no `scheme://`.
    public init?(_ url: String) {
        guard let separator = url.range(of: "://") else { return nil }
        scheme = url[..<separator.lowerBound].lowercased()
        var authority = url[separator.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var portText: Substring = ""
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            portText = authority[authority.index(after: close)...]
        } else {
            let colon = authority.firstIndex(of: ":") ?? authority.endIndex
            host = String(authority[..<colon])
            portText = authority[colon...]
        }
        port = portText.hasPrefix(":") ? Int(portText.dropFirst()) : nil
    }

    /// The port written, else the scheme's default (80, 443); nil for another scheme without one.
    public var effectivePort: Int? {
        if let port { return port }
        switch scheme {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }

    /// `host:port` as written (an IPv6 host in brackets), or the host alone.
    public var hostAndPort: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shown):\($0)" } ?? shown
    }
}
