import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the demo keeps its files, and where the sample photos come from.
public enum DemoFiles {
    /// The key the demo's simulator accepts (not a secret: it only opens the local simulator).
    public static let apiKey = "demo-key"

    public static func makeTemporaryRoot() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/inspekt-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard made != nil else { throw DemoError.noTemporaryFolder(base) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Copies every sample photo into `directory`: the pickup's at the top, the return's in `return/`.
    public static func copySamplePhotos(to directory: String) throws {
        guard let source = samplePhotosDirectory() else { throw DemoError.noSamplePhotos }
        try copyFolder(source, to: directory)
    }

    /// The demo car and what its photos show: `demo-manifest.json` beside `photos/`, when it is there.
    public static func manifestPath() -> String? {
        guard let photos = samplePhotosDirectory() else { return nil }
        let path = (photos as NSString).deletingLastPathComponent + "/demo-manifest.json"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private static func copyFolder(_ source: String, to directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: source) where !name.hasPrefix(".") {
            let from = source + "/" + name
            let to = directory + "/" + name
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory.boolValue {
                try copyFolder(from, to: to)
                continue
            }
            try manager.copyItem(atPath: from, toPath: to)
            // Keep the photo's own time, so "newest first" follows the walk-around as shot.
            if let attributes = try? manager.attributesOfItem(atPath: from), let date = attributes[.modificationDate] {
                try? manager.setAttributes([.modificationDate: date], ofItemAtPath: to)
            }
        }
    }

    /// `assets/photos`, searched upward from the executable and from the current folder
    /// (`INSPEKT_ASSETS` overrides: a folder holding `photos/`).
    public static func samplePhotosDirectory() -> String? {
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

    public enum DemoError: Error, CustomStringConvertible {
        case noTemporaryFolder(String)
        case noSamplePhotos

        public var description: String {
            switch self {
            case .noTemporaryFolder(let base): "No temporary folder can be made in \(base): check TMPDIR."
            case .noSamplePhotos:
                "The sample photos (assets/photos) were not found next to the program or in the current folder: run `inspekt demo` from the project folder, or set INSPEKT_ASSETS."
            }
        }
    }
}
