import Foundation

/// `INSPEKT_DATABASE_URL`: `postgres://user:password@host:port/database`, with `?sslmode=require` honoured.
/// Its description never holds the password: it is what logs and messages show.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `sslmode=require` (or `verify-full`): the connection is encrypted, or not made.
    public var requireTLS: Bool

    public init(user: String, password: String?, host: String, port: Int = 5432, database: String, requireTLS: Bool = false) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.requireTLS = requireTLS
    }

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
        guard let user = components.user, !user.isEmpty else { throw Problem(description: "it names no user (postgres://USER@host/database)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw Problem(description: "it names no database (postgres://user@host:5432/DATABASE)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Problem(description: "its port must be from 1 to 65535") }
        var requireTLS = false
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            switch item.value ?? "" {
            case "require", "verify-ca", "verify-full": requireTLS = true
            case "disable", "allow", "prefer": requireTLS = false
            default: throw Problem(description: "sslmode must be disable, prefer or require")
            }
        }
        self.init(
            user: components.user?.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding, host: host, port: port,
            database: database.removingPercentEncoding ?? database, requireTLS: requireTLS)
    }

    /// `postgres://inspekt@db.example.com:5432/fleet`: where the data lives, safe to print.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)" + (requireTLS ? "?sslmode=require" : "")
    }
}
