import InspektService
import Testing

@Suite struct ServiceConfigurationTests {
    @Test func missingAPIKeyNamesTheVariable() {
        #expect(throws: ConfigurationError.missingAPIKey) {
            try ServiceConfiguration.fromEnvironment(["HOME": "/home/op"])
        }
        #expect(ConfigurationError.missingAPIKey.description.contains("INSPEKT_API_KEY"))
    }

    @Test func defaultsAndOverrides() throws {
        let defaults = try ServiceConfiguration.fromEnvironment(["INSPEKT_API_KEY": "k", "HOME": "/home/op"])
        #expect(defaults.baseURL == "https://reports.inspektlabs.com")
        #expect(defaults.dataDirectory == "/home/op/.local/share/inspekt")
        #expect(defaults.effectiveCallbackBase == "http://127.0.0.1:8787")
        let custom = try ServiceConfiguration.fromEnvironment([
            "INSPEKT_API_KEY": "k", "HOME": "/home/op", "INSPEKT_BASE_URL": "http://127.0.0.1:9",
            "INSPEKT_CLIENT_ID": "c",
            "INSPEKT_DATA_DIR": "~/kiosk", "INSPEKT_RECEIVER_LISTEN": "0.0.0.0:9000", "INSPEKT_WEBHOOK_SECRET": "w",
        ])
        #expect(custom.baseURL == "http://127.0.0.1:9")
        #expect(custom.clientID == "c")
        #expect(custom.dataDirectory == "/home/op/kiosk")
        #expect(custom.effectiveCallbackBase == "http://0.0.0.0:9000")
        #expect(custom.webhookSecret == "w")
        let public_ = try ServiceConfiguration.fromEnvironment([
            "INSPEKT_API_KEY": "k", "INSPEKT_CALLBACK_BASE": "https://kiosk.example.com/",
            "INSPEKT_RECEIVER_LISTEN": "0.0.0.0:9000",
        ])
        #expect(public_.effectiveCallbackBase == "https://kiosk.example.com")
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.fromEnvironment(["INSPEKT_API_KEY": "k", "INSPEKT_RECEIVER_LISTEN": "nonsense"])
        }
        let noKey = try ServiceConfiguration.fromEnvironment(["HOME": "/h"], requireAPIKey: false)
        #expect(noKey.apiKey.isEmpty)
    }
}
