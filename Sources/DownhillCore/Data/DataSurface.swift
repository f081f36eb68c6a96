/// The losses that a data set defines over parameters (w, b) = (x, y) of the plane.
public enum DataSurfaceKind: String, CaseIterable, Sendable {
    /// Mean squared error of a line: (1/N) Σ (w·xᵢ + b − yᵢ)².
    case linearRegression = "linear-regression"
    /// Mean binary cross-entropy of a logistic model: (1/N) Σ [log(1 + e^zᵢ) − yᵢ·zᵢ],
    /// zᵢ = w·xᵢ + b, yᵢ ∈ {0, 1}.
    case logisticRegression = "logistic-regression"
    /// Mean squared error of one sigmoid unit ŷ = σ(w·x + b): non-convex, with plateaus.
    case neuron
}

/// A loss surface defined by a data set (SPEC §2.2): the mean over rows of a per-row loss,
/// parameters x = w (weight) and y = b (bias).
///
/// Least squares keeps centred, compensated sufficient statistics
/// (``LeastSquaresStatistics``), so its full loss, gradient and Hessian cost O(1) whatever
/// the data size and stay right far from the origin; the others sum over the rows.
/// Mini-batch gradients always sum over the given rows.
public struct DataSurface: LossSurface {
    public let kind: DataSurfaceKind
    public let data: Dataset
    public let defaultView: ViewBox
    public private(set) var minima: [Vector2]
    /// N, the number of rows.
    private let n: Double
    /// Least squares' statistics (nil for the other kinds, which sum over the rows).
    private let leastSquares: LeastSquaresStatistics?
    /// For drawing large data sets: rows grouped into bins of x, each with its row count,
    /// mean x, Σy and Σy². Both per-row losses depend on a row only through z = w·x + b, y
    /// and y², so the binned loss is exact but for x's spread within a bin.
    private let bins: [(count: Double, x: Double, sumY: Double, sumYY: Double)]
    /// The number of bins of x for drawing.
    public static let previewBinCount = 96
    /// Data sets with more rows than this are drawn from ``bins``.
    public static let previewExactLimit = 200

    public init(kind: DataSurfaceKind, data: Dataset) {
        self.kind = kind
        self.data = data
        n = Double(data.count)
        let statistics = kind == .linearRegression ? LeastSquaresStatistics(x: data.x, y: data.y) : nil
        leastSquares = statistics
        bins = kind == .linearRegression ? [] : Self.binned(data, count: Self.previewBinCount)
        // The view and minima: least squares has a closed form, logistic regression a
        // convex loss that Newton's method minimizes; the neuron's loss is not convex.
        switch kind {
        case .linearRegression:
            let fit = statistics?.minimum
            let (w, b) = fit ?? (0, statistics?.meanY ?? 0)
            minima = fit.map { [Vector2($0.w, $0.b)] } ?? []
            // A square view on round numbers around the least-squares fit.
            let span = max(2, (2 * max(abs(w), abs(b))).rounded(.up))
            let (cx, cy) = (w.rounded(), b.rounded())
            defaultView = ViewBox(x: (cx - span)...(cx + span), y: (cy - span)...(cy + span))
        case .logisticRegression:
            defaultView = ViewBox(x: -4...6, y: -5...5)
            minima = []
            if let m = newtonMinimum() { minima = [m] }
        case .neuron:
            minima = []
            defaultView = ViewBox(x: -6...6, y: -6...6)
            if let m = neuronMinimum() { minima = [m] }
        }
    }

    /// The neuron's minimum in its view: its loss is not convex, so Newton's method starts
    /// from the lowest of a 24 × 24 grid of cell centres over the view (the binned preview
    /// loss, cheap at any data size) and is kept only where it settles inside the view with
    /// a positive-definite Hessian (a minimum, not a saddle); nil otherwise (the loss may
    /// only flatten out towards infinity).
    func neuronMinimum() -> Vector2? {
        let view = defaultView, n = 24
        var best = Vector2.zero, lowest = Double.infinity
        for j in 0..<n {
            for i in 0..<n {
                let p = Vector2(view.xMin + (Double(i) + 0.5) / Double(n) * view.width,
                                view.yMin + (Double(j) + 0.5) / Double(n) * view.height)
                let l = previewLoss(at: p)
                if l < lowest { (best, lowest) = (p, l) }
            }
        }
        guard let m = newtonMinimum(from: best), view.contains(m) else { return nil }
        return m
    }

    /// The minimizer by Newton's method from `start` (the origin: the loss is convex for
    /// logistic regression), or nil when it does not settle: separable data have no finite
    /// minimum, and a step where the Hessian is not positive definite is refused.
    func newtonMinimum(from start: Vector2 = .zero) -> Vector2? {
        var p = start
        for _ in 0..<50 {
            let g = gradient(at: p)
            let h = hessian(at: p)
            // On separable data the loss only flattens out towards infinity: the curvature
            // vanishes with the gradient, so a flat point is not a minimum.
            guard h.eigenvalues.min > 1e-6 else { return nil }
            if g.norm < 1e-12 { return p }
            guard let step = h.solve(g) else { return nil }
            p -= step
            guard p.isFinite else { return nil }
        }
        return gradient(at: p).norm < 1e-8 ? p : nil
    }

    public var name: String { kind.rawValue }
    /// The model and its data: two files with the same rows are the same surface.
    public var identity: SurfaceIdentity { SurfaceIdentity("\(kind.rawValue) \(data.source) \(data.count)") }
    public var dataset: Dataset? { data }
    public func replacingData(_ data: Dataset) -> any LossSurface { DataSurface(kind: kind, data: data) }
    public var formula: String {
        switch kind {
        case .linearRegression: "(1/N) Σ (w·xᵢ + b − yᵢ)²"
        case .logisticRegression: "(1/N) Σ [log(1 + e^zᵢ) − yᵢ·zᵢ],  zᵢ = w·xᵢ + b"
        case .neuron: "(1/N) Σ (σ(w·xᵢ + b) − yᵢ)²"
        }
    }

    public func loss(at p: Vector2) -> Double {
        let (w, b) = (p.x, p.y)
        switch kind {
        case .linearRegression:
            return leastSquares!.loss(w: w, b: b)
        case .logisticRegression:
            var total = 0.0
            for (x, y) in zip(data.x, data.y) {
                let z = w * x + b
                total += softplus(z) - y * z
            }
            return total / n
        case .neuron:
            var total = 0.0
            for (x, y) in zip(data.x, data.y) {
                let r = sigmoid(w * x + b) - y
                total += r * r
            }
            return total / n
        }
    }

    public func previewLoss(at p: Vector2) -> Double {
        guard kind != .linearRegression, data.count > Self.previewExactLimit else { return loss(at: p) }
        var total = 0.0
        for bin in bins {
            let z = p.x * bin.x + p.y
            switch kind {
            case .linearRegression: break
            case .logisticRegression:
                total += bin.count * softplus(z) - bin.sumY * z
            case .neuron:
                let s = sigmoid(z)
                total += bin.count * s * s - 2 * s * bin.sumY + bin.sumYY
            }
        }
        return total / n
    }

    static func binned(_ data: Dataset, count: Int) -> [(count: Double, x: Double, sumY: Double, sumYY: Double)] {
        guard data.count > previewExactLimit, let lo = data.x.min(), let hi = data.x.max(), hi > lo else { return [] }
        var bins = Array(repeating: (count: 0.0, x: 0.0, sumY: 0.0, sumYY: 0.0), count: count)
        let scale = Double(count) / (hi - lo)
        for (x, y) in zip(data.x, data.y) {
            let i = min(count - 1, Int((x - lo) * scale))
            bins[i].count += 1
            bins[i].x += x
            bins[i].sumY += y
            bins[i].sumYY += y * y
        }
        return bins.filter { $0.count > 0 }.map { ($0.count, $0.x / $0.count, $0.sumY, $0.sumYY) }
    }

    public func gradient(at p: Vector2) -> Vector2 {
        if let leastSquares {
            let g = leastSquares.gradient(w: p.x, b: p.y)
            return Vector2(g.w, g.b)
        }
        return gradient(at: p, rows: ArraySlice(0..<data.count))
    }

    public func gradient(at p: Vector2, rows: ArraySlice<Int>) -> Vector2 {
        let (w, b) = (p.x, p.y)
        var g = Vector2.zero
        if let leastSquares {
            // The residuals from the centred form, so that w·xᵢ and b do not cancel.
            let c = leastSquares.offset(w: w, b: b)
            for i in rows {
                let dz = 2 * leastSquares.residual(w: w, b: b, offset: c, x: data.x[i], y: data.y[i])
                g += Vector2(dz * data.x[i], dz)
            }
            return g / Double(rows.count)
        }
        for i in rows {
            let x = data.x[i]
            let z = w * x + b
            let dz: Double  // ∂ℓᵢ/∂z
            switch kind {
            case .linearRegression: dz = 2 * (z - data.y[i])
            case .logisticRegression: dz = sigmoid(z) - data.y[i]
            case .neuron:
                let s = sigmoid(z)
                dz = 2 * (s - data.y[i]) * s * (1 - s)
            }
            g += Vector2(dz * x, dz)
        }
        return g / Double(rows.count)
    }

    public func hessian(at p: Vector2) -> SymmetricMatrix2 {
        let (w, b) = (p.x, p.y)
        if let leastSquares {
            let h = leastSquares.hessian
            return SymmetricMatrix2(xx: h.xx, xy: h.xy, yy: h.yy)
        }
        var h = SymmetricMatrix2(xx: 0, xy: 0, yy: 0)
        for (x, y) in zip(data.x, data.y) {
            let s = sigmoid(w * x + b)
            let ds = s * (1 - s)
            let d2: Double  // ∂²ℓᵢ/∂z²
            switch kind {
            case .linearRegression: d2 = 2
            case .logisticRegression: d2 = ds
            case .neuron: d2 = 2 * (ds * ds + (s - y) * ds * (1 - 2 * s))
            }
            h.xx += d2 * x * x
            h.xy += d2 * x
            h.yy += d2
        }
        return SymmetricMatrix2(xx: h.xx / n, xy: h.xy / n, yy: h.yy / n)
    }

    /// The default start: far enough from the fit that the path shows the surface's shape.
    public var defaultStart: Vector2 {
        switch kind {
        case .linearRegression: Vector2((defaultView.xMin + 0.15 * defaultView.width).rounded() + 0, (defaultView.yMax - 0.15 * defaultView.height).rounded() + 0)  // + 0 turns −0 into 0
        case .logisticRegression: Vector2(-3, 4)
        case .neuron: Vector2(-4, 4)
        }
    }

    /// Default learning rates (gradient-descent family, adaptive family).
    public var defaultLearningRates: LearningRates {
        switch kind {
        case .linearRegression:
            let lambdaMax = hessian(at: .zero).eigenvalues.max
            return LearningRates(gradient: lambdaMax > 0 ? 0.8 / lambdaMax : 0.05, adaptive: 0.1)
        case .logisticRegression: return LearningRates(gradient: 1.0, adaptive: 0.1)
        case .neuron: return LearningRates(gradient: 2.0, adaptive: 0.1)
        }
    }
}
