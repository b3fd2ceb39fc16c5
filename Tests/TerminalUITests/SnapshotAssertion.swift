import Foundation
import Testing

@testable import TerminalUI

/// Compares a screen's framed text with `__Snapshots__/<name>.txt` beside this file.
///
/// A missing file, or `SNAPSHOT_UPDATE=1`, writes the baseline and fails, so that no new baseline passes unseen.
func assertSnapshot(
    _ screen: Screen, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = screen.framedText
    let update = ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] == "1"
    let expected = try? String(contentsOf: file, encoding: .utf8)
    if update || expected == nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        Issue.record("new baseline written to \(file.path): review it and rerun", sourceLocation: sourceLocation)
        return
    }
    guard let expected, expected != actual else { return }
    Issue.record(
        "snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
}

/// The differing rows, expected then actual.
func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let left = i < e.count ? String(e[i]) : "<none>"
        let right = i < a.count ? String(a[i]) : "<none>"
        if left != right {
            out.append(String(format: "row %2d - %@", i, left))
            out.append(String(format: "row %2d + %@", i, right))
        }
    }
    return out.joined(separator: "\n")
}

/// The visible text of a screen, rows joined: for `contains` checks.
func text(_ screen: Screen) -> String {
    (0..<screen.size.height).map { screen.rowText($0) }.joined(separator: "\n")
}
