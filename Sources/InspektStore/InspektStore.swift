import Foundation
import GRDB
import InspektCore
import InspektStorage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable local storage: inspections, photos, sessions, attempts, events and results in one SQLite file.
///
/// Every public write is one transaction. The file is private to the user (mode 0600), journaled in WAL
/// mode and synced on commit, so a kill -9 at any point leaves a database to continue from.
/// The API key is never stored here; tokens are stored (a resume needs them) but never logged.
public final class InspektStore: Sendable {
    /// The database file name inside the data directory.
    public static let fileName = "inspekt.sqlite"

    /// Absolute path of the database file.
    public let path: String
    public let kioskID: String
    public let clock: StoreClock
    public var location: String { path }
    let pool: DatabasePool
    /// Whether any row is still recorded under the kiosk's former id (`inspections_kiosk` answers it).
    static let formerKioskRows = "SELECT EXISTS (SELECT 1 FROM inspections WHERE kiosk = ?)"

    /// Opens (creating when needed) `inspekt.sqlite` in `directory`, which is created with mode 0700 (an
    /// existing one is tightened to 0700). None of the data folder's files may be a symbolic link.
    /// Rows recorded under `formerKioskID` (this kiosk's earlier default id) are relabelled to `kioskID`.
    public convenience init(
        directory: String, kioskID: String = KioskIdentity.hostName, formerKioskID: String? = nil,
        clock: StoreClock = .system
    ) throws {
        do throws(PrivateFile.Problem) {
            try PrivateFile.prepareDirectory(directory)
            // The log is opened later, by the logger: its link is refused here, where the message reaches the operator.
            try PrivateFile.refuseLink((directory as NSString).appendingPathComponent("inspekt.log"))
        } catch {
            throw StoreError.unsafe(error)
        }
        try self.init(
            path: (directory as NSString).appendingPathComponent(InspektStore.fileName), kioskID: kioskID,
            formerKioskID: formerKioskID,
            clock: clock)
    }

    /// Opens (creating when needed) the database file at `path`.
    public init(
        path: String, kioskID: String = KioskIdentity.hostName, formerKioskID: String? = nil,
        clock: StoreClock = .system
    ) throws {
        self.path = path
        self.kioskID = kioskID
        self.clock = clock
        // Create the file private before SQLite opens it, so it is never readable by others, not even briefly;
        // SQLite gives the -wal and -shm files the mode of the main file. SQLite follows links, so none of
        // the three may be one.
        do throws(PrivateFile.Problem) {
            for file in [path + "-wal", path + "-shm"] { try PrivateFile.refuseLink(file) }
            close(try PrivateFile.open(path, flags: O_RDWR))
        } catch {
            throw StoreError.unsafe(error)
        }
        // Two processes opening a new database at once (a `submit` and a `status`) race to migrate
        // it, and one fails ("table inspections already exists"). An advisory lock on the folder
        // makes the second wait for the first. (Not on the database file: closing
        // any descriptor of it would drop SQLite's own POSIX locks.)
        let parent = (path as NSString).deletingLastPathComponent
        let folder = open(parent.isEmpty ? "." : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { _ = flock(folder, LOCK_EX) }
        defer {
            if folder >= 0 {
                _ = flock(folder, LOCK_UN)
                close(folder)
            }
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Each commit reaches the disk: the data here must survive a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        if try pool.read(StoreSchema.migrator.hasBeenSuperseded) { throw StoreError.newerSchema(location: path) }
        try StoreSchema.migrator.migrate(pool)
        // The file is this kiosk's alone: what it recorded under its former id is its own. Looked up on the kiosk
        // index first, so that a start reads a few pages and takes no write lock once the rows are relabelled.
        if let formerKioskID, formerKioskID != kioskID,
            try pool.read({ try Bool.fetchOne($0, sql: Self.formerKioskRows, arguments: [formerKioskID]) }) == true
        {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE inspections SET kiosk = ? WHERE kiosk = ?", arguments: [kioskID, formerKioskID])
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where (try? PrivateFile.refuseLink(file)) != nil {
            _ = chmod(file, 0o600)
        }
    }
}
