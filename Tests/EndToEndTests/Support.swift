import Foundation
import Testing
import TestSupport

// End-to-end tests: the real `downhill` binary in a private tmux server, driven by keys,
// signals and resizes, read back with `capture-pane`. Each session has its own socket
// and temporary folder and is killed at the end of its test.

/// A run that stays `running` for minutes (gd crawling along Rosenbrock's floor), for
/// tests that need an animating screen even on a loaded machine.
let longRun = ["--surface", "rosenbrock", "--optimizer", "gd", "--lr", "0.0001"]

/// The `downhill` binary under test: `$DOWNHILL_BINARY`, or the one built beside this
/// test bundle (works for any `--scratch-path`).
let downhillBinary: URL = {
    if let path = ProcessInfo.processInfo.environment["DOWNHILL_BINARY"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    // On Linux the test bundle is `<products>/downhillPackageTests.xctest`, an executable.
    while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("downhill").path), dir.path != "/" {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("downhill")
}()

/// The tmux executable, if installed.
let tmuxPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
        let candidate = "\(dir)/tmux"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

/// Run the tmux tests when tmux is there, and always under CI (where a missing tmux is a
/// failure, not a skip).
let endToEndEnabled: Bool = tmuxPath != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

/// Runs a program to completion; returns its status and standard output.
///
/// Uses `posix_spawn` and `waitpid` on that one pid rather than Foundation's `Process`,
/// whose `waitUntilExit` was seen to hang for ever when many tests spawn at once. The
/// child starts with every signal unblocked and at its default action, standard input
/// from /dev/null, standard error to /dev/null, and standard output to a temporary file,
/// never a pipe (a tmux server forked by the child could hold a pipe open for ever).
@discardableResult
func runTool(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
             stdoutPath: String? = nil, stderrPath: String? = nil) throws -> (status: Int32, output: String) {
    guard let outPath = stdoutPath else {
        return try withTemporaryFile("", suffix: ".out") { out in
            try runTool(executable, arguments, environment: environment, stdoutPath: out.path, stderrPath: stderrPath)
        }
    }

    let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    let pid = try spawn(executable, arguments, environment: env,
                        files: [("/dev/null", O_RDONLY), (outPath, O_WRONLY | O_CREAT | O_TRUNC),
                                (stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC)])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let data = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
    return (exitStatus, String(decoding: data, as: UTF8.self))
}

/// Starts `executable arguments` with `environment` (`NAME=value` strings) and file
/// descriptors 0, 1 and 2 opened from `files` (path, `open` flags; created files get mode
/// 644); returns its pid. The child starts with every signal unblocked and at its default
/// action, whatever the test runner blocked or ignored.
func spawn(_ executable: String, _ arguments: [String], environment: [String], files: [(path: String, flags: Int32)]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for (fd, file) in files.enumerated() { posix_spawn_file_actions_addopen(&actions, Int32(fd), file.path, file.flags, 0o644) }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
    return pid
}

/// `downhill frame` at a size, as screen lines (trailing spaces and blank lines dropped,
/// like `capture-pane`).
func frameLines(_ arguments: [String], width: Int, height: Int) throws -> [String] {
    let result = try runTool(downhillBinary.path, ["frame"] + arguments + ["--width", "\(width)", "--height", "\(height)"],
                             environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
    #expect(result.status == 0, "downhill frame \(arguments) failed")
    return normalized(result.output)
}

/// Screen text as lines without trailing spaces, trailing blank lines dropped.
func normalized(_ screen: String) -> [String] {
    var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines
}

/// Quotes a word for `sh`.
func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Seconds on a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// One `downhill` process in its own tmux server.
///
/// The pane runs `sh -c '<env> downhill ARGS 2>stderr; echo $? >status; stty -a >stty;
/// sleep'`, so after the program ends the pane stays, holding its exit status, what it
/// printed on stderr, and the terminal modes it left behind.
final class Session {
    /// A 256-colour UTF-8 terminal, whatever the tester's environment says.
    static let defaultEnvironment = ["TERM=xterm-256color", "LC_ALL=C.UTF-8", "NO_COLOR="]

    let socket: String
    let folder: URL
    let width: Int, height: Int

    /// Starts `downhill arguments` at `width × height`. `environment` is put before the
    /// command with `env` (`-u TERM` unsets); the default is a 256-colour UTF-8 terminal.
    /// Standard error goes to a file (``stderr``) unless `stderrToTerminal`. With
    /// `relayFifo`, the program runs inside `script` and its output goes to that named pipe
    /// instead of the pane (see ``Relay``). `program` runs instead of `downhill` (a replay).
    init(_ arguments: [String], width: Int = 100, height: Int = 30,
         environment: [String] = Session.defaultEnvironment,
         redirectStdout: Bool = false, stdinFromNull: Bool = false, stderrToTerminal: Bool = false,
         relayFifo: String? = nil, program: String = downhillBinary.path) throws {
        socket = "downhill-e2e-\(UUID().uuidString.prefix(8))"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        self.width = width
        self.height = height
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dir = shellQuote(folder.path)
        var command = (["env"] + environment + [program] + arguments).map(shellQuote).joined(separator: " ")
        if let relayFifo {
            command = "script -q -e -E never -c \(shellQuote(command)) /dev/null >\(shellQuote(relayFifo))"
        }
        let stdout = (redirectStdout ? " >\(dir)/stdout" : "") + (stdinFromNull ? " </dev/null" : "")
        let stderr = stderrToTerminal ? "" : " 2>\(dir)/stderr"
        // The status file comes last, so once it exists everything else is written.
        // In the session's folder, so that files the program writes there (the session
        // script of a live change, on quitting) go when the folder goes.
        let script = "cd \(dir) && \(command)\(stdout)\(stderr); code=$?; stty -a >\(dir)/stty 2>&1; "
            + "echo $code >\(dir)/status.tmp; mv \(dir)/status.tmp \(dir)/status; sleep 600"
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
    }

    deinit { close() }

    private var closed = false

    /// Kills the tmux server and everything in the pane, and removes the folder.
    func close() {
        guard !closed else { return }
        closed = true
        let pane = (try? tmux(["display", "-p", "#{pane_pid}"])).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        _ = try? tmux(["kill-server"])
        // The pane's shell leads its own process group: make sure nothing of it survives.
        if let pane, pane > 1 { kill(-pane, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
        // tmux leaves its socket file behind.
        let socketFolder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(socketFolder)/tmux-\(getuid())/\(socket)")
    }

    /// Runs a tmux command on this session's server.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        let result = try runTool(tmuxPath ?? "/usr/bin/tmux", ["-f", "/dev/null", "-L", socket] + arguments,
                                 environment: environment)
        return result.output
    }

    /// The screen as text.
    func screen() -> String { (try? tmux(["capture-pane", "-p"])) ?? "" }

    /// The screen as normalized lines.
    func lines() -> [String] { normalized(screen()) }

    /// tmux's view of the pane: alternate screen on, cursor visible, mouse reporting on.
    func modes() -> (alternate: Bool, cursorVisible: Bool, mouse: Bool) {
        let text = (try? tmux(["display", "-p", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"])) ?? ""
        let f = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return (f.first == "1", f.dropFirst().first == "1", f.dropFirst(2).first == "1")
    }

    /// Types keys (tmux key names: `q`, `Space`, `+`, `Up`, `C-c`).
    func keys(_ names: String...) throws {
        for name in names { try tmux(["send-keys", name]) }
    }

    /// Resizes the window.
    func resize(_ width: Int, _ height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The program's exit status, once it has exited.
    var status: Int32? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// What the program printed on standard error.
    var stderr: String { (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// The bytes the program wrote to standard output (when redirected).
    var stdoutBytes: Data { (try? Data(contentsOf: folder.appendingPathComponent("stdout"))) ?? Data() }

    /// `stty -a` in the pane after the program ended.
    var sttyAfterExit: String { (try? String(contentsOf: folder.appendingPathComponent("stty"), encoding: .utf8)) ?? "" }

    /// The downhill process: the child of the pane's shell.
    func programPID() -> pid_t? {
        guard let text = try? tmux(["display", "-p", "#{pane_pid}"]),
              let shell = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let comm = stat[stat.index(after: stat.firstIndex(of: "(")!)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell, comm.hasPrefix("downhill") { return pid }
        }
        return nil
    }

    /// Polls until `predicate` holds for the screen or `seconds` pass; returns the last
    /// screen seen and whether it held.
    @discardableResult
    func waitFor(_ seconds: Double = 5, _ predicate: (String) -> Bool) async -> (ok: Bool, screen: String) {
        let deadline = now() + seconds
        var last = ""
        repeat {
            last = screen()
            if predicate(last) { return (true, last) }
            try? await Task.sleep(for: .milliseconds(25))
        } while now() < deadline
        last = screen()
        return (predicate(last), last)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, _ seconds: Double = 5) async -> (ok: Bool, screen: String) {
        await waitFor(seconds) { $0.contains(text) }
    }

    /// Polls until the program has exited or `seconds` pass; returns its status.
    func waitForExit(_ seconds: Double = 5) async -> Int32? {
        let deadline = now() + seconds
        while now() < deadline {
            if let status { return status }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return status
    }

    /// Waits until the program's process exists; returns its pid.
    func waitForPID(_ seconds: Double = 5) async -> pid_t? {
        let deadline = now() + seconds
        while now() < deadline {
            if let pid = programPID() { return pid }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}

/// The number after a label on the screen (`step 12`, `lr 0.05`, `step: 3`).
func number(after label: String, in screen: String) -> Double? {
    guard let regex = try? NSRegularExpression(pattern: "\\b\(label)\\b[ :=]*(-?[0-9][0-9.]*(?:e[-+]?[0-9]+)?)", options: [.caseInsensitive]) else { return nil }
    let range = NSRange(screen.startIndex..., in: screen)
    guard let match = regex.firstMatch(in: screen, range: range),
          let r = Range(match.range(at: 1), in: screen) else { return nil }
    return Double(screen[r])
}

/// Whether a process is alive: it exists and is not a zombie (a zombie has exited and
/// only waits for its parent to collect the status).
func isRunning(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
    return state != "Z" && state != "X"
}

/// Whether `stty -a` output shows canonical mode and echo on.
func sttyIsSane(_ stty: String) -> Bool {
    let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
}
