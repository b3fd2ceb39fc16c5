import Foundation
import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of the inbox list: a folder or a file, with what a quick look at it showed.
public struct InboxEntry: Sendable, Hashable, Identifiable {
    public var name: String
    public var path: String
    public var isDirectory: Bool
    public var size: Int64
    public var modificationDate: Date
    /// The file's type, or why it cannot be sent; nil for folders, and for files whose header was not read yet.
    public var check: Result<MediaType, FileProblem>?

    public var id: String { path }

    public init(
        name: String, path: String, isDirectory: Bool, size: Int64, modificationDate: Date,
        check: Result<MediaType, FileProblem>?
    ) {
        self.name = name
        self.path = path
        self.isDirectory = isDirectory
        self.size = size
        self.modificationDate = modificationDate
        self.check = check
    }

    /// Whether this file may be sent (false for folders and unchecked files).
    public var isSendable: Bool {
        if case .success = check { return true }
        return false
    }
}

/// Lists an inbox folder: folders first, then files, newest first; hidden entries skipped.
public struct InboxScanner: Sendable {
    /// Lists `directory`; with `readHeaders`, each candidate photo's first bytes are checked too.
    public static func scan(directory: String, readHeaders: Bool = true) throws -> [InboxEntry] {
        let name = PhotoInspector.fileName(of: directory)
        guard let dir = opendir(directory) else {
            throw PhotoInspector.problem(errno, name: name)
        }
        defer { closedir(dir) }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var entries: [InboxEntry] = []
        while let item = readdir(dir) {
            let entryName = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if entryName.isEmpty || entryName.hasPrefix(".") { continue }
            entries.append(entry(name: entryName, path: base + entryName, readHeader: readHeaders))
        }
        entries.sort(by: order)
        return entries
    }

    /// The same entry with its header read and checked.
    public static func checked(_ entry: InboxEntry) -> InboxEntry {
        guard !entry.isDirectory else { return entry }
        var result = entry
        result.check = PhotoInspector.check(path: entry.path)
        return result
    }

    /// Folders first, then newest first, then by name so equal times keep a stable order.
    static func order(_ a: InboxEntry, _ b: InboxEntry) -> Bool {
        if a.isDirectory != b.isDirectory { return a.isDirectory }
        if a.modificationDate != b.modificationDate { return a.modificationDate > b.modificationDate }
        return a.name < b.name
    }

    static func entry(name: String, path: String, readHeader: Bool) -> InboxEntry {
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A dangling link or a file removed while listing: shown, and marked.
            let problem = PhotoInspector.problem(errno, name: name)
            return InboxEntry(
                name: name, path: path, isDirectory: false, size: 0, modificationDate: .distantPast,
                check: .failure(problem))
        }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            return InboxEntry(
                name: name, path: path, isDirectory: true, size: 0, modificationDate: modified, check: nil)
        }
        let size = Int64(info.st_size)
        let check: Result<MediaType, FileProblem>?
        if kind != S_IFREG {
            check = .failure(.notAFile(name: name))
        } else if MediaType.claimed(byExtension: PhotoInspector.fileExtension(of: name)) == nil || size == 0 {
            check = MediaRule.check(fileName: name, size: size, header: [])
        } else {
            check = readHeader ? PhotoInspector.check(path: path) : nil
        }
        return InboxEntry(
            name: name, path: path, isDirectory: false, size: size, modificationDate: modified, check: check)
    }
}
