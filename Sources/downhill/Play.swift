import ArgumentParser
import DownhillApp
import DownhillCore

/// `downhill play` (the default): the interactive visualizer.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive visualizer (the default command). Press ? for keys."
    )

    @OptionGroup var options: DescentOptions

    @Flag(help: "Start paused (space plays, n steps).")
    var paused = false

    @Flag(help: "Plain ASCII glyphs even under a UTF-8 locale.")
    var ascii = false

    func run() throws {
        let resolved = try options.settings(steps: 0).resolve()
        try startInteractive(resolved: resolved, paused: paused, ascii: ascii)
    }
}
