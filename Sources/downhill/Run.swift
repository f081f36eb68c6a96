import ArgumentParser
import DownhillCore

/// `downhill run`: prints a trajectory as CSV or JSON, no terminal needed (SPEC §5).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a trajectory as CSV (default) or JSON.",
        discussion: """
            Columns: step,x,y,loss,grad_x,grad_y; step 0 is the start. loss and the gradient \
            are always the full objective at that row's point. A run that diverges stops at the \
            last finite row and says 'diverged at step K' on standard error (exit status 0).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var options: DescentOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of updates.", valueName: "n"))
    var steps: Int = 100

    @Option(help: ArgumentHelp("Output format: csv or json.", valueName: "format"))
    var format: Format = .csv

    func run() throws {
        let resolved = try options.settings(steps: steps).resolve()
        var descent = resolved.descent
        let summary: RunSummary
        switch format {
        case .csv:
            var writer = CSVTrajectoryWriter(sink: writeOut)
            summary = descent.run(steps: steps) { writer.write($0) }
            writer.flush()
        case .json:
            var writer = try JSONTrajectoryWriter(
                settings: RunSettingsRecord(descent: descent, steps: steps, dataPath: options.dataPath),
                seed: descent.source.seed, sink: writeOut)
            summary = descent.run(steps: steps) { writer.write($0) }
            writer.finish(summary)
        }
        if let k = summary.divergedAt { printError("diverged at step \(k)") }
    }
}
