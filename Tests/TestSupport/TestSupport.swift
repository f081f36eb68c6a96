import DownhillCore
import DownhillSetup
import Foundation

// The one test-support module of the package: setups written as command-line words and
// parsed by the codec (never built field by field), descents built by hand for
// hand-computed cases, and temporary files. Every test target that needs a setup or a
// temporary file uses these instead of a builder of its own.

// MARK: Setups from command-line words

/// The command-line words of `parts`, each part split on spaces: `["--surface valley", "--lr", "0.1"]`
/// gives `["--surface", "valley", "--lr", "0.1"]`. (A value with a space in it needs ``setup(words:)``.)
public func commandWords(_ parts: [String]) -> [String] {
    parts.flatMap { $0.split(separator: " ").map(String.init) }
}

/// The setup that the command line `parts` describes, parsed by ``SetupCodec`` as the
/// program parses it: `setup("--surface valley --lr 0.1 --momentum 0.5")`, or word by word
/// `setup("--surface", "valley")`. A setup the codec refuses is a mistake in the test: it
/// stops the test run with the codec's message.
public func setup(_ parts: String...) -> Setup {
    setup(words: commandWords(parts))
}

/// The setup of `words`, taken as they are (no splitting on spaces).
public func setup(words: [String]) -> Setup {
    do {
        return try SetupCodec.parse(words)
    } catch {
        fatalError("test setup \(words) is refused: \(error)")
    }
}

/// The setup of `parts` (see ``setup(_:)``), checked and resolved into its surface and descents.
public func resolved(_ parts: String...) -> Resolved {
    resolved(setup(words: commandWords(parts)))
}

/// `setup` resolved; a setup that does not resolve stops the test run with its message.
public func resolved(_ setup: Setup) -> Resolved {
    do {
        return try setup.resolve()
    } catch {
        fatalError("test setup '\(SetupCodec.commandLine(setup))' does not resolve: \(error)")
    }
}

/// The solo descent of the command line `parts` (the first racer's with `--race`), at step 0.
public func descent(_ parts: String...) -> Descent {
    resolved(setup(words: commandWords(parts))).descent
}

// MARK: Descents by hand

/// A descent built by hand, without the codec or `Setup.resolve()`: `rule` (with the
/// changes `configure` makes to its hyperparameters) at learning rate `lr` on `surface`
/// from `start`. For hand-computed cases, and as the independent solo run that a racer is
/// compared with.
public func descent<Rule: UpdateRule>(_ surface: any LossSurface, _ rule: Rule, lr: Double, start: Vector2,
                                      source: GradientSource = GradientSource(),
                                      configure: (inout Rule) -> Void = { _ in }) -> Descent {
    var rule = rule
    configure(&rule)
    return Descent(surface: surface, optimizer: Optimizer(rule: rule, learningRate: lr), source: source, start: start)
}

/// Runs `descent` for `steps` updates through ``Descent/run(steps:row:)``, the code path of
/// `downhill run`, and returns every row and the summary.
public func runRows(_ descent: Descent, steps: Int) -> (rows: [TrajectoryPoint], summary: RunSummary) {
    var descent = descent
    var rows: [TrajectoryPoint] = []
    let summary = descent.run(steps: steps) { rows.append($0) }
    return (rows, summary)
}

/// Runs the solo descent of `setup` for `steps` updates, as `downhill run --steps STEPS` does.
public func runRows(_ setup: Setup, steps: Int) -> (rows: [TrajectoryPoint], summary: RunSummary) {
    runRows(resolved(setup).descent, steps: steps)
}

// MARK: Temporary files

/// Calls `body` with a fresh empty directory of its own, removed with everything in it
/// when `body` returns or throws.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("downhill-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Calls `body` with the URL of a temporary file holding `contents` (UTF-8), named
/// `file` + `suffix` in a directory of its own; the file is removed when `body` returns
/// or throws. The one temporary-file helper of the tests (data sets, captured output).
public func withTemporaryFile<T>(_ contents: String = "", suffix: String = ".csv",
                                 _ body: (URL) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let url = directory.appendingPathComponent("file" + suffix)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return try body(url)
    }
}

// MARK: Optimizer state

extension Optimizer {
    /// True when the optimizer's state is fresh (t = 0, as after a restart or a switch of
    /// rule): the state itself is private, so this checks what it does, that the next two
    /// steps are those of a new optimizer with the same rule and η.
    public var hasFreshState: Bool {
        guard t == 0 else { return false }
        var this = self, new = Optimizer(rule: rule, learningRate: learningRate)
        var (a, b) = (Vector2(0.3, -0.7), Vector2(0.3, -0.7))
        for g in [Vector2(1.5, -2), Vector2(-0.25, 0.5)] {
            let surface = Surfaces.booth
            guard let nextA = try? this.step(a, gradient: g, on: surface), let nextB = try? new.step(b, gradient: g, on: surface) else {
                return false
            }
            (a, b) = (nextA, nextB)
            guard a == b else { return false }
        }
        return true
    }
}

/// The words `/bin/sh` makes of `text` (`printf '%s\0'`, split at the NULs): what a user
/// gets by pasting `text` after a command, to check shell quoting against a real shell.
/// - Throws: when `/bin/sh` cannot be started.
public func shellWords(_ text: String) throws -> [String] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "printf '%s\\0' " + text]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    var words = String(decoding: data, as: UTF8.self).components(separatedBy: "\0")
    words.removeLast()
    return words
}

