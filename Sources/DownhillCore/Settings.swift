/// The settings shared by `play`, `run` and `frame` (SPEC §1), as given on the command
/// line: names are still strings and optional values may be absent. ``resolve()`` checks
/// every value and builds the descent.
public struct Settings: Equatable, Sendable {
    public var surface = "valley"
    public var optimizer = "gd"
    /// η; nil means the surface's default for the optimizer.
    public var learningRate: Double?
    /// `X,Y` as typed; nil means the surface's default start.
    public var start: String?
    public var steps = 100
    public var momentum = 0.9
    public var alpha = 0.99
    public var beta1 = 0.9
    public var beta2 = 0.999
    public var epsilon: Double?
    public var weightDecay = 0.01
    public var dataPath: String?
    /// `full`, `sgd` or a batch size; nil means full batch.
    public var batch: String?
    public var noise = 0.0
    public var seed: UInt64 = 0

    public init() {}

    /// Checks every value and builds the descent these settings describe.
    /// - Throws: ``SettingsError``, whose description is one line naming the bad value.
    public func resolve() throws(SettingsError) -> Resolved {
        guard let surfaceName = SurfaceName(surface) else {
            throw .unknownName(kind: "surface", value: surface, suggestion: closestName(to: surface, in: SurfaceName.all.map(\.description)))
        }
        guard let kind = OptimizerKind(rawValue: optimizer) else {
            throw .unknownName(kind: "optimizer", value: optimizer, suggestion: closestName(to: optimizer, in: OptimizerKind.allCases.map(\.rawValue)))
        }
        if let lr = learningRate, !(lr > 0 && lr.isFinite) {
            throw .invalid(option: "--lr", value: Self.text(lr), expected: "a finite number > 0")
        }
        guard steps >= 0 else { throw .invalid(option: "--steps", value: String(steps), expected: "a whole number ≥ 0") }
        try Self.checkUnitInterval("--momentum", momentum)
        try Self.checkUnitInterval("--alpha", alpha)
        try Self.checkUnitInterval("--beta1", beta1)
        try Self.checkUnitInterval("--beta2", beta2)
        if let e = epsilon, !(e >= 0 && e.isFinite) {
            throw .invalid(option: "--eps", value: Self.text(e), expected: "a finite number ≥ 0")
        }
        guard weightDecay >= 0 && weightDecay.isFinite else {
            throw .invalid(option: "--weight-decay", value: Self.text(weightDecay), expected: "a finite number ≥ 0")
        }
        guard noise >= 0 && noise.isFinite else {
            throw .invalid(option: "--noise", value: Self.text(noise), expected: "a finite number ≥ 0")
        }
        var data: Dataset?
        if let dataPath {
            guard surfaceName.isDataBacked else {
                throw .notApplicable(option: "--data", surface: surface)
            }
            do { data = try Dataset.load(path: dataPath) } catch { throw .data(error) }
            // The models' outputs: σ ∈ (0, 1) for the neuron, a Bernoulli probability for
            // logistic regression, whose loss has no lower bound for other labels.
            if let data, case .data(let kind) = surfaceName, kind != .linearRegression {
                let (valid, expected): ((Double) -> Bool, String) = kind == .logisticRegression
                    ? ({ $0 == 0 || $0 == 1 }, "0 or 1") : ({ $0 >= 0 && $0 <= 1 }, "in [0, 1]")
                if let i = data.y.firstIndex(where: { !valid($0) }) {
                    throw .data(.notALabel(data.source, line: data.lines[i], value: Self.text(data.y[i]),
                                           surface: kind.rawValue, expected: expected))
                }
            }
        }
        let surface = surfaceName.make(data: data)
        var mode = BatchMode.full
        if let batch {
            mode = try Self.parseBatch(batch)
            if mode != .full && !surfaceName.isDataBacked {
                throw .notApplicable(option: "--batch", surface: self.surface)
            }
            if case .mini(let n) = mode, let rows = surface.sampleCount, n > rows {
                throw .invalid(option: "--batch", value: batch, expected: "at most the data set's \(rows) rows")
            }
        }
        let startPoint = try start.map { s throws(SettingsError) in try Self.parsePoint(s) } ?? surface.defaultStart
        // A start where the loss or its gradient overflows has nowhere to go.
        guard surface.loss(at: startPoint).isFinite && surface.gradient(at: startPoint).isFinite else {
            guard let start else {  // only data this extreme moves the default start there
                throw .invalid(option: "--data", value: dataPath ?? surface.name,
                               expected: "values whose loss is finite at the default start (give --start)")
            }
            throw .invalid(option: "--start", value: start, expected: "a point where \(surface.name)'s loss and gradient are finite")
        }
        var h = Hyperparameters(learningRate: learningRate ?? surface.defaultLearningRate(for: kind))
        h.momentum = momentum
        h.alpha = alpha
        h.beta1 = beta1
        h.beta2 = beta2
        h.epsilonOverride = epsilon
        h.weightDecay = weightDecay
        let descent = Descent(surface: surface, optimizer: Optimizer(kind: kind, hyperparameters: h),
                              source: GradientSource(mode: mode, noise: noise, seed: seed), start: startPoint)
        return Resolved(surfaceName: surfaceName, descent: descent, steps: steps)
    }

    /// Settings after checking: the surface's name and the descent, ready to step.
    public struct Resolved: Sendable {
        public var surfaceName: SurfaceName
        public var descent: Descent
        public var steps: Int
        public init(surfaceName: SurfaceName, descent: Descent, steps: Int) {
            self.surfaceName = surfaceName
            self.descent = descent
            self.steps = steps
        }
    }

    /// Parses `X,Y` (two finite numbers; negatives allowed, spaces ignored).
    public static func parsePoint(_ text: String) throws(SettingsError) -> Vector2 {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x.isFinite, y.isFinite else {
            throw .invalid(option: "--start", value: text, expected: "two finite numbers X,Y such as -1.5,2")
        }
        return Vector2(x, y)
    }

    /// Parses `full`, `sgd` or a whole number ≥ 1.
    public static func parseBatch(_ text: String) throws(SettingsError) -> BatchMode {
        switch text.lowercased() {
        case "full": return .full
        case "sgd": return .stochastic
        default:
            guard let n = Int(text), n >= 1 else {
                throw .invalid(option: "--batch", value: text, expected: "full, sgd or a batch size ≥ 1")
            }
            return .mini(size: n)
        }
    }

    static func checkUnitInterval(_ option: String, _ v: Double) throws(SettingsError) {
        guard v >= 0 && v < 1 else { throw .invalid(option: option, value: text(v), expected: "a number in [0, 1)") }
    }

    /// A number as a user would have typed it: `0`, `-1`, `0.5`, `1e-08`.
    static func text(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : formatNumber(v)
    }
}

/// A bad setting. `description` is the one line printed on standard error.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    case unknownName(kind: String, value: String, suggestion: String?)
    case invalid(option: String, value: String, expected: String)
    case notApplicable(option: String, surface: String)
    case data(DataError)

    public var description: String {
        switch self {
        case .unknownName(let kind, let value, let suggestion):
            "unknown \(kind) '\(value)'" + (suggestion.map { ", did you mean '\($0)'?" } ?? "")
                + (kind == "surface" || kind == "optimizer" ? " (see 'downhill list')" : "")
        case .invalid(let option, let value, let expected):
            "invalid value '\(value)' for \(option): expected \(expected)"
        case .notApplicable(let option, let surface):
            "\(option) needs a data-backed surface (linear-regression, logistic-regression, neuron), not '\(surface)'"
        case .data(let e):
            e.description
        }
    }
}

/// A number in the shortest form that reads back to the same double, `.` as the decimal
/// mark whatever the locale (Swift's `description` is locale-independent and round-trips).
@inlinable public func formatNumber(_ v: Double) -> String { v.description }
