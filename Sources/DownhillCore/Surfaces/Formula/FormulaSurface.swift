import Foundation

/// A loss surface given as a formula in x and y (SPEC §8): `--surface '(x-1)^2 + 3*(y+2)^2'`.
///
/// Parsed once into a tree and compiled (``FormulaProgram``); the value, the exact gradient
/// and the exact Hessian come from the same automatic differentiation as the built-in
/// surfaces. What a built-in surface states by hand is worked out from the formula:
/// - the view: x, y ∈ [−3, 3] unless another is given;
/// - the minima: a local search (Newton's method, gradient steps where the Hessian is not
///   positive definite, with a backtracking line search) from a 10 × 10 grid of starts,
///   keeping the strict local minima inside the view, each once;
/// - the start: the point of a 9 × 9 grid over the view farthest from every minimum found
///   (from the centre when there is none) where the value and gradient are finite, so the
///   first run has somewhere to go;
/// - the learning rates: for gradient descent 0.8/λ with λ the largest Hessian eigenvalue
///   at the start and at the minima (gd is stable on a quadratic iff η·λ < 2; data-backed
///   least squares uses the same 0.8/λ), rounded down to two significant digits, within
///   [10⁻⁶, 10]; where no curvature is positive, the η whose first step moves 1% of the view. Adaptive rules take a step of about η
///   per axis, so theirs is the view's size / 120 (0.05 for the default view).
public struct FormulaSurface: LossSurface {
    /// The view a formula is shown in when none is given.
    public static let standardView = ViewBox(x: -3...3, y: -3...3)

    public let expression: FormulaExpression
    /// The formula in its normal form (``FormulaExpression/text``): what `--surface` prints back.
    public let text: String
    public let field: FormulaField
    public let defaultView: ViewBox
    public let minima: [Vector2]
    public let defaultStart: Vector2
    public let defaultLearningRates: LearningRates

    public var name: String { "formula" }
    public var formula: String { text }
    public var surfaceArgument: String { text }
    /// The normal form, so `x^2+y^2` and `x^2 + y^2` share their raster.
    public var identity: SurfaceIdentity { SurfaceIdentity("formula " + text) }

    /// The surface of `source`.
    /// - Throws: ``FormulaError``: the formula does not parse, or it is not finite anywhere
    ///   in the view.
    public init(_ source: String, view: ViewBox = standardView) throws(FormulaError) {
        try self.init(expression: FormulaParser.parse(source), source: source, view: view)
    }

    /// The surface of a parsed formula; `source` is quoted in errors.
    public init(expression: FormulaExpression, source: String, view: ViewBox = standardView) throws(FormulaError) {
        self.expression = expression
        text = expression.text
        field = FormulaField(expression)
        defaultView = view
        let field = self.field
        let samples = Self.lattice(view, 16).map { p in field.value(p.x, p.y) }.filter(\.isFinite)
        guard let low = samples.min(), let high = samples.max() else {
            throw FormulaError(formula: source, message: "not finite anywhere in the view x ∈ [\(SettingsError.text(view.xMin)), "
                               + "\(SettingsError.text(view.xMax))], y ∈ [\(SettingsError.text(view.yMin)), \(SettingsError.text(view.yMax))]",
                               column: nil)
        }
        minima = Self.localMinima(field, in: view, spread: high - low)
        let start = Self.start(field, in: view, away: minima)
        guard let start else {
            throw FormulaError(formula: source, message: "its gradient is not finite anywhere in the view", column: nil)
        }
        defaultStart = start
        defaultLearningRates = Self.learningRates(field, view: view, start: start, minima: minima)
    }

    // The same three lines as AnalyticSurface's: shared through a protocol extension they
    // cost over a third of a gd step (measured: 42 → 24 M steps/s), the generic default
    // reaching `field` through a witness on every call.
    public func loss(at p: Vector2) -> Double { field.value(p.x, p.y) }

    public func gradient(at p: Vector2) -> Vector2 {
        let (x, y) = Dual.variables(p)
        return field.dual(x, y).gradient
    }

    public func hessian(at p: Vector2) -> SymmetricMatrix2 {
        let (x, y) = Jet.variables(p)
        return field.jet(x, y).hessian
    }

    // MARK: What is worked out from the formula

    /// n × n cell centres over `view`, top row first, left to right.
    static func lattice(_ view: ViewBox, _ n: Int) -> [Vector2] {
        var points: [Vector2] = []
        for j in (0..<n).reversed() {
            for i in 0..<n {
                points.append(Vector2(view.xMin + (Double(i) + 0.5) / Double(n) * view.width,
                                      view.yMin + (Double(j) + 0.5) / Double(n) * view.height))
            }
        }
        return points
    }

    /// The strict local minima inside `view`, lowest first, each once.
    ///
    /// From each of 10 × 10 starts: at most 100 steps of Newton's method where the Hessian
    /// is positive definite, of steepest descent elsewhere, each with a backtracking (Armijo)
    /// line search. The end point counts when it lies in the view and every point at
    /// 1/1000 of the view's diagonal around it, in eight directions, is higher by more than
    /// 10⁻¹² of the sampled spread of values (so a valley floor of equal minima, where no
    /// single point is a minimum, marks none). Points closer than 1/1000 of the diagonal
    /// are one minimum.
    static func localMinima(_ field: FormulaField, in view: ViewBox, spread: Double) -> [Vector2] {
        let diagonal = (view.width * view.width + view.height * view.height).squareRoot()
        let f = { (p: Vector2) in field.value(p.x, p.y) }
        let far = ViewBox(x: (view.xMin - view.width)...(view.xMax + view.width), y: (view.yMin - view.height)...(view.yMax + view.height))
        var found: [(point: Vector2, value: Double)] = []
        for var p in lattice(view, 10) {
            for _ in 0..<100 {
                let (x, y) = Jet.variables(p)
                let jet = field.jet(x, y)
                let g = jet.gradient
                guard jet.value.isFinite, g.isFinite else { break }
                if g.norm == 0 { break }
                let h = jet.hessian
                var d = -g
                if h.eigenvalues.min > 0, let newton = h.solve(g), newton.isFinite { d = -newton }
                let slope = (g * d).sum()
                var t = 1.0
                var next: Vector2?
                while t > 1e-12 {
                    let q = p + t * d
                    let fq = f(q)
                    if fq.isFinite && fq <= jet.value + 1e-4 * t * slope { next = q; break }
                    t /= 2
                }
                guard let q = next, q != p else { break }
                p = q
                guard far.contains(p) else { break }
            }
            guard view.contains(p), p.isFinite else { continue }
            let fp = f(p)
            guard fp.isFinite else { continue }
            let delta = 1e-3 * diagonal, margin = 1e-12 * spread
            let strict = (0..<8).allSatisfy { k in
                let angle = Double(k) * Double.pi / 4
                let q = f(p + delta * Vector2(cos(angle), sin(angle)))
                return q.isFinite && q - fp > margin
            }
            guard strict else { continue }
            if let i = found.firstIndex(where: { ($0.point - p).norm < 1e-3 * diagonal }) {
                if fp < found[i].value { found[i] = (p, fp) }
            } else {
                found.append((p, fp))
            }
        }
        return found.sorted { ($0.value, $0.point.x, $0.point.y) < ($1.value, $1.point.x, $1.point.y) }.map(\.point)
    }

    /// The point of a 9 × 9 grid over the view (tenths of its width and height, nine of
    /// them each way) farthest from the nearest minimum (from the view's centre when there
    /// are none) where the value and gradient are finite; on a tie the one nearer the
    /// top-left corner. Nil when there is no such point.
    static func start(_ field: FormulaField, in view: ViewBox, away minima: [Vector2]) -> Vector2? {
        var best: (point: Vector2, distance: Double)?
        for j in (1...9).reversed() {
            for i in 1...9 {
                let p = Vector2(short(view.xMin + view.width * Double(i) / 10), short(view.yMin + view.height * Double(j) / 10))
                let (x, y) = Dual.variables(p)
                let d = field.dual(x, y)
                guard d.value.isFinite, d.gradient.isFinite else { continue }
                let distance = minima.isEmpty ? (p - view.center).norm : minima.map { ($0 - p).norm }.min()!
                if best == nil || distance > best!.distance * (1 + 1e-12) { best = (p, distance) }
            }
        }
        return best?.point
    }

    /// `v` to 12 significant digits: −3 + 6·0.9 is 2.4, not 2.4000000000000004, so the start
    /// reads as typed.
    static func short(_ v: Double) -> Double { Double(String(format: "%.12g", v)) ?? v }

    /// `v` > 0 rounded down to two significant digits (0.011574 → 0.011), so the default η
    /// reads as a person would choose it and stays below the bound it came from.
    static func roundedDown(_ v: Double) -> Double {
        guard v > 0, v.isFinite else { return v }
        let unit = pow(10, floor(log10(v)) - 1)
        let r = (v / unit).rounded(.down) * unit
        // Back to the shortest decimal (0.011, not 0.011000000000000001).
        return Double(String(format: "%.2g", r)).map { $0 <= v ? $0 : r } ?? r
    }

    /// The default learning rates (see the type's documentation).
    static func learningRates(_ field: FormulaField, view: ViewBox, start: Vector2, minima: [Vector2]) -> LearningRates {
        let lambda = ([start] + minima).map { p -> Double in
            let (x, y) = Jet.variables(p)
            let e = field.jet(x, y).hessian.eigenvalues.max
            return e.isFinite ? e : 0
        }.max() ?? 0
        let size = min(view.width, view.height)
        var gradient: Double
        if lambda > 0 {
            gradient = 0.8 / lambda
        } else {
            let (x, y) = Dual.variables(start)
            let g = field.dual(x, y).gradient.norm
            gradient = g > 0 && g.isFinite ? 0.01 * size / g : 0.01
        }
        gradient = min(10, max(1e-6, roundedDown(gradient)))
        return LearningRates(gradient: gradient, adaptive: size / 120)
    }
}
