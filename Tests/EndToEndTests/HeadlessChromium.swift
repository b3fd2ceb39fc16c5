import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real browser for the HTML report: Debian's `chromium` (installed by `scripts/install-prerequisites`),
/// headless, with every host name unresolvable so that a page needing the network cannot pass.
enum HeadlessChromium {
    /// The browser's path, or nil when it is not installed.
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let missing =
        "chromium is not installed (scripts/install-prerequisites installs it): the report cannot be rendered"

    /// Renders `html` to a PNG of `width × height` CSS pixels at scale 1.
    static func screenshot(_ html: String, to png: String, width: Int, height: Int) async throws {
        try await run(
            [
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=\(width),\(height)",
                "--screenshot=\(png)",
                "file://" + html,
            ], output: png)
    }

    /// Prints `html` to a PDF as the browser's print dialog would (the page's own @page size), without header or footer.
    static func printToPDF(_ html: String, to pdf: String) async throws {
        try await run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://" + html], output: pdf)
    }

    /// Pages of a PDF that Chromium wrote (its page objects are plain `/Type /Page` dictionaries).
    static func pageCount(ofPDF path: String) throws -> Int {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static func run(_ arguments: [String], output: String, timeout: Double = 120) async throws {
        guard let path else { throw Failure(description: missing) }
        let profile = NSTemporaryDirectory() + "inspekt-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // --no-sandbox: test machines and CI run as root, where Chromium's sandbox refuses to start.
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile)", "--host-resolver-rules=MAP * ~NOTFOUND",
            ] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try? FileManager.default.removeItem(atPath: output)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        guard FileManager.default.fileExists(atPath: output) else {
            throw Failure(description: "chromium wrote no \(output) (exit \(process.terminationStatus))")
        }
    }
}

/// The pixels of one colour in a PNG, found by `scripts/png-colour-box` (Python's zlib; nothing of the code under test).
struct ColourPixels {
    var width: Int, height: Int, count: Int
    var minX: Int, minY: Int, maxX: Int, maxY: Int
    /// The colour at the centre of the pixels' bounding box.
    var centre: (r: Int, g: Int, b: Int)

    static func find(in png: String, red: Int, green: Int, blue: Int, tolerance: Int = 40) throws -> ColourPixels {
        let output = try PNGScript.run("png-colour-box", [png, "\(red)", "\(green)", "\(blue)", "\(tolerance)"])
        let numbers = output.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard numbers.count == 10 else {
            throw HeadlessChromium.Failure(description: "png-colour-box said: \(numbers)")
        }
        return ColourPixels(
            width: numbers[0], height: numbers[1], count: numbers[2], minX: numbers[3], minY: numbers[4],
            maxX: numbers[5],
            maxY: numbers[6], centre: (numbers[7], numbers[8], numbers[9]))
    }

}

/// The report's text outside its embedded photos: base64 may spell anything, "http" included, without
/// being a reference to anything.
enum ReportText {
    static func withoutDataURIs(_ html: String) -> String {
        html.replacingOccurrences(
            of: "data:[a-z]+/[a-z]+;base64,[A-Za-z0-9+/=]*", with: "data:", options: .regularExpression)
    }

    /// Whether the report names anything on the network (any "http", any case, outside the photos' bytes).
    static func referencesTheNetwork(_ html: String) -> Bool {
        withoutDataURIs(html).lowercased().contains("http")
    }
}

/// The repository's Python readers of PNG files (`scripts/png-*`: the standard library only, nothing of the code
/// under test), run on one file; their standard output.
enum PNGScript {
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", try path(name)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `scripts/NAME` of the repository, found from the working directory up.
    private static func path(_ name: String) throws -> String {
        var dir = FileManager.default.currentDirectoryPath
        while true {
            let candidate = dir + "/scripts/" + name
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir { throw HeadlessChromium.Failure(description: "scripts/\(name) not found") }
            dir = parent
        }
    }
}
