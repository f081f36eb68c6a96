import ArgumentParser
import DownhillCore

/// The options shared by `play`, `run` and `frame`: same names, same meaning (SPEC §1).
/// Numbers are parsed unconditionally so that negative values (`--start -1.5,2`,
/// `--lr -1`) reach the value checks instead of being taken for options.
struct DescentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Loss surface (see 'downhill list').", valueName: "name"))
    var surface: String = Settings().surface

    @Option(help: ArgumentHelp("Update rule: gd, momentum, nesterov, adagrad, rmsprop, adam, adamw.", valueName: "name"))
    var optimizer: String = Settings().optimizer

    @Option(name: .customLong("lr"), parsing: .unconditional,
            help: ArgumentHelp("Learning rate η > 0 (default: per surface and optimizer, see 'downhill list').", valueName: "x"))
    var learningRate: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point in parameter space, e.g. -1.5,2 (default: per surface).", valueName: "x,y"))
    var start: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("μ for momentum and nesterov, in [0, 1).", valueName: "b"))
    var momentum: Double = 0.9

    @Option(parsing: .unconditional, help: ArgumentHelp("RMSProp smoothing α, in [0, 1).", valueName: "a"))
    var alpha: Double = 0.99

    @Option(parsing: .unconditional, help: ArgumentHelp("Adam/AdamW β₁, in [0, 1).", valueName: "b1"))
    var beta1: Double = 0.9

    @Option(parsing: .unconditional, help: ArgumentHelp("Adam/AdamW β₂, in [0, 1).", valueName: "b2"))
    var beta2: Double = 0.999

    @Option(name: .customLong("eps"), parsing: .unconditional,
            help: ArgumentHelp("ε ≥ 0 (default 1e-10 for AdaGrad, 1e-8 for RMSProp, Adam, AdamW).", valueName: "e"))
    var epsilon: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("AdamW decoupled weight decay λ ≥ 0.", valueName: "w"))
    var weightDecay: Double = 0.01

    @Option(name: .customLong("data"), help: ArgumentHelp("CSV data set (two numeric columns, optional header) for a data-backed surface.", valueName: "file"))
    var dataPath: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Gradient from the whole data set (full), one sample (sgd), or N samples.", valueName: "full|sgd|N"))
    var batch: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add N(0, S²·I) noise to every gradient.", valueName: "s"))
    var noise: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of every random choice: the same seed gives the same run.", valueName: "n"))
    var seed: UInt64 = 0

    /// The settings these options describe, with `steps` from the command.
    func settings(steps: Int) -> Settings {
        var s = Settings()
        s.surface = surface
        s.optimizer = optimizer
        s.learningRate = learningRate
        s.start = start
        s.steps = steps
        s.momentum = momentum
        s.alpha = alpha
        s.beta1 = beta1
        s.beta2 = beta2
        s.epsilon = epsilon
        s.weightDecay = weightDecay
        s.dataPath = dataPath
        s.batch = batch
        s.noise = noise
        s.seed = seed
        return s
    }
}
