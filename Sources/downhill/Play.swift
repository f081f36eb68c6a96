import ArgumentParser
import DownhillApp
import DownhillCore

/// `downhill play` (the default): the interactive visualizer.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive visualizer (the default command). Press ? for keys."
    )

    @OptionGroup var options: DescentOptions

    @OptionGroup var race: RaceOption

    @Flag(help: "Start paused (space plays, n steps).")
    var paused = false

    @Flag(help: "Plain ASCII glyphs even under a UTF-8 locale.")
    var ascii = false

    func run() throws {
        let settings = options.settings(steps: 0)
        let resolved = try settings.resolve()
        try startInteractive(resolved: resolved, race: try race.race(settings: settings), dataPath: options.dataPath,
                             paused: paused, ascii: ascii)
    }
}

/// `--race LIST`, shared by `play` and `frame`: race mode from the start.
struct RaceOption: ParsableArguments {
    @Option(name: .customLong("race"),
            help: ArgumentHelp("Race several optimizers from the same start, e.g. gd,momentum,adam; NAME:LR gives one its own learning rate (replaces --optimizer).",
                               valueName: "list"))
    var list: String?

    /// The race these settings and the list describe, or nil without `--race`.
    /// - Throws: ``SettingsError`` for a bad name, learning rate, or an empty or repeated list.
    func race(settings: Settings) throws(SettingsError) -> Race? {
        guard let list else { return nil }
        return try Race(settings: settings, lineup: list)
    }
}
