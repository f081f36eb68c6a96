import ArgumentParser
import DownhillCore
import DownhillSetup

/// `downhill sweep`: the same run at many learning rates, one CSV row per η (SPEC §9).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run the same descent at many learning rates: one CSV row per η.",
        discussion: """
            Columns: optimizer,lr,final_loss,best_loss,status,converged_at,diverged_at. Each row is \
            the run of --steps updates at that η, exactly as 'downhill run … --lr η' (final_loss \
            is the loss of its last row; status as in run's JSON; converged_at is the first step \
            with |∇| ≤ 1e-6). --optimizer may list several (gd,momentum,adam): one block each, \
            options applying to those that take them. Without --lr-range each optimizer sweeps \
            from a hundredth to ten times its default η on the surface.
            """
    )

    @OptionGroup var options: DescentOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of updates of each run.", valueName: "n"))
    var steps: Int = 100

    @Option(name: .customLong("lr-range"), parsing: .unconditional,
            help: ArgumentHelp("The smallest and largest η, log-spaced between (default: each optimizer's η/100 to 10·η).",
                               valueName: "min:max"))
    var learningRateRange: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many learning rates.", valueName: "n"))
    var points: Int = Sweep.defaultPoints

    func run() throws {
        guard steps >= 0 else {
            throw SettingsError.invalid(option: "--steps", value: String(steps), expected: "a whole number ≥ 0")
        }
        guard (1...100_000).contains(points) else {
            throw SettingsError.invalid(option: "--points", value: String(points), expected: "a whole number from 1 to 100000")
        }
        if let lr = options.learningRate {
            throw SettingsError.invalid(option: "--lr", value: lr, expected: "no --lr with sweep (it sets η; give --lr-range MIN:MAX)")
        }
        if let race = options.race {
            throw SettingsError.invalid(option: "--race", value: race, expected: "no --race with sweep (list the optimizers: --optimizer gd,momentum)")
        }
        let range = try learningRateRange.map(Self.parseRange)
        // Several optimizers are read as a lineup: options apply to each one that takes them.
        var descentOptions = options
        if let list = options.optimizer, list.contains(",") {
            descentOptions.race = list
            descentOptions.optimizer = nil
        }
        let setup = try descentOptions.setup()
        if setup.runs.contains(where: { $0.learningRate != nil }) {
            throw SettingsError.invalid(option: "--optimizer", value: options.optimizer ?? "",
                                        expected: "optimizers without their own η (sweep sets η; give --lr-range MIN:MAX)")
        }
        let resolved = try setup.resolve()
        writeOut(Sweep.header)
        for template in resolved.descents {
            let (low, high) = range ?? (template.learningRate / 100, template.learningRate * 10)
            var block = ""
            for lr in Sweep.learningRates(from: low, to: high, points: points) {
                block += Sweep.csvLine(Sweep.row(template, learningRate: lr, steps: steps))
            }
            writeOut(block)
        }
    }

    /// `MIN:MAX`, 0 < MIN ≤ MAX, both finite.
    static func parseRange(_ text: String) throws(SettingsError) -> (Double, Double) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low > 0, low <= high, high.isFinite else {
            throw .invalid(option: "--lr-range", value: text, expected: "MIN:MAX with 0 < MIN ≤ MAX, such as 0.001:1")
        }
        return (low, high)
    }
}
