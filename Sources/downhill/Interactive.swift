import DownhillApp
import DownhillCore
import DownhillSetup
import DownhillTerminal
import Foundation

/// Starts the terminal, runs the interactive loop and exits with its status: 0 after `q`,
/// 128 + signal after SIGINT, SIGTERM or SIGHUP. A terminal that cannot be used (no TERM,
/// stdout not a tty) is a one-line error that points at `frame` and `run`. After `q` the
/// command line that reproduces the last setup is printed on standard error.
///
/// With `script` (`--script FILE`), the script's setup is used and its changes are made
/// at their steps; the animation pauses at the script's end. When the session had a live
/// change, the exit line names the session script written instead of a command line.
///
/// With `speed` (`--speed`), the animation starts at that speed (a script's own `speed`
/// changes it at its step).
///
/// With `record`, the session is recorded into that asciicast v2 file (``SessionRecorder``);
/// a file that cannot be written is refused before the terminal changes.
func startInteractive(setup: Setup, view: ViewOptions, speed: SpeedOption, paused: Bool, script: (script: SessionScript, name: String)? = nil,
                      record: String? = nil) throws -> Never {
    // Every setting is checked before the terminal changes; the data file is read once,
    // here, and both models are built from the same resolved setup.
    let resolved = try script.map { try resolve($0.script, name: $0.name) } ?? view.applied(to: setup).resolveShowingProgress()
    func model(unicode: Bool, width: Int, height: Int) throws -> Model {
        try speed.applied(to: scriptOrSetupModel(unicode: unicode, width: width, height: height))
    }
    func scriptOrSetupModel(unicode: Bool, width: Int, height: Int) throws -> Model {
        guard let script else { return try view.model(resolved: resolved, unicode: unicode, width: width, height: height, paused: paused) }
        var model = try view.model(resolved: resolved, unicode: unicode, width: width, height: height, paused: paused)
        do {
            var script = script.script
            script.panels = script.panels.isEmpty ? try view.panelNames() : script.panels
            let replay = try Model.replaying(script, resolved: resolved, appearance: model.appearance, width: width, height: height, paused: paused)
            model = replay
        } catch let error as ScriptError {
            throw CommandFailure(message: "\(script.name): \(error.description)")
        }
        return model
    }
    if let script {  // the whole script is made once before the terminal changes
        do { _ = try Model.replayRows(script.script, resolved: resolved) { _ in } } catch {
            throw CommandFailure(message: "\(script.name): \(error.description)")
        }
    }
    _ = try model(unicode: false, width: 0, height: 0)
    let terminal: Terminal
    let theme = try view.theme()
    let recorder: SessionRecorder?
    do { recorder = try record.map { path throws(TerminalError) in try SessionRecorder.open(path: path) } } catch {
        throw CommandFailure(message: error.description)
    }
    do { terminal = try Terminal.start(forceASCII: view.ascii, theme: theme, recorder: recorder) } catch {
        recorder?.discard()  // no empty recording left behind
        throw CommandFailure(message: error.description)
    }
    var live: Model
    do { live = try model(unicode: terminal.supportsUnicode, width: terminal.width, height: terminal.height) } catch {
        terminal.stop(settle: false)
        throw error
    }
    let saver = ScriptSaver(played: script?.name)
    let status = runInteractive(&live, terminal, saveScript: saver.message)
    // The terminal is back: say how to see this again (after q, not after a signal).
    if status == 0 { printError(exitLine(live, saver)) }
    exit(status)
}

/// The exit line: the command line that reproduces the screen, or, after a live change,
/// the session script written (`to replay: downhill --script downhill-session-1.toml`).
func exitLine(_ model: Model, _ saver: ScriptSaver) -> String {
    guard let script = model.sessionScript else { return "to reproduce: " + model.reproduceCommand }
    switch saver.save(script) {
    case .success(let path): return "to replay: downhill --script " + SetupCodec.shellQuoted(path)
    case .failure(let failure): return "to reproduce the last run: " + model.reproduceCommand + " (" + failure.message + ")"
    }
}
