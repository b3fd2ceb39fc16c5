import Foundation
import InspektStorage
import NIOSSL
import PostgresNIO

/// libpq's `sslmode` on PostgresNIO. A certificate is checked during the TLS handshake, before PostgreSQL's
/// startup message: a server that is refused never learns the user name, let alone the password.
enum PostgresTLS {
    /// The TLS of a first attempt at `url`. `allow` starts plain; `connectAgainWithTLS` says when to retry.
    static func configuration(for url: DatabaseURL) throws -> PostgresConnection.Configuration.TLS {
        switch url.sslMode {
        case .disable, .allow:
            return .disable
        case .prefer:
            return .prefer(try context(verification: .none, url: url))
        case .require:
            // As libpq: `require` with a root certificate named checks the chain as `verify-ca` does.
            return .require(
                try context(verification: url.sslRootCert == nil ? .none : .noHostnameVerification, url: url))
        case .verifyCA:
            return .require(try context(verification: .noHostnameVerification, url: url))
        case .verifyFull:
            return .require(try context(verification: .fullVerification, url: url))
        }
    }

    /// `allow`: the plain attempt was turned away because the server accepts only encrypted connections
    /// (pg_hba.conf's `hostssl`), so it is made again encrypted, as libpq does.
    static func connectAgainWithTLS(
        _ url: DatabaseURL, after error: any Error
    ) throws -> PostgresConnection.Configuration.TLS? {
        guard url.sslMode == .allow, let error = error as? PSQLError, error.code == .server,
            error.serverInfo?[.sqlState] == "28000"
        else { return nil }
        return .require(try context(verification: .none, url: url))
    }

    private static func context(verification: CertificateVerification, url: DatabaseURL) throws -> NIOSSLContext {
        var settings = TLSConfiguration.makeClientConfiguration()
        settings.certificateVerification = verification
        if verification != .none, let path = url.sslRootCert {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw StoreError.untrusted(
                    location: url.description,
                    reason:
                        "its sslrootcert file \(path) cannot be read as PEM certificates: check the path in INSPEKT_DATABASE_URL"
                )
            }
            guard !roots.isEmpty else {
                throw StoreError.untrusted(
                    location: url.description, reason: "its sslrootcert file \(path) holds no certificate")
            }
            settings.trustRoots = .certificates(roots)
        }
        return try NIOSSLContext(configuration: settings)
    }

    /// A connection attempt that failed over TLS, in words: what of the server was not trusted, and what to
    /// check. Nil for any other failure.
    static func refusal(_ error: any Error, url: DatabaseURL) -> String? {
        guard let error = error as? PSQLError else { return nil }
        let server = "\(url.host):\(url.port)"
        let roots =
            url.sslRootCert.map { "the root certificate in sslrootcert=\($0)" }
            ?? "the system's root certificates (no sslrootcert given)"
        if error.code == .sslUnsupported {
            return
                "the server at \(server) does not offer TLS, and sslmode=\(url.sslMode.rawValue) requires it: turn on ssl in its postgresql.conf, or check the host and port"
        }
        guard error.code == .connectionError, let underlying = error.underlying else { return nil }
        let text = String(describing: underlying)
        if let extra = underlying as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return
                "the certificate of the server at \(server) does not name \(url.host) (sslmode=verify-full): connect by a name or address the certificate lists, or give the server a certificate for \(url.host)"
        }
        guard underlying is NIOSSLError || underlying is NIOSSLExtraError || underlying is BoringSSLError else {
            return nil
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return
                "the certificate of the server at \(server) is not trusted (sslmode=\(url.sslMode.rawValue)): it does not chain to \(roots); check that sslrootcert names the CA that signed the server's certificate"
        }
        return
            "the TLS handshake with the server at \(server) failed (\(text)): check the server's ssl settings and sslmode=\(url.sslMode.rawValue)"
    }
}
