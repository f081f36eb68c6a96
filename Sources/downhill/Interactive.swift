import DownhillApp
import DownhillCore
import DownhillTerminal
import Foundation

/// Starts the terminal, runs the interactive loop and exits with its status: 0 after `q`,
/// 128 + signal after SIGINT, SIGTERM or SIGHUP. A terminal that cannot be used (no TERM,
/// stdout not a tty) is a one-line error that points at `frame` and `run`. After `q` the
/// command line that reproduces the last setup is printed on standard error.
///
/// With `record`, the session is recorded into that asciicast v2 file (``SessionRecorder``);
/// a file that cannot be written is refused before the terminal changes.
func startInteractive(setup: Setup, view: ViewOptions, paused: Bool, record: String? = nil) throws -> Never {
    // Every setting is checked before the terminal changes; the data file is read once,
    // here, and both models are built from the same resolved setup.
    let resolved = try view.applied(to: setup).resolveShowingProgress()
    _ = try view.model(resolved: resolved, unicode: false, width: 0, height: 0, paused: paused)
    let terminal: Terminal
    do {
        let recorder = try record.map { path throws(TerminalError) in try SessionRecorder.open(path: path) }
        terminal = try Terminal.start(forceASCII: view.ascii, recorder: recorder)
    } catch { throw CommandFailure(message: error.description) }
    var model = try view.model(resolved: resolved, unicode: terminal.supportsUnicode, width: terminal.width, height: terminal.height,
                               paused: paused)
    let status = runInteractive(&model, terminal)
    // The terminal is back: say how to see this again (after q, not after a signal).
    if status == 0 { printError("to reproduce: " + model.reproduceCommand) }
    exit(status)
}
