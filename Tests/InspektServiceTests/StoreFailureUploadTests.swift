import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §1: the store fails mid-upload (the disk fills while the photos are on the wire). The acceptance is
/// never turned into a failure nor sent again as a new inspection; the message blames the disk, not Inspektlabs;
/// the next start records the acceptance with the same session.
@Suite struct StoreFailureUploadTests {
    /// The data folder on a small tmpfs of its own (mounting needs root).
    final class SmallDisk: Sendable {
        let directory: String
        var data: String { directory + "/data" }
        var filler: String { data + "/filler" }

        init() throws {
            directory = try PhotoFixtures.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", directory + "/data"])
        }

        /// Writes zeros until the disk is full.
        func fill() {
            FileManager.default.createFile(atPath: filler, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: filler) else { return }
            let chunk = Data(count: 64 * 1024)
            while (try? handle.write(contentsOf: chunk)) != nil {}
            try? handle.close()
        }

        func free() { try? FileManager.default.removeItem(atPath: filler) }

        func unmount() {
            // Lazy: the stores of the test may still hold the database open.
            do { try Self.run("/bin/umount", ["-l", data]) } catch {
                Issue.record(error, "the test's tmpfs was not unmounted")
            }
        }

        static func run(_ tool: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
        }
    }

    @Test(
        .enabled(if: getuid() == 0, "mounting a tmpfs needs root"),
        .enabled(
            if: StoreEngine.forServiceTests == .sqlite,
            "the kiosk's own disk; the fleet database is PostgresOutageTests"))
    func diskFullMidUploadNeverMakesASecondInspection() async throws {
        let disk = try SmallDisk()
        defer { disk.unmount() }
        let dependencies = ServiceDependencies(
            random: { 0.5 }, sleep: { _ in },
            beforeRequest: { attempt in if attempt == 1 { disk.fill() } })
        let fixture = try await ServiceFixture.start(
            SimulatorConfiguration(processingDelay: 3600), dependencies: dependencies, directory: disk.directory)
        try await stopAfter(fixture) {
            let inspection = try fixture.draft("CASE-DISK", photos: fixture.photos(3))

            let error = await #expect(throws: ServiceError.self) { try await fixture.service.submit(id: inspection.id) }

            let message = error?.description ?? ""
            #expect(message.contains("disk"), "\(message)")
            #expect(message.contains("database"), "\(message)")
            #expect(message.contains("Inspektlabs is not the problem"), "\(message)")
            let accepted = await fixture.ledger(caseID: "CASE-DISK")
            #expect(accepted.count == 1)
            // Never recorded as failed: the store still says uploading (it could record nothing).
            #expect(try fixture.store.inspection(id: inspection.id)?.state == .uploading)

            // Space comes back; the next start finishes the bookkeeping with the same session.
            disk.free()
            let later = try ServiceFixture.make(simulator: fixture.simulator, directory: disk.directory)
            let outcomes = await later.service.resumeAll()

            #expect(try outcomes.first?.outcome.get() == accepted.first?.session)
            #expect(await fixture.ledger(caseID: "CASE-DISK").count == 1)
            #expect(try later.store.sessions(inspectionID: inspection.id).map(\.session) == accepted.map(\.session))
            #expect(try later.store.inspection(id: inspection.id)?.state == .processing)
        }
    }
}
