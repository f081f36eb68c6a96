import Foundation
import Testing
import TestSupport

/// Recordings replayed through a real terminal emulator (tmux): `play --record` gives back
/// the screen the session showed, `cast` the screen `frame` draws.
@Suite("recordings replayed in tmux", .enabled(if: endToEndEnabled, "tmux is not installed"), .timeLimit(.minutes(1)))
struct RecordingReplayTests {
    /// The text of `events` replayed in a fresh tmux pane of `width × height` (echo off, so
    /// the pane's answers to status requests do not show), as screen lines.
    func replay(_ events: [(time: Double, code: String, text: String)], width: Int, height: Int, until marker: String) async throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("output")
        let text = events.filter { $0.code == "o" }.map(\.text).joined()
        try Data(text.utf8).write(to: file)
        let done = folder.appendingPathComponent("done").path
        let s = try Session(["-c", "stty -echo; cat \(shellQuote(file.path)); touch \(shellQuote(done))"], width: width, height: height,
                            program: "/bin/sh")
        defer { s.close() }
        let shown = await s.waitFor { _ in FileManager.default.fileExists(atPath: done) }
        #expect(shown.ok, "the replay did not finish")
        let settled = await s.waitFor(text: marker)
        #expect(settled.ok, "the replay does not show '\(marker)':\n\(settled.screen)")
        return s.lines()
    }

    @Test("a live session's recording replays to the screen the session showed")
    func liveRecording() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("session.cast").path
        let s = try Session(longRun + ["--paused", "--show", "maths", "--record", path], width: 100, height: 30)
        defer { s.close() }
        try #require(await s.waitFor { number(after: "step", in: $0) == 0 && $0.contains("paused") }.ok, "no paused screen:\n\(s.screen())")
        try s.keys("n", "n", "n", "+")
        let stepped = await s.waitFor { number(after: "step", in: $0) == 3 && (number(after: "lr", in: $0) ?? 0) > 0.00011 }
        try #require(stepped.ok, "three steps and + not seen:\n\(stepped.screen)")
        let live = s.lines()
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after q:\n\(s.sttyAfterExit)")

        let (header, events) = try parseAsciicast(try String(contentsOfFile: path, encoding: .utf8))
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100)
        #expect(header["height"] as? Int == 30)
        #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
        #expect(events.allSatisfy { $0.code == "o" } && !events.isEmpty)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
        // The last event leaves the alternate screen (curses' endwin); what came before it is
        // what the terminal showed while the program ran.
        let leave = try #require(events.lastIndex { $0.text.contains("\u{1B}[?1049l") }, "no endwin in the recording")
        let replayed = try await replay(Array(events[..<leave]), width: 100, height: 30, until: "step 3")
        #expect(replayed == live)
    }

    @Test("recording with standard input at its end: the session ends as without a recording")
    func inputAtItsEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("session.cast").path
        let s = try Session(["--paused", "--record", path], stdinFromNull: true)
        defer { s.close() }
        #expect(await s.waitForExit(5) == 0)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes:\n\(s.sttyAfterExit)")
        let events = try parseAsciicast(try String(contentsOfFile: path, encoding: .utf8)).events
        #expect(events.last?.text.contains("\u{1B}[?1049l") == true, "the recording does not end with curses' endwin")
    }

    @Test("SIGINT, SIGTERM, SIGHUP while recording: exit 128 + signal, terminal restored, recording complete",
          arguments: [SIGINT, SIGTERM, SIGHUP])
    func signalWhileRecording(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("session.cast").path
        let s = try Session(longRun + ["--record", path])
        defer { s.close() }
        try #require(await s.waitFor(text: "running").ok, "not started:\n\(s.screen())")
        let pid = try #require(await s.waitForPID(), "downhill process not found")
        let sent = now()
        kill(pid, signal)
        #expect(await s.waitForExit(5) == 128 + signal)
        #expect(now() - sent < 1.0)
        let modes = s.modes()
        #expect(!modes.alternate && modes.cursorVisible && !modes.mouse)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after the signal:\n\(s.sttyAfterExit)")
        let events = try parseAsciicast(try String(contentsOfFile: path, encoding: .utf8)).events
        #expect(events.last?.text.contains("\u{1B}[?1049l") == true, "the recording does not end with curses' endwin")
    }

    @Test("a crash while recording: the real terminal gets its modes back and leaves the alternate screen",
          arguments: [SIGSEGV, SIGABRT])
    func crashWhileRecording(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = try Session(longRun + ["--record", folder.appendingPathComponent("session.cast").path])
        defer { s.close() }
        try #require(await s.waitFor(text: "running").ok)
        let pid = try #require(await s.waitForPID())
        kill(pid, signal)
        #expect(await s.waitForExit(5) == 128 + signal, "the shell should see death by signal \(signal)")
        let modes = s.modes()
        #expect(!modes.alternate && modes.cursorVisible && !modes.mouse)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after the crash:\n\(s.sttyAfterExit)")
    }

    @Test("a cast replays to the screen frame draws")
    func castReplay() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.cast").path
        let arguments = ["--surface", "himmelblau", "--optimizer", "momentum", "--lr", "0.005", "--start", "-1,-4", "--show", "chart"]
        let result = try runTool(downhillBinary.path, ["cast"] + arguments + ["--steps", "40", "--width", "90", "--height", "27", "-o", path],
                                 environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
        try #require(result.status == 0, "cast failed")
        let events = try parseAsciicast(try String(contentsOfFile: path, encoding: .utf8)).events
        let replayed = try await replay(events, width: 90, height: 27, until: "step 40")
        #expect(replayed == (try frameLines(arguments + ["--steps", "40"], width: 90, height: 27)))
    }
}
