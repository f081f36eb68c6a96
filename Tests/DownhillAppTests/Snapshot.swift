import Foundation
import Testing

/// Compares `lines` with the snapshot `name.txt` in `Tests/DownhillRenderTests/Snapshots/`
/// (the one folder of screen snapshots; this target has no resources of its own).
///
/// Records the snapshot (and passes) when the file is missing or the
/// environment has `SNAPSHOT_RECORD=1`. On a mismatch it reports a line diff: the first
/// differing lines, expected (`-`) and actual (`+`), with their 1-based line numbers.
/// Files are read and written through `#filePath`, so recording writes into the source tree.
func assertSnapshot(_ lines: [String], named name: String, filePath: StaticString = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DownhillRenderTests/Snapshots")
    let url = folder.appendingPathComponent(name + ".txt")
    let actual = lines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    guard !record, let data = FileManager.default.contents(atPath: url.path),
          let expected = String(data: data, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
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
