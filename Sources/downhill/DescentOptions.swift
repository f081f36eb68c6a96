import ArgumentParser
import DownhillCore
import DownhillSetup

/// The options shared by `play`, `run` and `frame`: same names, same meaning (SPEC §1).
///
/// Every value is read as text and handed to the codec (``SetupCodec``), the one place
/// that turns command-line text into a ``Setup``, so the command line, the `p` line and
/// later `:` commands and scripts cannot drift. The update rules' own options
/// (`--momentum`, `--beta1`, `--weight-decay`, …) are not declared here: they come from
/// the registry of rules (``UpdateRules``), so a new rule's options need no change here.
/// Values parse unconditionally so that negatives (`--start -1.5,2`, `--lr -1`) reach the
/// value checks instead of being taken for options.
struct DescentOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Loss surface: a name (default valley; see 'downhill list') or a formula in x and y "
                               + "such as '(x-1)^2 + 3*(y+2)^2' (+ - * / ^, pi, e, "
                               + FormulaExpression.Function.allCases.map(\.rawValue).joined(separator: " ") + ").",
                               valueName: "name|formula"),
            completion: .list(Surfaces.names))
    var surface: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("quadratic: the condition number κ = λ₂/λ₁ > 0 (default 10).", valueName: "k"))
    var condition: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("quadratic: the angle φ in degrees by which the valley is turned (default 0).",
                                                        valueName: "deg"))
    var angle: String?

    @Option(help: ArgumentHelp("Update rule (default gd): \(UpdateRules.names.joined(separator: ", ")).", valueName: "name"),
            completion: .list(UpdateRules.names))
    var optimizer: String?

    @Option(help: ArgumentHelp("""
        Race up to \(Race.maximumRacers) runs from the same start: racers OPTIMIZER[:LR][:KEY=VALUE]…, \
        e.g. gd:0.02,gd:0.05 or momentum:momentum=0.5,momentum (instead of --optimizer).
        """, valueName: "lineup"))
    var race: String?

    @Option(name: .customLong("lr"), parsing: .unconditional,
            help: ArgumentHelp("Learning rate η > 0 (default: per surface and optimizer, see 'downhill list').", valueName: "x"))
    var learningRate: String?

    @Option(help: ArgumentHelp("Learning-rate schedule, torch's lr_scheduler stepped after every update: "
                               + Schedules.usages.map(\.usage).joined(separator: " | ") + " (default: constant).", valueName: "spec"))
    var schedule: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point in parameter space, e.g. -1.5,2 (default: per surface).", valueName: "x,y"))
    var start: String?

    @Option(name: .customLong("data"), help: ArgumentHelp("CSV data set (two numeric columns, optional header) for a data-backed surface.", valueName: "file"),
            completion: .file(extensions: ["csv"]))
    var dataPath: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Gradient from the whole data set (full), one sample (sgd), or N samples.", valueName: "full|sgd|N"))
    var batch: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add N(0, S²·I) noise to every gradient.", valueName: "s"))
    var noise: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of every random choice: the same seed gives the same run.", valueName: "n"))
    var seed: String?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(Self.ruleOptionsHelp, valueName: "optimizer options"))
    var ruleOptions: [String] = []

    /// The setup these options describe.
    /// - Throws: ``SettingsError`` for an unknown option or a bad value; ``CommandFailure``
    ///   for a word that is no option (most likely a mistyped command).
    func setup() throws -> Setup {
        if let word = ruleOptions.first, !word.hasPrefix("-") {
            throw CommandFailure(message: "unknown command or argument '\(word)' (commands: play, run, frame, sweep, list, lesson; see 'downhill --help')")
        }
        var given: [(name: String, value: String?)] = []
        let declared: [(String, String?)] = [("surface", surface), ("condition", condition), ("angle", angle), ("optimizer", optimizer), ("race", race), ("lr", learningRate),
                                             ("schedule", schedule), ("start", start), ("data", dataPath), ("batch", batch), ("noise", noise), ("seed", seed)]
        for (name, value) in declared { if let value { given.append((name, value)) } }
        return try SetupCodec.setup(from: given + SetupCodec.split(ruleOptions))
    }

    /// True when no setup option was given (`--script` takes its setup from the file).
    var isEmpty: Bool {
        [surface, condition, angle, optimizer, race, learningRate, schedule, start, dataPath, batch, noise, seed].allSatisfy { $0 == nil }
            && ruleOptions.isEmpty
    }

    /// The racers as written in `--race` (the `racer` column of `run --race`).
    var racerNames: [String] {
        race.map(SetupCodec.lineupItems) ?? []
    }

    /// The rules' options for `--help`, from the registry: each with the rules that take it.
    static var ruleOptionsHelp: String {
        var lines = ["Optimizer options, each refused by rules that do not take it:"]
        for name in UpdateRules.optionNames {
            let rules = UpdateRules.rules(accepting: name)
            guard let info = UpdateRules.all.lazy.compactMap({ r in r.options.first { $0.name == name } }).first else { continue }
            // The most common default once, the others by rule: "default 0; adamw 0.01".
            var byValue: [(value: String, rules: [String])] = []
            for r in rules {
                let text: String
                switch UpdateRules.named(r)?.value(of: name) {
                case .real(let x)?: text = SettingsError.text(x)
                case .pair(let a, let b)?: text = SettingsError.text(a) + "," + SettingsError.text(b)
                default: continue
                }
                if let i = byValue.firstIndex(where: { $0.value == text }) { byValue[i].rules.append(r) } else { byValue.append((text, [r])) }
            }
            byValue.sort { $0.rules.count > $1.rules.count }
            let shown = (byValue.first.map { ["default " + $0.value] } ?? [])
                + byValue.dropFirst().map { $0.rules.joined(separator: ", ") + " " + $0.value }
            lines.append("--\(name)\(info.isFlag ? "" : " " + info.symbol): \(info.help) (\(rules.joined(separator: ", ")); \(info.isFlag ? "off" : shown.joined(separator: "; ")))")
        }
        return lines.joined(separator: "\n")
    }
}
