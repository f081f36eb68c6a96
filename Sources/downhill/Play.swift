import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillSetup

/// `downhill play` (the default): the interactive visualizer.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive visualizer (the default command). Press ? for keys."
    )

    @OptionGroup var options: DescentOptions

    @OptionGroup var view: ViewOptions

    @Flag(help: "Start paused (space plays, n steps).")
    var paused = false

    @Option(help: ArgumentHelp("Replay a session script (TOML; p writes one after a live change).", valueName: "file"))
    var script: String?

    func run() throws {
        guard let script else { try startInteractive(setup: options.setup(), view: view, paused: paused) }
        guard options.isEmpty else { throw CommandFailure(message: "--script takes the setup from the file; give no other setup option") }
        try startInteractive(setup: Setup(), view: view, paused: paused, script: (try readScript(script), script))
    }
}
