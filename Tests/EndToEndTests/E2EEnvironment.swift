import Foundation

/// What every end-to-end test needs: the binary, a private temporary folder, and a UTF-8 locale.
enum E2EEnvironment {
    /// A fresh folder under the temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "inspekt-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Variables for the program under test: UTF-8 (so glyphs draw as on an operator's SSH
    /// session), colour left to the terminal, receipts in `directory`.
    static func variables(directory: String) -> [String: String] {
        ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "INSPEKT_RECEIPT_DIR": directory, "TMPDIR": directory]
    }

    /// `inspekt demo` with `arguments`, as a shell command line.
    static func demoCommand(_ arguments: [String] = []) throws -> String {
        ([try InspektBinary.path(), "demo"] + arguments).map(TmuxSession.quote).joined(separator: " ")
    }

    /// The sample photos of the repository (for tests that build their own inbox).
    static func samplePhotos() throws -> [String] {
        var dir = FileManager.default.currentDirectoryPath
        while true {
            let candidate = dir + "/assets/photos"
            if let names = try? FileManager.default.contentsOfDirectory(atPath: candidate) {
                return names.filter { $0.lowercased().hasSuffix(".jpg") }.sorted().map { candidate + "/" + $0 }
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir { break }
            dir = parent
        }
        return []
    }
}
