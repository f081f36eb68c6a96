import Foundation
import Testing
import TestSupport

/// The terminal is given back in every case: signals, crashes, hang-ups, resizes, tiny
/// screens; and `play` refuses, in one line and without escape codes, where it cannot run.
@Suite("play: robustness", .enabled(if: endToEndEnabled, "tmux is not installed"), .timeLimit(.minutes(1)))
struct RobustnessTests {
    @Test("SIGINT, SIGTERM, SIGHUP: exit 128 + signal within a second, terminal restored",
          arguments: [SIGINT, SIGTERM, SIGHUP], [false, true])
    func terminatingSignal(signal: Int32, paused: Bool) async throws {
        let s = try Session(paused ? ["--paused"] : longRun)
        defer { s.close() }
        try #require(await s.waitFor(text: paused ? "paused" : "running").ok, "not started:\n\(s.screen())")
        let pid = try #require(await s.waitForPID(), "downhill process not found")
        #expect(s.modes().alternate, "not on the alternate screen while running")

        let sent = now()
        kill(pid, signal)
        let status = await s.waitForExit(5)
        let elapsed = now() - sent
        #expect(status == 128 + signal)
        #expect(elapsed < 1.0, "took \(elapsed) s to exit")
        let modes = s.modes()
        #expect(!modes.alternate, "still on the alternate screen")
        #expect(modes.cursorVisible, "cursor still hidden")
        #expect(!modes.mouse, "mouse reporting still on")
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after the signal:\n\(s.sttyAfterExit)")
    }

    @Test("crash signals: terminal restored, process dies of the signal at once (no crash prompt)",
          arguments: [SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS, SIGFPE])
    func crash(signal: Int32) async throws {
        let s = try Session(longRun)
        defer { s.close() }
        try #require(await s.waitFor(text: "running").ok)
        let pid = try #require(await s.waitForPID())
        let sent = now()
        kill(pid, signal)
        let status = await s.waitForExit(5)
        #expect(status == 128 + signal, "the shell should see death by signal \(signal)")
        #expect(now() - sent < 2.0)
        let modes = s.modes()
        #expect(!modes.alternate && modes.cursorVisible && !modes.mouse)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after the crash:\n\(s.sttyAfterExit)")
    }

    @Test("the terminal going away (tmux server killed): the process exits within a second")
    func hangUp() async throws {
        let s = try Session(["--paused"])
        defer { s.close() }
        try #require(await s.waitFor(text: "paused").ok)
        let pid = try #require(await s.waitForPID())
        let killed = now()
        try s.tmux(["kill-server"])
        var gone = false
        while now() - killed < 1.0 {
            if !isRunning(pid) { gone = true; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(gone, "downhill still running a second after its terminal went away")
        if !gone { kill(pid, SIGKILL) }
    }

    @Test("forty resizes in two seconds between 200×60 and 10×3, then 100×30: a clean redraw",
          arguments: [true, false])
    func resizeStorm(paused: Bool) async throws {
        let s = try Session((paused ? ["--paused"] : longRun) + ["--ascii"], width: 100, height: 30)
        defer { s.close() }
        try #require(await s.waitFor(text: paused ? "paused" : "running").ok)
        let begin = now()
        for i in 0..<40 {
            if i % 2 == 0 { try s.resize(200, 60) } else { try s.resize(10, 3) }
            let due = begin + Double(i + 1) * 0.05
            if due > now() { try await Task.sleep(for: .milliseconds(Int((due - now()) * 1000))) }
        }
        try s.resize(100, 30)
        if paused {
            // Paused, the screen must be exactly what `frame` draws at 100×30.
            let expected = try frameLines(["--ascii"], width: 100, height: 30)
            let redrawn = await s.waitFor(3) { normalized($0) == expected }
            #expect(redrawn.ok, "after the resizes:\n\(redrawn.screen)\nexpected:\n\(expected.joined(separator: "\n"))")
        } else {
            let redrawn = await s.waitFor(3) { screen in
                let lines = normalized(screen)
                return screen.contains("running") && lines.count >= 25 && lines.contains { $0.count >= 90 }
                    && !lines.contains { $0.count > 100 }
            }
            #expect(redrawn.ok, "after the resizes:\n\(redrawn.screen)")
        }
        #expect(s.status == nil, "exited during the resizes: \(s.status.map(String.init) ?? "") \(s.stderr)")
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("a tiny terminal shows a 'too small' line or nothing, and draws normally once grown",
          arguments: [(1, 1), (12, 4), (20, 5)])
    func tinyStart(width: Int, height: Int) async throws {
        let s = try Session(["--paused", "--ascii"], width: width, height: height)
        defer { s.close() }
        _ = try #require(await s.waitForPID())
        try await Task.sleep(for: .milliseconds(300))
        let tiny = s.screen()
        let blank = tiny.allSatisfy { $0 == " " || $0 == "\n" }
        #expect(blank || tiny.lowercased().contains("small"), "at \(width)×\(height):\n\(tiny)")
        #expect(s.status == nil, "exited at \(width)×\(height): \(s.stderr)")

        try s.resize(80, 24)
        let expected = try frameLines(["--ascii"], width: 80, height: 24)
        let grown = await s.waitFor(3) { normalized($0) == expected }
        #expect(grown.ok, "after growing to 80×24:\n\(grown.screen)")
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("TERM unset, empty, unknown or unable to address the cursor: one line on stderr, status 1",
          arguments: [["-u", "TERM"], ["TERM="], ["TERM=nonexistent"], ["TERM=dumb"]])
    func badTerm(environment: [String]) async throws {
        let s = try Session([], environment: environment + ["LC_ALL=C.UTF-8"])
        defer { s.close() }
        let status = await s.waitForExit(5)
        #expect(status == 1)
        let lines = s.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(s.stderr)")
        #expect(s.stderr.contains("TERM"), "stderr: \(s.stderr)")
        #expect(s.stderr.contains("downhill frame") && s.stderr.contains("downhill run"), "stderr: \(s.stderr)")
        #expect(!s.stderr.contains("\u{1B}"))
        #expect(!s.modes().alternate)
        #expect(sttyIsSane(s.sttyAfterExit))
    }

    @Test("standard output redirected to a file (in a terminal): one line, no escape bytes")
    func redirectedInTerminal() async throws {
        let s = try Session([], redirectStdout: true)
        defer { s.close() }
        #expect(await s.waitForExit(5) == 1)
        #expect(s.stderr.split(separator: "\n").count == 1, "stderr: \(s.stderr)")
        #expect(s.stderr.contains("not a terminal"), "stderr: \(s.stderr)")
        #expect(!s.stdoutBytes.contains(0x1B), "escape bytes written to the file")
        #expect(sttyIsSane(s.sttyAfterExit))
    }
}

/// Needs no terminal at all: runs even where tmux is missing.
@Suite("play without a terminal", .timeLimit(.minutes(1)))
struct NoTerminalTests {
    @Test("standard output a file, input /dev/null: status 1, one line on stderr, empty file")
    func redirected() throws {
        try withTemporaryDirectory { dir in
            let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
            let result = try runTool(downhillBinary.path, ["play"],
                                     environment: ["TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
                                     stdoutPath: out.path, stderrPath: err.path)
            #expect(result.status == 1)
            let stderr = try String(contentsOf: err, encoding: .utf8)
            #expect(stderr.split(separator: "\n").count == 1, "stderr: \(stderr)")
            #expect(stderr.contains("not a terminal") && stderr.contains("downhill frame"), "stderr: \(stderr)")
            #expect(try Data(contentsOf: out).isEmpty, "bytes written to the redirected stdout")
        }
    }
}
