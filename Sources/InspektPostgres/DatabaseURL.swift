import Foundation

/// `INSPEKT_DATABASE_URL`: `postgres://user:password@host:port/database`, with libpq's `sslmode` and
/// `sslrootcert` honoured. Its description never holds the password: it is what logs and messages show.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// How far the server is trusted: libpq's `sslmode`, `prefer` when the URL does not say.
    public var sslMode: SSLMode
    /// `sslrootcert`: a PEM file of the roots a `verify-ca`/`verify-full` server's certificate must chain to;
    /// nil (or `system`) for the system's roots.
    public var sslRootCert: String?

    public init(
        user: String, password: String?, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer,
        sslRootCert: String? = nil
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
    }

    /// The connection is encrypted, or not made.
    public var requireTLS: Bool { sslMode.requiresTLS }

    /// Why a URL cannot be used, in words; never quotes the URL (it may hold a password).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws(Problem) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Problem(description: "it must look like postgres://user:password@host:5432/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw Problem(description: "it must start with postgres:// (it starts with \(scheme)://)")
        }
        guard let host = components.host, !host.isEmpty else { throw Problem(description: "it names no host") }
        guard let user = components.user, !user.isEmpty else {
            throw Problem(description: "it names no user (postgres://USER@host/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw Problem(description: "it names no database (postgres://user@host:5432/DATABASE)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Problem(description: "its port must be from 1 to 65535") }
        var sslMode = SSLMode.prefer
        var sslRootCert: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: item.value ?? "") else {
                    throw Problem(
                        description: "sslmode must be disable, allow, prefer, require, verify-ca or verify-full")
                }
                sslMode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else {
                    throw Problem(description: "sslrootcert names no file")
                }
                sslRootCert = path == "system" ? nil : path
            default:
                continue
            }
        }
        self.init(
            user: components.user?.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding, host: host, port: port,
            database: database.removingPercentEncoding ?? database, sslMode: sslMode, sslRootCert: sslRootCert)
    }

    /// `postgres://inspekt@db.example.com:5432/fleet?sslmode=verify-full`: where the data lives and how far it
    /// is trusted, safe to print.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let roots = sslRootCert.map { "&sslrootcert=\($0)" } ?? ""
        return "postgres://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(sslMode.rawValue)" + roots
    }
}

/// libpq's `sslmode`: whether the connection is encrypted, and what of the server's certificate is checked.
public enum SSLMode: String, Sendable, Hashable, CaseIterable {
    /// Never encrypted.
    case disable
    /// Plain first; encrypted (unchecked) only if the server accepts nothing else.
    case allow
    /// Encrypted (unchecked) if the server offers it, plain otherwise: libpq's default.
    case prefer
    /// Encrypted or not made; the certificate is checked only against an `sslrootcert` given (as libpq does).
    case require
    /// Encrypted, and the server's certificate chains to a trusted root.
    case verifyCA = "verify-ca"
    /// As `verify-ca`, and the certificate names the host connected to.
    case verifyFull = "verify-full"

    public var requiresTLS: Bool { self == .require || self == .verifyCA || self == .verifyFull }
}
