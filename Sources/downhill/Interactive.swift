import DownhillApp
import DownhillCore

/// Starts the terminal, runs the loop and exits with its status (wired to DownhillTerminal).
func startInteractive(resolved: Settings.Resolved, paused: Bool, ascii: Bool) throws {
    throw CommandFailure(message: "the interactive visualizer is not wired yet; use 'downhill run' or 'downhill frame'")
}
