import Foundation
import Testing

/// The one folder of screen snapshots: `Tests/DownhillRenderTests/Snapshots/`.
public let snapshotFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("DownhillRenderTests/Snapshots")

/// Compares `lines` (a screen, one string per row) with the snapshot `name.txt` in
/// ``snapshotFolder``.
///
/// Records the snapshot only when the environment has `SNAPSHOT_RECORD=1`. Otherwise a
/// missing snapshot is a failure, locally as in CI: a snapshot nobody has looked at checks
/// nothing. On a mismatch it reports a line diff: the first differing lines, expected (`-`)
/// and actual (`+`), with their 1-based line numbers. Files are found through `#filePath`,
/// so recording writes into the source tree.
public func assertSnapshot(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = snapshotFolder
    let url = folder.appendingPathComponent(name + ".txt")
    let actual = lines.joined(separator: "\n") + "\n"
    let environment = ProcessInfo.processInfo.environment
    let record = environment["SNAPSHOT_RECORD"] == "1"
    if record {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("snapshot '\(name)' is missing; record it with SNAPSHOT_RECORD=1 and look at it", sourceLocation: sourceLocation)
        return
    }
    guard let expected = String(data: data, encoding: .utf8) else {
        Issue.record("snapshot '\(name)' is not UTF-8 text (\(url.path)); re-record it with SNAPSHOT_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var diff: [String] = []
    for i in 0..<max(want.count, got.count) where diff.count < 24 {
        let w = i < want.count ? want[i] : nil, g = i < got.count ? got[i] : nil
        guard w != g else { continue }
        if let w { diff.append("\(i + 1) - \(w)") }
        if let g { diff.append("\(i + 1) + \(g)") }
    }
    Issue.record("snapshot '\(name)' differs (SNAPSHOT_RECORD=1 to re-record):\n\(diff.joined(separator: "\n"))",
                 sourceLocation: sourceLocation)
}
