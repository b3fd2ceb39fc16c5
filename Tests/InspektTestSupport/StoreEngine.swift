import Foundation
import InspektPostgres
import InspektStorage
import InspektStore

/// The two store engines the conformance and service suites run against. PostgreSQL is the throwaway
/// cluster `scripts/test` starts (`INSPEKT_TEST_DATABASE_URL`); each store gets a database of its own.
public enum StoreEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The engine the service suite runs on: `INSPEKT_TEST_ENGINE=postgres` in the second pass of `scripts/test`.
    public static var forServiceTests: StoreEngine {
        ProcessInfo.processInfo.environment["INSPEKT_TEST_ENGINE"].flatMap(StoreEngine.init(rawValue:)) ?? .sqlite
    }

    /// A new, empty store of this engine for `kioskID`.
    public func makeStore(
        kioskID: String = "kiosk-a", directory: String? = nil, clock: StoreClock = .system
    ) throws
        -> any InspectionStore
    {
        switch self {
        case .sqlite:
            let folder = directory ?? NSTemporaryDirectory() + "inspekt-store-" + UUID().uuidString
            return try InspektStore(directory: folder, kioskID: kioskID, clock: clock)
        case .postgres:
            return try PostgresStore(url: try Self.freshDatabase(), kioskID: kioskID, migrate: true, clock: clock)
        }
    }

    /// Stores for several kiosks over the same data: one SQLite folder, or one PostgreSQL database.
    public func makeSharedStores(kioskIDs: [String]) throws -> [any InspectionStore] {
        switch self {
        case .sqlite:
            let folder = NSTemporaryDirectory() + "inspekt-store-" + UUID().uuidString
            return try kioskIDs.map { try InspektStore(directory: folder, kioskID: $0) }
        case .postgres:
            let url = try Self.freshDatabase()
            return try kioskIDs.map { try PostgresStore(url: url, kioskID: $0, migrate: true) }
        }
    }

    /// The server of the test cluster, or an error that says how to start one.
    public static func testServer() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["INSPEKT_TEST_DATABASE_URL"], !text.isEmpty else {
            throw MissingTestDatabase()
        }
        return try DatabaseURL(text)
    }

    /// A new empty database on the test cluster.
    public static func freshDatabase() throws -> DatabaseURL {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try PostgresStore.createDatabase(named: name, on: try testServer())
    }
}

public struct MissingTestDatabase: Error, CustomStringConvertible {
    public init() {}

    public var description: String {
        "INSPEKT_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL."
    }
}
