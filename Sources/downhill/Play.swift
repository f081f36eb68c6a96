import ArgumentParser
import DownhillApp
import DownhillCore

/// `downhill play` (the default): the interactive visualizer.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive visualizer (the default command). Press ? for keys."
    )

    @OptionGroup var options: DescentOptions

    @OptionGroup var view: ViewOptions

    @Flag(help: "Start paused (space plays, n steps).")
    var paused = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Record the session, as the terminal receives it, into an asciicast v2 file.", valueName: "file.cast"))
    var record: String?

    func run() throws {
        try startInteractive(setup: options.setup(), view: view, paused: paused, record: record)
    }
}
