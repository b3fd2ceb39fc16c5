import AsyncHTTPClient
import Crypto
import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Logging
import NIOCore
import Synchronization
import Testing

@testable import InspektAPI

/// A simulator, a client for it, and a folder of photos, for one test.
struct Fixture: Stoppable {
    let harness: SimulatorHarness
    let client: InspektlabsClient
    let directory: String
    let log: CapturedLog

    static let apiKey = "sk_test_7f3a9c2e51d04b8e"

    static func start(
        _ configuration: SimulatorConfiguration = .init(processingDelay: 0.2), stallTimeout: Double = 10
    ) async throws -> Fixture {
        var configuration = configuration
        configuration.apiKeys = [apiKey]
        let harness = try await SimulatorHarness.start(configuration)
        let log = CapturedLog()
        let client = InspektlabsClient(baseURL: harness.baseURL, stallTimeout: stallTimeout, logger: log.logger())
        return Fixture(harness: harness, client: client, directory: try PhotoFixtures.temporaryDirectory(), log: log)
    }

    /// A real JPEG on disk, ready to send for `slot`.
    func photo(
        _ slot: CoverageSlot, name: String, seed: Int = 0, width: Int = 64, height: Int = 48
    ) throws -> UploadFile {
        let path = directory + "/" + name
        try PhotoFixtures.writeJPEG(to: path, width: width, height: height, seed: seed)
        return try file(at: path, slot: slot)
    }

    func file(at path: String, slot: CoverageSlot, mediaType: MediaType = .jpeg) throws -> UploadFile {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
        return UploadFile(
            path: path, uploadName: PhotoSelection(slot: slot, path: path).uploadName, size: size, mediaType: mediaType)
    }

    func authenticate() async throws -> AuthSession {
        try await client.authenticate(apiKey: Fixture.apiKey, clientID: nil)
    }

    func stop() async {
        await harness.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

func sha256Hex(of path: String) throws -> String {
    SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
}

/// Runs `body` and returns the APIError it threw, or nil.
func apiError(_ body: () async throws -> Void) async -> APIError? {
    do {
        try await body()
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(error)")
        return nil
    }
}
