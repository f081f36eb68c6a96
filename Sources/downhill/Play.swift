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

    @OptionGroup var speed: SpeedOption

    @Flag(help: "Start paused (space plays, n steps).")
    var paused = false

    @Option(help: ArgumentHelp("Replay a session script (TOML; p writes one after a live change).", valueName: "file"))
    var script: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Record the session, as the terminal receives it, into an asciicast v2 file.", valueName: "file.cast"))
    var record: String?

    func run() throws {
        guard let script else { try startInteractive(setup: options.setup(), view: view, speed: speed, paused: paused, record: record) }
        guard options.isEmpty else { throw CommandFailure(message: "--script takes the setup from the file; give no other setup option") }
        try startInteractive(setup: Setup(), view: view, speed: speed, paused: paused, script: (try readScript(script), script), record: record)
    }
}
