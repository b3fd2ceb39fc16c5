import InspektService
import Testing

/// Issue 7 §2: whether results can come back to this kiosk, decided from the configuration alone.
@Suite struct CallbackReachabilityTests {
    private func configuration(base: String, callback: String?) -> ServiceConfiguration {
        ServiceConfiguration(apiKey: "k", baseURL: base, dataDirectory: "/tmp/x", callbackBase: callback)
    }

    @Test(
        "a loopback API (the simulator) needs no public base",
        arguments: [
            "http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000",
        ])
    func loopbackAPI(base: String) {
        #expect(CallbackReachability.warning(for: configuration(base: base, callback: nil)) == nil)
    }

    @Test func aRealAPIWithoutACallbackBaseIsWarnedWithWhatToSet() throws {
        let warning = try #require(
            CallbackReachability.warning(for: configuration(base: "https://reports.inspektlabs.com", callback: nil)))
        #expect(warning.message.contains("Results cannot reach this kiosk"))
        #expect(!warning.resultsArrive)
        #expect(warning.message.contains("Set INSPEKT_CALLBACK_BASE"))
        #expect(warning.message.contains("http://127.0.0.1:8787"))
        #expect(warning.message.contains("inspekt import-result"))
        #expect(warning.shortMessage.count <= 78)  // one line of an 80-column board
        #expect(warning.shortMessage.contains("INSPEKT_CALLBACK_BASE"))
    }

    @Test func aPlainHTTPPublicBaseIsWarnedAndHTTPSIsNot() throws {
        let api = "https://reports.inspektlabs.com"
        let plain = try #require(
            CallbackReachability.warning(for: configuration(base: api, callback: "http://kiosk.example.com")))
        #expect(plain.message.contains("unencrypted"))
        #expect(plain.resultsArrive)
        #expect(plain.shortMessage.count <= 78)
        #expect(
            CallbackReachability.warning(for: configuration(base: api, callback: "https://kiosk.example.com")) == nil)
        #expect(CallbackReachability.warning(for: configuration(base: api, callback: "http://127.0.0.1:8787")) == nil)
    }
}
