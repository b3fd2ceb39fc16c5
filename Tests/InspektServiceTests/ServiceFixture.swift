import Foundation
import InspektAPI
import InspektCore
import InspektPostgres
import InspektService
import InspektSimulator
import InspektStorage
import InspektStore
import InspektTestSupport
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real simulator on loopback, a real store in a fresh folder (SQLite, or a fresh PostgreSQL database
/// when `INSPEKT_TEST_ENGINE=postgres`) and a service wired to both.
struct ServiceFixture: Stoppable {
    let simulator: SimulatorHarness
    let directory: String
    let store: any InspectionStore
    let service: InspektService
    let client: InspektlabsClient

    static func start(
        _ simulatorConfiguration: SimulatorConfiguration = SimulatorConfiguration(processingDelay: 3600),
        maxAttempts: Int = 6, dependencies: ServiceDependencies = ServiceFixture.fastDependencies(),
        webhookSecret: String? = nil, directory: String? = nil, kioskID: String = "kiosk-a"
    ) async throws -> ServiceFixture {
        let simulator = try await SimulatorHarness.start(simulatorConfiguration)
        let directory = try directory ?? PhotoFixtures.temporaryDirectory()
        return try make(
            simulator: simulator, directory: directory, maxAttempts: maxAttempts, dependencies: dependencies,
            webhookSecret: webhookSecret, kioskID: kioskID)
    }

    /// A second service over the same folder (as a new process would open it), against `simulator`.
    static func make(
        simulator: SimulatorHarness, directory: String, maxAttempts: Int = 6,
        dependencies: ServiceDependencies = ServiceFixture.fastDependencies(), webhookSecret: String? = nil,
        kioskID: String = "kiosk-a", formerKioskID: String? = nil
    ) throws -> ServiceFixture {
        let store = try Self.openStore(directory: directory, kioskID: kioskID, formerKioskID: formerKioskID)
        var logger = Logger(label: "inspekt.service.test")
        logger.logLevel = .critical
        let client = InspektlabsClient(baseURL: simulator.baseURL, stallTimeout: 10, logger: logger)
        var configuration = ServiceConfiguration(
            apiKey: "demo-key", baseURL: simulator.baseURL, dataDirectory: directory + "/data",
            callbackBase: nil, webhookSecret: webhookSecret, stallTimeout: 10, maxAttempts: maxAttempts,
            baseBackoff: 0.05, maxBackoff: 0.2)
        configuration.kioskID = kioskID
        configuration.formerKioskID = formerKioskID
        let service = InspektService(
            configuration: configuration, store: store, client: client, logger: logger, dependencies: dependencies)
        return ServiceFixture(
            simulator: simulator, directory: directory, store: store, service: service, client: client)
    }

    /// The store of this folder: its SQLite file, or the PostgreSQL database made for the folder the first
    /// time (its address kept in the folder, so that a second service opens the same data).
    static func openStore(
        directory: String, kioskID: String = "kiosk-a", formerKioskID: String? = nil
    ) throws -> any InspectionStore {
        switch StoreEngine.forServiceTests {
        case .sqlite:
            return try InspektStore(directory: directory + "/data", kioskID: kioskID, formerKioskID: formerKioskID)
        case .postgres:
            let note = directory + "/database-url"
            let url: DatabaseURL
            if let text = try? String(contentsOfFile: note, encoding: .utf8) {
                url = try DatabaseURL(text)
            } else {
                url = try StoreEngine.freshDatabase()
                try url.description.write(toFile: note, atomically: true, encoding: .utf8)
            }
            try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            return try PostgresStore(url: url, kioskID: kioskID, formerKioskID: formerKioskID, migrate: true)
        }
    }

    /// Real time (or the `now` given: a test's `ManualClock`), jitter fixed at the middle, real (short) sleeps.
    static func fastDependencies(
        now: @escaping @Sendable () -> Date = { Date() },
        beforeAttempt: @escaping @Sendable (Int) async -> Void = { _ in },
        beforeRequest: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> ServiceDependencies {
        ServiceDependencies(now: now, random: { 0.5 }, beforeAttempt: beforeAttempt, beforeRequest: beforeRequest)
    }

    func stop() async { await simulator.stop() }

    var quietLogger: Logger {
        var logger = Logger(label: "inspekt.service.test")
        logger.logLevel = .critical
        return logger
    }

    /// Writes `count` real JPEGs of `width × height` and returns them on walk-around slots.
    func photos(_ count: Int, width: Int = 320, height: Int = 240, prefix: String = "IMG") throws -> [PhotoSelection] {
        try (0..<count).map { index in
            let path = "\(directory)/\(prefix)_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, width: width, height: height, seed: index + prefix.hashValue % 1000)
            let slot = index < CoverageSlot.walkAround.count ? CoverageSlot.walkAround[index] : .damage
            return PhotoSelection(slot: slot, path: path)
        }
    }

    /// A stored draft for `caseID` with these photos.
    func draft(_ caseID: String, photos: [PhotoSelection]) throws -> Inspection {
        var inspection = try service.createDraft(CaseFacts(caseID: caseID, agentID: "A1", agentName: "Ana"))
        inspection.photos = photos
        try service.save(inspection)
        return inspection
    }

    /// Ledger entries for one case.
    func ledger(caseID: String) async -> [LedgerEntry] {
        await simulator.ledger().filter { $0.caseID == caseID }
    }

    /// Polls the store until the inspection reaches `state` or `seconds` pass.
    func waitFor(_ id: String, state: InspectionState, seconds: Double = 10) async throws -> Inspection? {
        try await eventually(timeout: seconds, every: .milliseconds(50)) {
            try store.inspection(id: id)?.state == state
        }
        return try store.inspection(id: id)
    }
}

extension CallbackReceiver: Stoppable {}

/// A plain HTTP POST for receiver tests (URLSession, so nothing of the service's own client is reused).
enum HTTP {
    static func post(_ url: String, body: Data, headers: [String: String] = [:]) async throws -> (Int, String) {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

/// A result document as Inspektlabs would send it.
enum ResultJSON {
    static func available(caseID: String, session: String, parts: [String] = ["bumper", "door"]) -> Data {
        let boxes = parts.map {
            ["partComponent": $0, "damageType": "dent", "damageSeverityScore": 0.4, "confidenceScore": 0.9]
                as [String: Any]
        }
        let object: [String: Any] = [
            "status": "Available", "caseId": caseID, "inspectionId": session, "vendor": "Inspektlabs",
            "version": "1", "uploadStatus": "complete upload", "futureField": ["kept": true],
            "relevantImages": [["imageId": "1", "boundingBoxInformation": boxes]],
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    static func rejected(caseID: String, session: String, message: String) -> Data {
        let object: [String: Any] = [
            "status": "Rejected", "caseId": caseID, "inspectionId": session, "message": message,
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}
