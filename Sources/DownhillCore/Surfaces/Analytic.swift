/// A function f(x, y) written once, generic over plain values and derivative carriers, so
/// that `Double` gives the loss, ``Dual`` the exact gradient and ``Jet`` the exact Hessian.
///
/// A conforming type writes only `callAsFunction`; the three concrete entry points have
/// default implementations, and exist as requirements so that each field's witnesses are
/// compiled for `Double`, `Dual` and `Jet` (specialized code) rather than reached through
/// generic dispatch on every arithmetic operation.
public protocol ScalarField: Sendable {
    func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T
    /// f at (x, y).
    func value(_ x: Double, _ y: Double) -> Double
    /// f with its gradient.
    func dual(_ x: Dual, _ y: Dual) -> Dual
    /// f with its gradient and Hessian.
    func jet(_ x: Jet, _ y: Jet) -> Jet
}

extension ScalarField {
    @inlinable public func value(_ x: Double, _ y: Double) -> Double { self(x, y) }
    @inlinable public func dual(_ x: Dual, _ y: Dual) -> Dual { self(x, y) }
    @inlinable public func jet(_ x: Jet, _ y: Jet) -> Jet { self(x, y) }
}

/// An analytic loss surface: a ``ScalarField`` with what is shown about it (its formula,
/// default view, known minima, default start and learning rates). The built-in ones are
/// values in ``Surfaces``.
public struct AnalyticSurface<Field: ScalarField>: LossSurface {
    public let name: String
    public let formula: String
    public let defaultView: ViewBox
    public let minima: [Vector2]
    public let defaultStart: Vector2
    public let defaultLearningRates: LearningRates
    public let field: Field

    /// - Parameters:
    ///   - rates: the default learning rates (gradient-descent family, adaptive rules),
    ///     chosen so the first run is visibly stable and finishes within a few hundred steps.
    ///   - start: the start used when `--start` is not given, chosen to show the surface's
    ///     character (the long curved floor of Rosenbrock, the escape from a saddle).
    public init(_ name: String, _ formula: String, view: ViewBox, minima: [Vector2], start: Vector2,
                rates: (gradient: Double, adaptive: Double), _ field: Field) {
        self.name = name
        self.formula = formula
        defaultView = view
        self.minima = minima
        defaultStart = start
        defaultLearningRates = LearningRates(gradient: rates.gradient, adaptive: rates.adaptive)
        self.field = field
    }

    public func loss(at p: Vector2) -> Double { field.value(p.x, p.y) }

    public func gradient(at p: Vector2) -> Vector2 {
        let (x, y) = Dual.variables(p)
        return field.dual(x, y).gradient
    }

    public func hessian(at p: Vector2) -> SymmetricMatrix2 {
        let (x, y) = Jet.variables(p)
        return field.jet(x, y).hessian
    }
}
