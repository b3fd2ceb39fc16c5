import InspektCore
import Testing

/// The host and port that error messages, the callback check and the progress probe read from an address.
@Suite struct URLAuthorityTests {
    @Test func hostAndPortAsWritten() {
        let plain = URLAuthority("http://127.0.0.1:8080/api/upload?x=1")
        #expect(plain?.scheme == "http")
        #expect(plain?.host == "127.0.0.1")
        #expect(plain?.port == 8080)
        #expect(plain?.hostAndPort == "127.0.0.1:8080")
        #expect(
            URLAuthority("HTTPS://user:secret@reports.inspektlabs.com/path")?.hostAndPort == "reports.inspektlabs.com")
    }

    @Test func defaultPortsAndIPv6() {
        #expect(URLAuthority("https://reports.inspektlabs.com")?.effectivePort == 443)
        #expect(URLAuthority("http://kiosk.local#top")?.effectivePort == 80)
        let six = URLAuthority("http://[::1]:9000/")
        #expect(six?.host == "::1")
        #expect(six?.hostAndPort == "[::1]:9000")
        #expect(URLAuthority("ftp://files.example")?.effectivePort == nil)
    }

    @Test func notAnAddress() {
        #expect(URLAuthority("reports.inspektlabs.com") == nil)
        #expect(URLAuthority("http://[::1") == nil)
    }
}
