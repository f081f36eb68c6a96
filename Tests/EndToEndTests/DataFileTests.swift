import Foundation
import Testing
import TestSupport

/// A named pipe that serves a data file and counts how often it is opened: a reader that
/// opens it again gets the contents again, and ``opens`` says so. `pace` spreads the
/// writing over time (bytes per second), for loads that must take a while.
final class CountingPipe: @unchecked Sendable {
    let path: String
    private let contents: [UInt8]
    private let bytesPerSecond: Int?
    private let lock = NSLock()
    private var count = 0
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    init(in folder: URL, contents: String, bytesPerSecond: Int? = nil) throws {
        path = folder.appendingPathComponent("data.csv").path
        self.contents = Array(contents.utf8)
        self.bytesPerSecond = bytesPerSecond
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        // A reader that goes away early must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        Thread.detachNewThread { [self] in serve() }
    }

    /// How many times a reader has opened the pipe so far.
    var opens: Int { lock.withLock { count } }

    private func serve() {
        while true {
            let fd = open(path, O_WRONLY)  // waits for a reader
            if lock.withLock({ stopping }) || fd < 0 {
                if fd >= 0 { Foundation.close(fd) }
                break
            }
            lock.withLock { count += 1 }
            var offset = 0
            let chunk = bytesPerSecond.map { max(1, $0 / 20) } ?? contents.count
            let started = now()
            while offset < contents.count {
                let n = contents[offset..<min(contents.count, offset + chunk)].withUnsafeBytes {
                    write(fd, $0.baseAddress, $0.count)
                }
                if n <= 0 { break }
                offset += n
                if let bytesPerSecond {
                    // Pace the writes: no faster than bytesPerSecond on average.
                    let due = started + Double(offset) / Double(bytesPerSecond)
                    let wait = due - now()
                    if wait > 0 { usleep(useconds_t(wait * 1e6)) }
                }
            }
            Foundation.close(fd)
            // Wait for that reader to close its end, so that the next open counted is a new
            // one (opening for writing without blocking fails with ENXIO when no reader is there).
            while !lock.withLock({ stopping }) {
                let probe = open(path, O_WRONLY | O_NONBLOCK)
                if probe < 0 { break }
                Foundation.close(probe)
                usleep(2_000)
            }
        }
        done.signal()
    }

    /// Stops serving: unblocks the waiting open with a reader of our own.
    func stop() {
        lock.withLock { stopping = true }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        _ = done.wait(timeout: .now() + 2)
        if fd >= 0 { Foundation.close(fd) }
        unlink(path)
    }
}

/// A data file is opened and read once, and a long load says how far it has got (issue 15, item 7).
@Suite("data files: read once, progress", .enabled(if: endToEndEnabled, "tmux is not installed"), .timeLimit(.minutes(1)))
struct DataFileTests {
    /// 400 rows of y = 2x + 1.
    static let rows = "x,y\n" + (0..<400).map { "\(Double($0) / 100),\(2 * Double($0) / 100 + 1)" }.joined(separator: "\n") + "\n"

    @Test("play opens the --data file once (a named pipe would hang or be counted twice)")
    func playOpensTheFileOnce() async throws {
        try await withTemporaryDirectoryAsync { dir in
            let pipe = try CountingPipe(in: dir, contents: Self.rows)
            defer { pipe.stop() }
            let s = try Session(["--surface", "linear-regression", "--data", pipe.path, "--paused"])
            defer { s.close() }
            let shown = await s.waitFor(10) { $0.contains("linear-regression") && $0.contains("paused") }
            #expect(shown.ok, "play did not start on the piped data:\n\(shown.screen)\n\(s.stderr)")
            // Give a second open the time to happen before counting.
            try await Task.sleep(for: .milliseconds(300))
            #expect(pipe.opens == 1)
            try s.keys("q")
            #expect(await s.waitForExit(3) == 0)
        }
    }

    @Test("run and frame open the --data file once", arguments: [["run", "--steps", "3"], ["frame", "--steps", "3"]])
    func headlessOpensTheFileOnce(command: [String]) throws {
        try withTemporaryDirectory { dir in
            let pipe = try CountingPipe(in: dir, contents: Self.rows)
            defer { pipe.stop() }
            let result = try runTool(downhillBinary.path, command + ["--surface", "linear-regression", "--data", pipe.path],
                                     environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
            #expect(result.status == 0)
            #expect(pipe.opens == 1)
        }
    }

    @Test("a load that takes longer than half a second shows its progress, then the screen")
    func slowLoadShowsProgress() async throws {
        try await withTemporaryDirectoryAsync { dir in
            // 400 rows (about 4 KB) at 2,000 bytes a second: a two-second load.
            let pipe = try CountingPipe(in: dir, contents: Self.rows, bytesPerSecond: 2_000)
            defer { pipe.stop() }
            let s = try Session(["--surface", "linear-regression", "--data", pipe.path, "--paused"], stderrToTerminal: true)
            defer { s.close() }
            let progress = await s.waitFor(5) { $0.contains("reading data.csv") }
            #expect(progress.ok, "no progress line:\n\(progress.screen)")
            let shown = await s.waitFor(10) { $0.contains("linear-regression") && $0.contains("paused") }
            #expect(shown.ok, "play did not start:\n\(shown.screen)")
            try s.keys("q")
            #expect(await s.waitForExit(3) == 0)
            // The progress line was erased: nothing of it is left after the program ends.
            let after = await s.waitFor(3) { $0.contains("to reproduce:") }
            #expect(after.ok && !after.screen.contains("reading data.csv"), "progress left on the screen:\n\(after.screen)")
        }
    }
}

/// ``withTemporaryDirectory`` for async bodies.
func withTemporaryDirectoryAsync<T>(_ body: (URL) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("downhill-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try await body(dir)
}
