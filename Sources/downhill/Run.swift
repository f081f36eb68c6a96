import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillSetup

/// `downhill run`: prints a trajectory as CSV or JSON, no terminal needed (SPEC §5, §7).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a trajectory as CSV (default) or JSON.",
        discussion: """
            Columns: step,x,y,loss,grad_x,grad_y; step 0 is the start. loss and the gradient \
            are always the full objective at that row's point. A run that diverges stops at the \
            last finite row and says 'diverged at step K' on standard error (exit status 0). \
            With --race, a first column 'racer' (as written in the lineup), racers in lineup \
            order, each with the rows of its solo run; JSON gives a 'racers' array.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var options: DescentOptions

    @Option(name: .customLong("steps"), parsing: .unconditional,
            help: ArgumentHelp("Number of updates (default 100; with --script, the script's own end).", valueName: "n"))
    var stepsGiven: Int?
    var steps: Int { stepsGiven ?? 100 }

    @Option(help: ArgumentHelp("Replay a session script (TOML) headless: its changes at their steps.", valueName: "file"))
    var script: String?

    @Option(help: ArgumentHelp("Output format: csv or json.", valueName: "format"))
    var format: Format = .csv

    func run() throws {
        guard steps >= 0 else {
            throw SettingsError.invalid(option: "--steps", value: String(steps), expected: "a whole number ≥ 0")
        }
        if let script { return try runScript(script) }
        let setup = try options.setup()
        if setup.view != nil { throw SettingsError.invalid(option: "--view", value: "", expected: "no view with run (it draws nothing; see play and frame)") }
        let resolved = try setup.resolveShowingProgress()
        if resolved.isRace { return try runRace(resolved) }
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
        if let message = summary.divergenceMessage { printError(message) }
    }

    /// `--script FILE`: the selected run's rows through the script's changes (a new start
    /// row after a change that starts the runs over), CSV only.
    func runScript(_ path: String) throws {
        guard options.isEmpty else { throw CommandFailure(message: "--script takes the setup from the file; give no other setup option") }
        guard format == .csv else { throw SettingsError.invalid(option: "--format", value: format.rawValue, expected: "csv with --script") }
        let script = try readScript(path)
        let resolved = try resolve(script, name: path)
        // Every change is made once before any row is printed: a bad one prints nothing.
        do { _ = try Model.replayRows(script, resolved: resolved, steps: stepsGiven) { _ in } } catch {
            throw CommandFailure(message: "\(path): \(error.description)")
        }
        var writer = CSVTrajectoryWriter(sink: writeOut)
        let model = try Model.replayRows(script, resolved: resolved, steps: stepsGiven) { writer.write($0) }
        writer.flush()
        if case .diverged(let k) = model.descent.status { printError("diverged at step \(k)") }
    }

    /// The race: every racer's run in lineup order, each exactly its solo run.
    func runRace(_ resolved: Resolved) throws {
        let names = options.racerNames
        var diverged: [(String, String)] = []
        switch format {
        case .csv:
            var writer = CSVTrajectoryWriter(sink: writeOut, firstColumn: "racer")
            for (name, racer) in zip(names, resolved.descents) {
                var descent = racer
                writer.label = name
                let summary = descent.run(steps: steps) { writer.write($0) }
                if let message = summary.divergenceMessage { diverged.append((name, message)) }
            }
            writer.flush()
        case .json:
            var document = RaceJSONWriter(seed: resolved.setup.seed, sink: writeOut)
            for (name, racer) in zip(names, resolved.descents) {
                var descent = racer
                var writer = try document.racer(name, settings: RunSettingsRecord(descent: descent, steps: steps,
                                                                                   dataPath: options.dataPath))
                let summary = descent.run(steps: steps) { writer.write($0) }
                writer.finish(summary)
                if let message = summary.divergenceMessage { diverged.append((name, message)) }
            }
            document.finish()
        }
        // `racer gd:0.11 diverged at step 121`, `racer newton: singular Hessian at step 3`.
        for (name, message) in diverged {
            printError("racer \(name)" + (message.hasPrefix("diverged") ? " " : ": ") + message)
        }
    }
}
