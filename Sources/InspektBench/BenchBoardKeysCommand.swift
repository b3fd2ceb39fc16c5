import ArgumentParser
import Foundation
import InspektApp
import InspektService
import Synchronization
import TerminalUI

/// `inspekt-bench board-keys …` (hidden): how long the board's keys wait for their frame over a fleet database,
/// through the real run loop, the live effects and the store (used by `scripts/bench-board-latency`).
struct BenchBoardKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board-keys", abstract: "Key-to-frame waits on the board over a database.")

    @Option(help: "The fleet database (INSPEKT_DATABASE_URL), e.g. behind a proxy that adds latency.") var databaseURL:
        String
    @Option(help: "The data directory.") var dataDir: String
    @Option(help: "Store this many inspections first (0: use what is stored).") var seed = 0
    @Option(help: "Milliseconds between two key presses.") var interval = 120

    mutating func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["INSPEKT_DATABASE_URL"] = databaseURL
        environment["INSPEKT_DATA_DIR"] = dataDir
        environment["INSPEKT_KIOSK_ID"] = "bench-kiosk"
        let configuration = try ServiceConfiguration.fromEnvironment(environment, requireAPIKey: false)
        // As `inspekt db migrate` would, once, from the first run.
        if seed > 0 { _ = try InspektService.openStore(configuration, migrate: true) }
        let stack = try ServiceStack(configuration: configuration)
        if seed > 0 { try stack.service.storeAsTheyAre(BenchData.inspections(count: seed)) }
        var state = AppState(now: Date(), inboxRoot: dataDir, idSeed: 5)
        // Read before the first frame, as the board does: over a far database this is where the latency shows.
        let attaching = DispatchTime.now().uptimeNanoseconds
        state.attachBoardSource(ServiceBoardSource(service: stack.service))
        let firstPage = Double(DispatchTime.now().uptimeNanoseconds - attaching) / 1e6
        // Moves within and past the rows read, pages, and a filter typed, corrected and cleared: the keys of an
        // operator looking for a case.
        let moves: [Key] =
            Array(repeating: .character("j"), count: 12) + [
                .pageDown, .pageDown, .character("k"), .character("G"), .character("g"),
            ]
        let filter: [Key] =
            [.character("/")] + "case-12".map { .character($0) } + [.backspace, .backspace, .character("3"), .escape]
        let keys = moves + filter + moves
        let recorder = HeadlessTerminal.Recorder()
        let interval = interval
        let runtime = try AppRuntime(
            state: state, effects: LiveEffects.make(service: stack.service, receiptDirectory: dataDir)
        ) { waker in
            HeadlessTerminal(
                size: Size(width: 100, height: 30), waker: waker, keys: keys, intervalMilliseconds: interval,
                recorder: recorder)
        }
        let loop = Task { try await runtime.run() }
        while !(recorder.allPressed.withLock { $0 }) { try await Task.sleep(nanoseconds: 20_000_000) }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        runtime.stop()
        _ = try await loop.value
        await stack.stop()
        let waits = recorder.waits.withLock { $0 }.sorted()
        print(
            String(format: "RESULT key_wait_median_ms=%.3f", Double(waits.isEmpty ? 0 : waits[waits.count / 2]) / 1e6))
        print(String(format: "RESULT key_wait_max_ms=%.3f", Double(waits.last ?? 0) / 1e6))
        print("RESULT keys=\(waits.count)")
        print(String(format: "RESULT first_page_ms=%.1f", firstPage))
    }
}
