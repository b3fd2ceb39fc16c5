import Foundation
import InspektStorage
import InspektTestSupport
import Logging
import Testing

@testable import InspektPostgres

/// libpq's `sslmode` against a real server with a CA of its own (`scripts/postgres-cluster start DIR --tls`)
/// and the plain test cluster. A server that is not trusted is refused during the TLS handshake: its log
/// never sees the user name, which PostgreSQL's startup message carries and the password only follows.
@Suite("PostgreSQL TLS: sslmode as libpq", .serialized, .timeLimit(.minutes(2)))
struct PostgresTLSTests {
    @Test(
        "verify-ca and verify-full refuse a CA nobody trusts, in words, before the user is named",
        arguments: [SSLMode.verifyCA, .verifyFull])
    func untrustedCertificateIsRefused(mode: SSLMode) throws {
        let cluster = try TLSTestCluster()
        let probe = TLSTestCluster.probeUser()
        let url = cluster.url(mode, rootCert: cluster.otherCA, user: probe, password: "hunter2-\(probe)")
        let error = try #require(throws: StoreError.self) { try PostgresStore(url: url, kioskID: "kiosk-a") }
        let words = error.description
        #expect(
            words.contains("127.0.0.1:\(url.port)") && words.contains("is not trusted")
                && words.contains("sslrootcert=\(cluster.otherCA)"))
        #expect(words.contains("no password") && !words.contains("hunter2"))
        try cluster.expectNeverNamed(probe, controlHost: "127.0.0.1")
    }

    @Test(
        "verify-ca and verify-full accept the CA that signed the server's certificate",
        arguments: [SSLMode.verifyCA, .verifyFull])
    func trustedCertificateIsAccepted(mode: SSLMode) throws {
        let cluster = try TLSTestCluster()
        #expect(try TLSTestCluster.encrypted(cluster.url(mode, rootCert: cluster.ca)) == true)
        // verify-full by the name the certificate lists, not only its address.
        #expect(try TLSTestCluster.encrypted(cluster.url(mode, host: "localhost", rootCert: cluster.ca)) == true)
    }

    @Test("verify-full refuses an address the certificate does not name; verify-ca does not check the name")
    func verifyFullChecksTheHostName() throws {
        let cluster = try TLSTestCluster()
        let probe = TLSTestCluster.probeUser()
        let url = cluster.url(
            .verifyFull, host: "127.0.0.2", rootCert: cluster.ca, user: probe, password: "hunter2-\(probe)")
        let error = try #require(throws: StoreError.self) { try PostgresStore(url: url, kioskID: "kiosk-a") }
        #expect(
            error.description.contains("does not name 127.0.0.2") && error.description.contains("127.0.0.2:\(url.port)")
        )
        try cluster.expectNeverNamed(probe, controlHost: "127.0.0.2")
        #expect(try TLSTestCluster.encrypted(cluster.url(.verifyCA, host: "127.0.0.2", rootCert: cluster.ca)) == true)
    }

    @Test("require encrypts without checking the certificate, and refuses a server without TLS")
    func requireEncryptsWithoutChecking() throws {
        let cluster = try TLSTestCluster()
        #expect(try TLSTestCluster.encrypted(cluster.url(.require)) == true)
        var plain = try StoreEngine.testServer()
        plain.sslMode = .require
        let error = try #require(throws: StoreError.self) { try PostgresStore(url: plain, kioskID: "kiosk-a") }
        #expect(error.description.contains("does not offer TLS"))
    }

    @Test("prefer (the default) encrypts when the server offers TLS and goes plain when it does not")
    func preferFallsBackToPlain() throws {
        let cluster = try TLSTestCluster()
        #expect(
            try DatabaseURL(ProcessInfo.processInfo.environment["INSPEKT_TEST_TLS_DATABASE_URL"] ?? "").sslMode
                == .prefer)
        #expect(try TLSTestCluster.encrypted(cluster.url(.prefer)) == true)
        #expect(try TLSTestCluster.encrypted(StoreEngine.testServer()) == false)
    }

    @Test("disable never encrypts; allow encrypts only when the server turns a plain connection away")
    func disableAndAllow() throws {
        let cluster = try TLSTestCluster()
        #expect(try TLSTestCluster.encrypted(cluster.url(.disable)) == false)
        #expect(try TLSTestCluster.encrypted(cluster.url(.allow)) == false)
        #expect(try TLSTestCluster.encrypted(cluster.url(.allow, database: "sslonly")) == true)
    }

    @Test("the URL's sslmode and sslrootcert are read as libpq names them and shown without the password")
    func urlReadsTheMode() throws {
        let url = try DatabaseURL(
            "postgres://fleet:secret@db.example.com/inspekt?sslmode=verify-full&sslrootcert=/etc/inspekt/ca.pem")
        #expect(url.sslMode == .verifyFull && url.sslRootCert == "/etc/inspekt/ca.pem")
        #expect(
            url.description
                == "postgres://fleet@db.example.com:5432/inspekt?sslmode=verify-full&sslrootcert=/etc/inspekt/ca.pem")
        #expect(try DatabaseURL("postgres://fleet@db/inspekt?sslmode=verify-ca&sslrootcert=system").sslRootCert == nil)
        #expect(try DatabaseURL("postgres://fleet@db/inspekt").description.hasSuffix("?sslmode=prefer"))
        let missing = try DatabaseURL("postgres://fleet@db/inspekt?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem")
        let error = try #require(throws: StoreError.self) { try PostgresStore(url: missing, kioskID: "kiosk-a") }
        #expect(error.description.contains("sslrootcert file /nonexistent/ca.pem cannot be read"))
    }
}

/// The TLS test cluster's URL, CAs and log, from `scripts/postgres-cluster start DIR --tls`.
struct TLSTestCluster {
    let base: DatabaseURL
    let ca: String
    let otherCA: String
    let log: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["INSPEKT_TEST_TLS_DATABASE_URL"], let ca = environment["INSPEKT_TEST_TLS_CA"],
            let otherCA = environment["INSPEKT_TEST_TLS_OTHER_CA"], let log = environment["INSPEKT_TEST_TLS_LOG"]
        else { throw MissingTLSTestCluster() }
        base = try DatabaseURL(text)
        self.ca = ca
        self.otherCA = otherCA
        self.log = log
    }

    func url(
        _ mode: SSLMode, host: String = "127.0.0.1", rootCert: String? = nil, user: String? = nil,
        password: String? = nil,
        database: String? = nil
    ) -> DatabaseURL {
        var url = base
        url.sslMode = mode
        url.host = host
        url.sslRootCert = rootCert
        if let user { (url.user, url.password) = (user, password) }
        if let database { url.database = database }
        return url
    }

    static func probeUser() -> String { "probe_" + UUID().uuidString.prefix(8).lowercased() }

    /// Whether a connection made with `url` is encrypted, as the server sees it.
    static func encrypted(_ url: DatabaseURL) throws -> Bool? {
        let connections = try PostgresConnections(url: url, limit: 1, logger: Logger(label: "test"))
        return try connections.withConnection { connection in
            try PostgresSession(connection: connection, logger: connections.logger).value(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
        }
    }

    /// The server never heard of `user`: a control connection that does name itself (another probe user,
    /// sslmode=require, after the refused one) shows in the log first, so the log was written past that point.
    func expectNeverNamed(_ user: String, controlHost: String) throws {
        let control = Self.probeUser()
        #expect(throws: (any Error).self) {
            try PostgresStore(url: url(.require, host: controlHost, user: control, password: "x"), kioskID: "k")
        }
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = try String(contentsOfFile: log, encoding: .utf8)
            if text.contains(control) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(text.contains("user \"\(control)\""), "the control connection's user never reached the server's log")
        #expect(!text.contains(user), "the server heard the refused connection's user name: its startup was sent")
    }
}

struct MissingTLSTestCluster: Error, CustomStringConvertible {
    var description: String {
        "INSPEKT_TEST_TLS_DATABASE_URL and the INSPEKT_TEST_TLS_* files are not set: run the tests with scripts/test, which starts a PostgreSQL with TLS."
    }
}
