import ArgumentParser
import CursesTerminal
import Foundation
import InspektCore
import InspektStore
import InspektApp
import InspektService
import Synchronization
import TerminalUI

/// `inspekt-bench bench-ui …` (hidden): the measurements behind `scripts/bench-ui`.
struct BenchUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ui",
        abstract: "Measure the screen's speed (used by scripts/bench-ui).",
        subcommands: [Frames.self, Seed.self, Keys.self])

    /// Median time to update and draw one frame of the board and of the photo list.
    struct Frames: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Median update+draw time per frame.")

        @Option(help: "Rows in each list.") var count = 10_000
        @Option(help: "Frames measured per list.") var frames = 400
        @Option(help: "Terminal width for the pure measurement.") var width = 100
        @Option(help: "Terminal height for the pure measurement.") var height = 30

        mutating func run() async throws {
            let size = Size(width: width, height: height)
            var board = AppState(now: Date(), inboxRoot: "/nonexistent", idSeed: 1)
            _ = TerminalUI.update(&board, .resize(size))
            _ = TerminalUI.update(&board, .inspectionsLoaded(BenchData.inspections(count: count)))

            var photos = AppState(now: Date(), inboxRoot: "/bench/inbox", idSeed: 2)
            _ = TerminalUI.update(&photos, .resize(size))
            photos.draft = Inspection(facts: CaseFacts(caseID: "BENCH-PHOTOS"))
            photos.route = .photos
            _ = TerminalUI.update(
                &photos,
                .screen(
                    .photos(
                        .inboxScanned(
                            path: photos.photos.folder, BenchData.inboxItems(count: count, folder: "/bench/inbox")))))

            // Pure: update + view into the cell grid.
            let boardPure = Self.measure(frames) { key in
                _ = TerminalUI.update(&board, .key(key))
                _ = TerminalUI.view(board, size: size)
            }
            let photosPure = Self.measure(frames) { key in
                _ = TerminalUI.update(&photos, .key(key))
                _ = TerminalUI.view(photos, size: size)
            }
            // Through curses, when there is a terminal: update + view + draw (ncurses' own diff and output).
            var drawn: (board: Double, photos: Double)?
            if isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 {
                let terminal = try CursesTerminal(environment: ProcessInfo.processInfo.environment)
                let realSize = terminal.size
                _ = TerminalUI.update(&board, .resize(realSize))
                _ = TerminalUI.update(&photos, .resize(realSize))
                let boardDrawn = Self.measure(frames) { key in
                    _ = TerminalUI.update(&board, .key(key))
                    terminal.draw(TerminalUI.view(board, size: realSize))
                }
                terminal.invalidate()
                let photosDrawn = Self.measure(frames) { key in
                    _ = TerminalUI.update(&photos, .key(key))
                    terminal.draw(TerminalUI.view(photos, size: realSize))
                }
                terminal.shutdown()
                drawn = (boardDrawn, photosDrawn)
            }
            print(String(format: "RESULT board_frame_ms=%.3f", boardPure))
            print(String(format: "RESULT photos_frame_ms=%.3f", photosPure))
            if let drawn {
                print(String(format: "RESULT board_frame_drawn_ms=%.3f", drawn.board))
                print(String(format: "RESULT photos_frame_drawn_ms=%.3f", drawn.photos))
            }
        }

        /// Median milliseconds of `body`, moving down then up the list (j/k) so every frame changes.
        static func measure(_ frames: Int, _ body: (Key) -> Void) -> Double {
            var samples: [Double] = []
            samples.reserveCapacity(frames)
            for index in 0..<frames {
                let key: Key = (index / 20) % 2 == 0 ? .character("j") : .character("k")
                let start = DispatchTime.now().uptimeNanoseconds
                body(key)
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            samples.sort()
            return samples[samples.count / 2]
        }
    }

    /// Stores inspections in a data directory, for the start-up and one-row measurements.
    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store many inspections in a data directory.")

        @Option(help: "The data directory (INSPEKT_DATA_DIR of the run to measure).") var dataDir: String
        @Option(help: "How many inspections.") var count = 10_000

        mutating func run() async throws {
            let store = try InspektStore(directory: dataDir)
            try store.save(contentsOf: BenchData.inspections(count: count))
            print("RESULT seeded=\(try store.inspectionCount())")
        }
    }

    /// How long keys wait while a large folder is listed, through the real run loop and PhotoKit.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Longest key wait while listing a folder.")

        @Option(help: "The folder to list.") var folder: String
        @Option(help: "Milliseconds between two key presses.") var interval = 10
        @Option(help: "Key presses in all.") var presses = 400

        mutating func run() async throws {
            var state = AppState(now: Date(), inboxRoot: folder, idSeed: 3)
            state.draft = Inspection(facts: CaseFacts(caseID: "BENCH-KEYS"))
            state.route = .photos
            state.photos.scanning = true
            let recorder = HeadlessTerminal.Recorder()
            let scans = ScanCounter()
            let effects = AppEffects(perform: { command, post in
                switch command {
                case .screen(.photos(.scanInbox(let path))):
                    await LiveEffects.scanInbox(path: path, post: post)
                    scans.finish()
                case .screen(.photos(.loadPhotoFacts(let path))):
                    if let facts = try? InspektService.photoFacts(path: path) {
                        post(.screen(.photos(.photoFactsLoaded(path: path, facts))))
                    }
                default:
                    break
                }
            })
            let keys: [Key] = (0..<presses).map { ($0 / 25) % 2 == 0 ? .character("j") : .character("k") }
            let interval = interval
            let runtime = try AppRuntime(
                state: state, startCommands: [.screen(.photos(.scanInbox(path: folder)))], effects: effects
            ) { waker in
                HeadlessTerminal(
                    size: Size(width: 100, height: 30), waker: waker, keys: keys, intervalMilliseconds: interval,
                    recorder: recorder)
            }
            let started = Date()
            let loop = Task { try await runtime.run() }
            while !(recorder.allPressed.withLock { $0 } && scans.done) {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            try await Task.sleep(nanoseconds: 100_000_000)
            runtime.stop()
            _ = try await loop.value
            let waits = recorder.waits.withLock { $0 }.sorted()
            let worst = Double(waits.last ?? 0) / 1e6
            let median = Double(waits.isEmpty ? 0 : waits[waits.count / 2]) / 1e6
            print(String(format: "RESULT listing_seconds=%.3f", scans.seconds(since: started)))
            print(String(format: "RESULT key_wait_max_ms=%.3f", worst))
            print(String(format: "RESULT key_wait_median_ms=%.3f", median))
            print("RESULT keys=\(waits.count)")
        }
    }
}

/// When the benchmark's folder listing finished.
final class ScanCounter: Sendable {
    private let finishedAt = Mutex<Date?>(nil)
    func finish() { finishedAt.withLock { $0 = Date() } }
    var done: Bool { finishedAt.withLock { $0 != nil } }
    func seconds(since start: Date) -> Double { finishedAt.withLock { $0 }.map { $0.timeIntervalSince(start) } ?? -1 }
}

/// Plausible rows for the benchmarks, deterministic.
enum BenchData {
    static func inspections(count: Int) -> [Inspection] {
        (0..<count).map(inspection(_:))
    }

    static func inspection(_ index: Int) -> Inspection {
        let states: [InspectionState] = [.draft, .processing, .available, .rejected, .failedRetryable, .available]
        let state = states[index % states.count]
        let caseID = String(format: "BENCH-%05d", index)
        var photos: [PhotoSelection] = []
        for slot in CoverageSlot.walkAround.prefix(index % 9) {
            photos.append(
                PhotoSelection(slot: slot, path: "/bench/inbox/IMG_\(index)_\(slot.rawValue).jpg", size: 2_400_000))
        }
        var result: ResultSummary?
        if state == .available {
            let part = DamagedPart(part: "front bumper", damageType: "scratch", severity: 0.4, confidence: 0.9)
            result = ResultSummary(
                verdict: .available, caseID: caseID, inspectionID: "sess-\(index)", damagedParts: [part])
        } else if state == .rejected {
            result = ResultSummary(
                verdict: .rejected, caseID: caseID, inspectionID: "sess-\(index)",
                message: "Every photo is smaller than 320x240")
        }
        let id = String(format: "00000000-0000-4000-8000-%012d", index)
        let facts = CaseFacts(caseID: caseID, vehicle: "AB\(index % 100)CD\(index % 997)")
        let created = Date(timeIntervalSince1970: 1_750_000_000 + Double(index) * 60)
        let session: String? = state.wasAccepted ? "sess-\(index)" : nil
        let failure: String? = state == .failedRetryable ? "The connection was lost; press r to retry." : nil
        return Inspection(
            id: id, facts: facts, state: state, photos: photos, session: session,
            failureReason: failure, result: result, createdAt: created, updatedAt: created)
    }

    static func inboxItems(count: Int, folder: String) -> [InboxItem] {
        var items: [InboxItem] = []
        items.reserveCapacity(count)
        for index in 0..<count {
            let name = String(format: "IMG_%05d.jpg", index)
            let time = Date(timeIntervalSince1970: 1_750_000_000 + Double(index))
            let problem: String? = index % 97 == 0 ? "not an image" : nil
            items.append(
                InboxItem(
                    name: name, path: folder + "/" + name, size: 2_000_000 + Int64(index), modified: time,
                    captureTime: time, problem: problem))
        }
        return items
    }
}
