/// Every surface by name, with its per-surface defaults: the one table that `list`, the
/// command line, the help overlay and the `s` key read.
public enum SurfaceName: Hashable, Sendable, CustomStringConvertible {
    case analytic(AnalyticSurface)
    case data(DataSurfaceKind)

    /// All surfaces in the order `s` cycles through them: analytic first, then data-backed.
    public static let all: [SurfaceName] =
        AnalyticSurface.allCases.map { .analytic($0) } + DataSurfaceKind.allCases.map { .data($0) }

    /// The name as spelled on the command line.
    public var description: String {
        switch self {
        case .analytic(let s): s.rawValue
        case .data(let k): k.rawValue
        }
    }

    /// Looks a name up; nil when it is not a surface.
    public init?(_ name: String) {
        if let s = AnalyticSurface(rawValue: name) { self = .analytic(s) }
        else if let k = DataSurfaceKind(rawValue: name) { self = .data(k) }
        else { return nil }
    }

    public var isDataBacked: Bool { if case .data = self { true } else { false } }

    /// Builds the surface; a data-backed one uses `data`, or its built-in data set.
    public func make(data: Dataset? = nil) -> any LossSurface {
        switch self {
        case .analytic(let s): s
        case .data(let k): DataSurface(kind: k, data: data ?? .builtIn(for: k))
        }
    }
}

extension LossSurface {
    /// The learning rate used when none is given, for an optimizer: chosen per surface so
    /// that the first run is stable and visibly moving (see `list`): the surface's
    /// gradient-descent rate for `gd`, half of it for `momentum` and `nesterov`, and its
    /// adaptive rate for the others.
    public func defaultLearningRate(for kind: OptimizerKind) -> Double {
        let rates = defaultLearningRates
        switch kind {
        case .gd: return rates.gradient
        // Momentum's steps build up to about η/(1 − μ): half of gd's rate keeps Nesterov
        // inside its tighter stability limit, (2 + 2μ)/(1 + 2μ) < 2 for μ = 0.9.
        case .momentum, .nesterov: return rates.gradient / 2
        case .adagrad, .rmsprop, .adam, .adamw: return rates.adaptive
        }
    }
}

/// The valid name closest to `name` by edit distance (Levenshtein), for "did you mean".
public func closestName(to name: String, in candidates: [String]) -> String? {
    let lowered = name.lowercased()
    return candidates.min { editDistance(lowered, $0) < editDistance(lowered, $1) }
}

/// Levenshtein distance between two strings, in characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var row = previous
    for i in 1...a.count {
        row[0] = i
        for j in 1...b.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &row)
    }
    return previous[b.count]
}
