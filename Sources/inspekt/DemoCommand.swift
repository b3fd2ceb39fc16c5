import ArgumentParser
import CursesTerminal
import Foundation
import InspektCore
import InspektService
import InspektSimulator
import Logging
import TerminalUI

/// `inspekt demo`: the simulator, the callback receiver and the board in one process, over a
/// temporary data folder and an inbox holding the sample photos.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try inspekt against a local simulated Inspektlabs, with sample photos.",
        discussion: """
            Nothing leaves this machine: a simulator and the callback receiver run on free loopback \
            ports, the data lives in a temporary folder removed on exit, and the inbox holds copies \
            of the sample photos in assets/photos. With INSPEKT_DATA_DIR set, the data (and the \
            demo inbox, unless --inbox names one) live there instead and survive a restart.
            """)

    @Flag(name: .long, help: "Draw with ASCII only (no line drawing, no Unicode glyphs).")
    var ascii = false

    @Option(name: .long, help: "Seconds the simulator takes to deliver a result.")
    var processingDelay: Double = 3

    @Option(name: .long, help: "Use this folder as the inbox instead of a copy of the sample photos.")
    var inbox: String?

    @Option(name: .long, help: ArgumentHelp("Bytes per second the simulator reads uploads at (to watch progress).", visibility: .hidden))
    var bandwidth: Int?

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let root: String
        do {
            root = try DemoFiles.makeTemporaryRoot()
        } catch {
            Terminal.error("The demo's temporary folder cannot be created: \(error)")
            throw ExitCode(1)
        }
        // INSPEKT_DATA_DIR keeps the demo across restarts; without it everything goes with the temporary folder.
        let keptData = environment["INSPEKT_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let dataDirectory = keptData ?? root + "/data"
        let inboxDirectory: String
        if let inbox {
            inboxDirectory = inbox
        } else {
            inboxDirectory = keptData.map { $0 + "/demo-inbox" } ?? root + "/inbox"
            do {
                // A kept inbox is filled once: the photos of earlier drafts stay where they were chosen.
                if !FileManager.default.fileExists(atPath: inboxDirectory) {
                    try DemoFiles.copySamplePhotos(to: inboxDirectory)
                }
            } catch {
                try? FileManager.default.removeItem(atPath: root)
                Terminal.error("\(error)")
                throw ExitCode(1)
            }
        }

        try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let logger = FileLogHandler.logger(label: "inspekt.demo.simulator", directory: dataDirectory)
        let simulator = InspektSimulator(
            configuration: SimulatorConfiguration(
                apiKeys: [DemoFiles.apiKey], processingDelay: processingDelay, bandwidth: bandwidth),
            logger: logger)
        let simulatorPort: Int
        do {
            simulatorPort = try await simulator.start()
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            Terminal.error("The simulator could not start on loopback: \(error)")
            throw ExitCode(1)
        }
        guard let receiverPort = FreePort.find() else {
            await simulator.stop()
            try? FileManager.default.removeItem(atPath: root)
            Terminal.error("No free loopback port for the callback receiver.")
            throw ExitCode(1)
        }
        let configuration = ServiceConfiguration(
            apiKey: DemoFiles.apiKey, baseURL: "http://127.0.0.1:\(simulatorPort)", dataDirectory: dataDirectory,
            callbackBase: "http://127.0.0.1:\(receiverPort)", receiverListen: "127.0.0.1:\(receiverPort)")
        let stack: ServiceStack
        do {
            stack = try ServiceStack(configuration: configuration)
        } catch {
            await simulator.stop()
            try? FileManager.default.removeItem(atPath: root)
            Terminal.error("The demo database cannot be opened: \(error)")
            throw ExitCode(1)
        }
        let receiverProblem = await stack.startReceiver(listen: ListenAddress(host: "127.0.0.1", port: receiverPort))
        // Short enough for the title bar at 80 columns; where the data lives goes on the message line.
        let banner = "DEMO: local simulator :\(simulatorPort)"
        let whereData = keptData == nil
            ? "Demo data in \(dataDirectory), removed on exit (set INSPEKT_DATA_DIR to keep it)."
            : "Demo data in \(dataDirectory) (INSPEKT_DATA_DIR): it stays after you quit."
        let cleanup: @Sendable () async -> Void = {
            await stack.stop()
            await simulator.stop()
            try? FileManager.default.removeItem(atPath: root)
        }
        do {
            try await BoardSession.run(
                stack: stack, inbox: inboxDirectory, asciiFlag: ascii, banner: banner,
                notice: receiverProblem.map { Notice($0, role: .warn) } ?? Notice(whereData), environment: environment,
                cleanup: cleanup)
        } catch let error as CursesTerminalError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}

/// Where the demo keeps its files, and where the sample photos come from.
enum DemoFiles {
    /// The key the demo's simulator accepts (not a secret: it only opens the local simulator).
    static let apiKey = "demo-key"

    static func makeTemporaryRoot() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/inspekt-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard made != nil else { throw DemoError.noTemporaryFolder(base) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Copies every sample photo into `directory`.
    static func copySamplePhotos(to directory: String) throws {
        guard let source = samplePhotosDirectory() else { throw DemoError.noSamplePhotos }
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: source) where !name.hasPrefix(".") {
            let from = source + "/" + name
            let to = directory + "/" + name
            try manager.copyItem(atPath: from, toPath: to)
            // Keep the photo's own time, so "newest first" follows the walk-around as shot.
            if let attributes = try? manager.attributesOfItem(atPath: from), let date = attributes[.modificationDate] {
                try? manager.setAttributes([.modificationDate: date], ofItemAtPath: to)
            }
        }
    }

    /// `assets/photos`, searched upward from the executable and from the current folder
    /// (`INSPEKT_ASSETS` overrides: a folder holding `photos/`).
    static func samplePhotosDirectory() -> String? {
        let manager = FileManager.default
        let environment = ProcessInfo.processInfo.environment
        if let assets = environment["INSPEKT_ASSETS"], !assets.isEmpty {
            return manager.fileExists(atPath: assets + "/photos") ? assets + "/photos" : nil
        }
        var starts: [String] = []
        if let executable = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((executable as NSString).deletingLastPathComponent)
        }
        starts.append(manager.currentDirectoryPath)
        for start in starts {
            var dir = start
            while true {
                let candidate = dir + "/assets/photos"
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate
                }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
        }
        return nil
    }

    enum DemoError: Error, CustomStringConvertible {
        case noTemporaryFolder(String)
        case noSamplePhotos

        var description: String {
            switch self {
            case .noTemporaryFolder(let base): "No temporary folder can be made in \(base): check TMPDIR."
            case .noSamplePhotos:
                "The sample photos (assets/photos) were not found next to the program or in the current folder: run `inspekt demo` from the project folder, or set INSPEKT_ASSETS."
            }
        }
    }
}
