import DownhillApp
import DownhillCore
import DownhillTerminal
import Foundation

/// Starts the terminal, runs the interactive loop and exits with its status: 0 after `q`,
/// 128 + signal after SIGINT, SIGTERM or SIGHUP. A terminal that cannot be used (no TERM,
/// stdout not a tty) is a one-line error that points at `frame` and `run`.
func startInteractive(resolved: Settings.Resolved, race: Race? = nil, dataPath: String? = nil, paused: Bool,
                      ascii: Bool) throws -> Never {
    let terminal: Terminal
    do { terminal = try Terminal.start(forceASCII: ascii) } catch { throw CommandFailure(message: error.description) }
    let model = Model(resolved: resolved, race: race, dataPath: dataPath, appearance: .init(unicode: terminal.supportsUnicode),
                      width: terminal.width, height: terminal.height, paused: paused)
    exit(runInteractive(model, terminal))
}
