import Foundation

/// One run's update rule with its options and its learning rate: the solo run, or one
/// racer of a lineup (SPEC §7).
public struct OptimizerSetup: Equatable, Sendable {
    /// The rule and its hyperparameters (PyTorch's defaults unless changed).
    public var rule: any UpdateRule
    /// η; nil means the surface's default for the rule.
    public var learningRate: Double?
    /// The learning-rate schedule (torch's lr_scheduler), nil for a constant η.
    public var schedule: (any LearningRateSchedule)?

    public init(rule: any UpdateRule = GD(), learningRate: Double? = nil, schedule: (any LearningRateSchedule)? = nil) {
        self.rule = rule
        self.learningRate = learningRate
        self.schedule = schedule
    }

    public static func == (a: OptimizerSetup, b: OptimizerSetup) -> Bool {
        guard a.rule.isEqual(to: b.rule), a.learningRate == b.learningRate else { return false }
        switch (a.schedule, b.schedule) {
        case (nil, nil): return true
        case (let x?, let y?): return x.isEqual(to: y)
        default: return false
        }
    }
}

/// Everything that sets up a descent (SPEC §1), typed: the surface, the update rule with
/// its options and η (or a lineup of them), the start, the gradient source and the seed.
/// The core, the app and the renderer see this; command-line text is parsed into it and
/// printed from it by the codec in `DownhillSetup`, nowhere else.
public struct Setup: Equatable, Sendable {
    /// A built-in surface's name (``Surfaces``), or a formula in x and y in its normal form
    /// (SPEC §8; ``Surfaces/canonicalArgument(_:)``).
    public var surface = "valley"
    /// The surface's own options (quadratic's `--condition`, `--angle`), refused for a
    /// surface that does not take them.
    public var surfaceOptions = SurfaceOptions()
    /// The CSV file of a data-backed surface; nil for its built-in data set.
    public var dataPath: String?
    /// The solo run's rule and η (in a race: the rule that `c` and `o` start from).
    public var optimizer = OptimizerSetup()
    /// The racers, in order (at most ``Race/maximumRacers``), or nil for a solo run.
    public var race: [OptimizerSetup]?
    /// nil means the surface's default start.
    public var start: Vector2?
    public var batch: BatchMode = .full
    /// S, the standard deviation of the gradient noise, ≥ 0.
    public var noise = 0.0
    public var seed: UInt64 = 0
    /// The part of the plane shown (`play`, `frame`), world units; nil for the surface's view.
    public var view: ViewBox?

    public init() {}

    /// The runs this setup describes: the racers, or the solo run.
    public var runs: [OptimizerSetup] { race ?? [optimizer] }

    /// Checks every value and builds the surface and the descents. The data file, if any,
    /// is read once, here; `progress` follows its parsing (``Dataset/Progress``).
    /// - Throws: ``SettingsError``, whose description is one line naming the bad value.
    public func resolve(progress: Dataset.Progress? = nil) throws(SettingsError) -> Resolved {
        var surface = try Surfaces.surface(self.surface, options: surfaceOptions, view: view)
        if let dataPath {
            guard let model = surface as? DataSurface else { throw .notApplicable(option: "--data", surface: self.surface) }
            let data: Dataset
            do { data = try Dataset.load(path: dataPath, progress: progress) } catch { throw .data(error) }
            try Self.checkLabels(data, for: model.kind)
            surface = surface.replacingData(data)
        }
        if let race {
            guard (1...Race.maximumRacers).contains(race.count) else {
                throw .invalid(option: "--race", value: String(race.count) + " racers",
                               expected: "1 to \(Race.maximumRacers) racers such as gd:0.02,gd:0.05")
            }
        }
        for run in runs {
            if let lr = run.learningRate, !(lr > 0 && lr.isFinite) {
                throw .invalid(option: "--lr", value: SettingsError.text(lr), expected: "a finite number > 0")
            }
            try run.rule.validate()
        }
        if let view, !(view.xMin < view.xMax && view.yMin < view.yMax && view.width.isFinite && view.height.isFinite) {
            throw .invalid(option: "--view", value: "\(view.xMin):\(view.xMax),\(view.yMin):\(view.yMax)",
                           expected: "X0:X1,Y0:Y1 with X0 < X1 and Y0 < Y1, finite")
        }
        guard noise >= 0 && noise.isFinite else {
            throw .invalid(option: "--noise", value: SettingsError.text(noise), expected: "a finite number ≥ 0")
        }
        if batch != .full {
            guard let rows = surface.sampleCount else { throw .notApplicable(option: "--batch", surface: self.surface) }
            if case .mini(let n) = batch {
                guard n >= 1 else { throw .invalid(option: "--batch", value: String(n), expected: "full, sgd or a batch size ≥ 1") }
                guard n <= rows else {
                    throw .invalid(option: "--batch", value: batch.description, expected: "at most the data set's \(rows) rows")
                }
            }
        }
        let startPoint = start ?? surface.defaultStart
        guard startPoint.isFinite else {
            throw .invalid(option: "--start", value: "\(startPoint.x),\(startPoint.y)", expected: "two finite numbers X,Y such as -1.5,2")
        }
        // A start where the loss or its gradient overflows has nowhere to go.
        guard surface.loss(at: startPoint).isFinite && surface.gradient(at: startPoint).isFinite else {
            guard let start else {  // only data this extreme moves the default start there
                throw .invalid(option: "--data", value: dataPath ?? surface.name,
                               expected: "values whose loss is finite at the default start (give --start)")
            }
            let what = surface is FormulaSurface ? "'\(surface.formula)' and its gradient are" : "\(surface.name)'s loss and gradient are"
            throw .invalid(option: "--start", value: "\(SettingsError.text(start.x)),\(SettingsError.text(start.y))",
                           expected: "a point where \(what) finite")
        }
        let source = GradientSource(mode: batch, noise: noise, seed: seed)
        let descents = runs.map { run in
            Descent(surface: surface,
                    optimizer: Optimizer(rule: run.rule, learningRate: run.learningRate ?? surface.defaultLearningRate(for: run.rule),
                                         schedule: run.schedule),
                    source: source, start: startPoint)
        }
        return Resolved(setup: self, surface: surface, descents: descents)
    }

    /// The models' outputs: σ ∈ (0, 1) for the neuron, a Bernoulli probability for logistic
    /// regression, whose loss has no lower bound for other labels.
    static func checkLabels(_ data: Dataset, for kind: DataSurfaceKind) throws(SettingsError) {
        guard kind != .linearRegression else { return }
        let (valid, expected): ((Double) -> Bool, String) = kind == .logisticRegression
            ? ({ $0 == 0 || $0 == 1 }, "0 or 1") : ({ $0 >= 0 && $0 <= 1 }, "in [0, 1]")
        if let i = data.y.firstIndex(where: { !valid($0) }) {
            throw .data(.notALabel(data.source, line: data.lines[i], value: SettingsError.text(data.y[i]),
                                   surface: kind.rawValue, expected: expected))
        }
    }
}

/// A setup after checking: the surface and one descent per run, ready to step.
public struct Resolved: Sendable {
    public var setup: Setup
    public var surface: any LossSurface
    /// The racers' descents in lineup order, or the one solo descent.
    public var descents: [Descent]
    public init(setup: Setup, surface: any LossSurface, descents: [Descent]) {
        self.setup = setup
        self.surface = surface
        self.descents = descents
    }
    /// The solo descent (the first racer's in a race).
    public var descent: Descent { descents[0] }
    public var isRace: Bool { setup.race != nil }
}

/// A bad setting. `description` is the one line printed on standard error.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    case unknownName(kind: String, value: String, suggestion: String?)
    case invalid(option: String, value: String, expected: String)
    case notApplicable(option: String, surface: String)
    /// An option the chosen update rule does not take; `instead` is the option that plays
    /// its part there, if any; `options` are those it takes.
    case notAnOption(option: String, optimizer: String, instead: String?, options: [String])
    case data(DataError)
    /// A formula that does not parse (SPEC §8): it is quoted, with the column.
    case formula(FormulaError)
    /// An option of one surface (`--condition`) given for another.
    case surfaceOption(option: String, surface: String, takenBy: String)

    public var description: String {
        switch self {
        case .unknownName(let kind, let value, let suggestion):
            "unknown \(kind) '\(value)'" + (suggestion.map { ", did you mean '\($0)'?" } ?? "")
                + (kind == "surface" || kind == "optimizer" ? " (see 'downhill list')" : "")
        case .invalid(let option, let value, let expected):
            "invalid value '\(value)' for \(option): expected \(expected)"
        case .notApplicable(let option, let surface):
            "\(option) needs a data-backed surface (\(Surfaces.dataBackedNames.joined(separator: ", "))), not '\(surface)'"
        case .notAnOption(let option, let optimizer, let instead, let options):
            "--\(option) does not apply to \(optimizer)"
                + (instead.map { "; it uses --\($0)" }
                   ?? (options.isEmpty ? "" : "; its options: " + options.map { "--" + $0 }.joined(separator: ", ")))
        case .data(let e):
            e.description
        case .formula(let e):
            e.description
        case .surfaceOption(let option, let surface, let takenBy):
            "\(option) applies only to the \(takenBy) surface (--surface \(takenBy)), not to '\(surface)'"
        }
    }

    /// A number as a user would have typed it: `0`, `-1`, `0.5`, `1e-08`.
    public static func text(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : formatNumber(v)
    }
}

/// A number in the shortest form that reads back to the same double, `.` as the decimal
/// mark whatever the locale (Swift's `description` is locale-independent and round-trips).
@inlinable public func formatNumber(_ v: Double) -> String { v.description }
