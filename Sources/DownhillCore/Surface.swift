/// A differentiable loss surface L(x, y) over a two-dimensional parameter space.
///
/// Points are in world units (the surface's own coordinates). Gradients and Hessians are
/// exact, never finite differences: analytic surfaces get them by forward-mode automatic
/// differentiation (``Dual``, ``Jet``), data-backed ones from closed forms.
public protocol LossSurface: Sendable {
    /// The name used on the command line (`rosenbrock`, `linear-regression`).
    var name: String { get }
    /// The formula as one line of text, for `list` and the help overlay.
    var formula: String { get }
    /// The part of parameter space shown by default.
    var defaultView: ViewBox { get }
    /// Known minimizers (empty when the surface has none, like `saddle`).
    var minima: [Vector2] { get }
    /// The start used when none is given: a point that shows the surface's character.
    var defaultStart: Vector2 { get }
    /// The default learning rates of the gradient-descent family and of the adaptive
    /// optimizers (see ``LossSurface/defaultLearningRate(for:)``).
    var defaultLearningRates: (gradient: Double, adaptive: Double) { get }
    /// L at the point.
    func loss(at p: Vector2) -> Double
    /// ∇L at the point.
    func gradient(at p: Vector2) -> Vector2
    /// The Hessian ∇²L at the point.
    func hessian(at p: Vector2) -> SymmetricMatrix2
    /// The loss for drawing the surface: equal to ``loss(at:)`` for analytic surfaces and
    /// small data sets; for large data sets an approximation from a binned summary of the
    /// data, so a contour raster costs the same whatever the data size.
    func previewLoss(at p: Vector2) -> Double
    /// The number of rows of a data-backed surface, nil for an analytic one.
    var sampleCount: Int? { get }
    /// The gradient of the mean loss over the given rows (data-backed surfaces only; an
    /// analytic surface returns the full gradient).
    func gradient(at p: Vector2, rows: ArraySlice<Int>) -> Vector2
}

extension LossSurface {
    public var sampleCount: Int? { nil }
    public func previewLoss(at p: Vector2) -> Double { loss(at: p) }
    public func gradient(at p: Vector2, rows: ArraySlice<Int>) -> Vector2 { gradient(at: p) }
    /// True for surfaces defined by a data set.
    public var isDataBacked: Bool { sampleCount != nil }
}

/// The analytic test functions of the optimization literature (SPEC §2.1).
///
/// Each formula is written once over ``SurfaceScalar`` and evaluated with `Double` for the
/// loss, ``Dual`` for the gradient and ``Jet`` for the Hessian. Sources: Rosenbrock (1960);
/// Beale, Himmelblau, Booth, Matyas, Rastrigin, six-hump camel and Goldstein–Price as
/// tabulated by Surjanovic & Bingham, "Virtual Library of Simulation Experiments".
public enum AnalyticSurface: String, CaseIterable, LossSurface {
    case bowl, valley, rosenbrock, beale, himmelblau, booth, matyas, rastrigin
    case sixHumpCamel = "six-hump-camel"
    case goldsteinPrice = "goldstein-price"
    case saddle

    public var name: String { rawValue }

    /// The formula, written once, generic over plain values and derivative carriers.
    @inlinable
    public func evaluate<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
        switch self {
        case .bowl:
            return x * x + y * y
        case .valley:
            return x * x + 10 * y * y
        case .rosenbrock:
            return (1 - x).squared + 100 * (y - x * x).squared
        case .beale:
            let y2 = y * y
            let a: T = 1.5 - x + x * y
            let b: T = 2.25 - x + x * y2
            let c: T = 2.625 - x + x * y2 * y
            return a.squared + b.squared + c.squared
        case .himmelblau:
            return (x * x + y - 11).squared + (x + y * y - 7).squared
        case .booth:
            return (x + 2 * y - 7).squared + (2 * x + y - 5).squared
        case .matyas:
            return 0.26 * (x * x + y * y) - 0.48 * x * y
        case .rastrigin:
            let twoPi = T(constant: 2 * Double.pi)
            let fx: T = x * x - 10 * (twoPi * x).cos()
            let fy: T = y * y - 10 * (twoPi * y).cos()
            return 20 + fx + fy
        case .sixHumpCamel:
            let x2 = x * x
            let y2 = y * y
            let a: T = (4 - 2.1 * x2 + x2 * x2 / 3) * x2
            let b: T = (-4 + 4 * y2) * y2
            return a + x * y + b
        case .goldsteinPrice:
            let s = x + y + 1
            let p1: T = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
            let d = 2 * x - 3 * y
            let p2: T = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
            let first: T = 1 + s * s * p1
            let second: T = 30 + d * d * p2
            return first * second
        case .saddle:
            return x * x - y * y
        }
    }

    public func loss(at p: Vector2) -> Double { evaluate(p.x, p.y) }

    public func gradient(at p: Vector2) -> Vector2 {
        let (x, y) = Dual.variables(p)
        return evaluate(x, y).gradient
    }

    public func hessian(at p: Vector2) -> SymmetricMatrix2 {
        let (x, y) = Jet.variables(p)
        return evaluate(x, y).hessian
    }

    public var formula: String {
        switch self {
        case .bowl: "x² + y²"
        case .valley: "x² + 10y²"
        case .rosenbrock: "(1−x)² + 100(y−x²)²"
        case .beale: "(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²"
        case .himmelblau: "(x²+y−11)² + (x+y²−7)²"
        case .booth: "(x+2y−7)² + (2x+y−5)²"
        case .matyas: "0.26(x²+y²) − 0.48xy"
        case .rastrigin: "20 + x² − 10cos(2πx) + y² − 10cos(2πy)"
        case .sixHumpCamel: "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²"
        case .goldsteinPrice: "[1+(x+y+1)²(19−14x+3x²−14y+6xy+3y²)]·[30+(2x−3y)²(18−32x+12x²+48y−36xy+27y²)]"
        case .saddle: "x² − y²"
        }
    }

    public var defaultView: ViewBox {
        switch self {
        case .bowl, .saddle, .goldsteinPrice: ViewBox(x: -2...2, y: -2...2)
        case .valley: ViewBox(x: -3...3, y: -1.5...1.5)
        case .rosenbrock: ViewBox(x: -2...2, y: -1...3)
        case .beale: ViewBox(x: -4.5...4.5, y: -4.5...4.5)
        case .himmelblau: ViewBox(x: -5...5, y: -5...5)
        case .booth, .matyas: ViewBox(x: -10...10, y: -10...10)
        case .rastrigin: ViewBox(x: -5.12...5.12, y: -5.12...5.12)
        case .sixHumpCamel: ViewBox(x: -3...3, y: -2...2)
        }
    }

    public var minima: [Vector2] {
        switch self {
        case .bowl, .valley, .matyas, .rastrigin: [Vector2(0, 0)]
        case .rosenbrock: [Vector2(1, 1)]
        case .beale: [Vector2(3, 0.5)]
        case .himmelblau: [Vector2(3, 2), Vector2(-2.805118, 3.131312),
                           Vector2(-3.779310, -3.283186), Vector2(3.584428, -1.848126)]
        case .booth: [Vector2(1, 3)]
        case .sixHumpCamel: [Vector2(0.0898, -0.7126), Vector2(-0.0898, 0.7126)]
        case .goldsteinPrice: [Vector2(0, -1)]
        case .saddle: []
        }
    }

    /// The start point used when `--start` is not given: chosen so the first run shows the
    /// surface's character (the long curved floor of Rosenbrock, the escape from a saddle).
    public var defaultStart: Vector2 {
        switch self {
        case .bowl: Vector2(1.5, 1.2)
        case .valley: Vector2(-2.5, 1.0)
        case .rosenbrock: Vector2(-1.5, 2.0)
        case .beale: Vector2(1.0, 1.5)
        case .himmelblau: Vector2(0, 0)
        case .booth: Vector2(-6, 8)
        case .matyas: Vector2(-8, 6)
        case .rastrigin: Vector2(3.3, -2.6)
        case .sixHumpCamel: Vector2(1.5, 0.5)
        case .goldsteinPrice: Vector2(-0.5, -1.5)
        case .saddle: Vector2(1.5, 0.05)
        }
    }

    /// Default learning rates (gradient-descent family, adaptive family), chosen per surface
    /// so that the first run is visibly stable and finishes within a few hundred steps.
    public var defaultLearningRates: (gradient: Double, adaptive: Double) {
        switch self {
        case .bowl: (0.1, 0.05)
        case .valley: (0.08, 0.05)
        case .rosenbrock: (0.001, 0.02)
        case .beale: (0.002, 0.05)
        case .himmelblau: (0.01, 0.1)
        case .booth: (0.05, 0.2)
        case .matyas: (0.5, 0.2)
        case .rastrigin: (0.002, 0.05)
        case .sixHumpCamel: (0.01, 0.05)
        case .goldsteinPrice: (0.00005, 0.02)
        case .saddle: (0.05, 0.05)
        }
    }
}
