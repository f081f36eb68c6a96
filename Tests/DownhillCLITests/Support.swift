import Foundation
import Testing
import TestSupport

/// The reference fixtures live with the core tests; the CLI tests read the same files.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("DownhillCoreTests/Fixtures")

/// The `downhill` binary built beside this test bundle.
let downhillBinary: URL = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    // On Linux the test bundle is `<products>/downhillPackageTests.xctest`, an executable file.
    while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("downhill").path), dir.path != "/" {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("downhill")
}()

/// What a finished process left: its exit status and everything it printed.
struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
    var stderrLines: [String] { stderr.split(whereSeparator: \.isNewline).map(String.init) }
}

/// Runs `downhill` with arguments and an optional environment; stdin is /dev/null.
func downhill(_ args: [String], environment: [String: String]? = nil, cwd: URL? = nil) throws -> Outcome {
    let p = Process()
    p.executableURL = downhillBinary
    p.arguments = args
    // A UTF-8 locale unless the test says otherwise: CI may run with no LANG at all, and
    // `frame` draws ASCII outside a UTF-8 locale, as `play` does.
    p.environment = environment ?? ProcessInfo.processInfo.environment.merging(["LC_ALL": "C.UTF-8"]) { $1 }
    if let cwd { p.currentDirectoryURL = cwd }
    // Output goes to temporary files, so a large output can never block the child.
    return try withTemporaryFile("", suffix: ".out") { outURL in
        try withTemporaryFile("", suffix: ".err") { errURL in
            p.standardOutput = try FileHandle(forWritingTo: outURL)
            p.standardError = try FileHandle(forWritingTo: errURL)
            p.standardInput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
            return Outcome(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                           stderr: String(decoding: errData, as: UTF8.self))
        }
    }
}

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

/// Numeric CSV with a header row → rows of doubles.
func parseCSV(_ text: String) -> [[Double]] {
    text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
}
