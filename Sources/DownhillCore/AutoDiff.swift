import Foundation

/// The numbers a surface formula is written over: `Double` for values, ``Dual`` for exact
/// gradients and ``Jet`` for exact Hessians (forward-mode automatic differentiation).
/// A surface is written once, generically, and each derivative comes from the same text.
public protocol SurfaceScalar: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, Sendable {
    init(constant: Double)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// sin, cos, tan of the value in radians.
    func sin() -> Self
    func cos() -> Self
    func tan() -> Self
    /// eˣ and the natural logarithm (NaN below 0, −∞ at 0).
    func exp() -> Self
    func log() -> Self
    /// √u (NaN below 0; its derivative is infinite at 0).
    func sqrt() -> Self
    /// |u|, whose derivative is sign(u), 0 at u = 0 (torch's `abs` backward).
    func abs() -> Self
    func tanh() -> Self
    /// σ(u) = 1/(1 + e⁻ᵘ), without overflow for any u.
    func sigmoid() -> Self
    /// log(1 + eᵘ), without overflow for any u; its derivative is σ(u).
    func softplus() -> Self
    /// uᶜ for a constant c: c·uᶜ⁻¹ and c(c−1)·uᶜ⁻² as derivatives (NaN for u < 0 unless c
    /// is a whole number, as `pow`).
    func power(_ c: Double) -> Self
    /// uᵛ for a varying exponent: the value is `pow(u, v)`, the derivatives those of
    /// e^(v·log u) (not finite for u ≤ 0, where a real power is not differentiable in v).
    func pow(_ v: Self) -> Self
}

/// The scalar functions' values and first and second derivatives, shared by ``Dual`` and
/// ``Jet`` so the two cannot disagree: (φ(u), φ'(u), φ''(u)).
@usableFromInline enum ScalarCalculus {
    @inlinable static func tan(_ u: Double) -> (Double, Double, Double) {
        let t = Foundation.tan(u)
        let d1 = 1 + t * t
        return (t, d1, 2 * t * d1)
    }
    @inlinable static func exp(_ u: Double) -> (Double, Double, Double) {
        let e = Foundation.exp(u)
        return (e, e, e)
    }
    @inlinable static func log(_ u: Double) -> (Double, Double, Double) {
        (Foundation.log(u), 1 / u, -1 / (u * u))
    }
    @inlinable static func sqrt(_ u: Double) -> (Double, Double, Double) {
        let s = u.squareRoot()
        let d1 = 1 / (2 * s)
        return (s, d1, -d1 / (2 * u))
    }
    @inlinable static func abs(_ u: Double) -> (Double, Double, Double) {
        (Swift.abs(u), u > 0 ? 1 : u < 0 ? -1 : 0, 0)
    }
    @inlinable static func tanh(_ u: Double) -> (Double, Double, Double) {
        let t = Foundation.tanh(u)
        let d1 = 1 - t * t
        return (t, d1, -2 * t * d1)
    }
    /// σ(u), from e^(−|u|) so that neither side overflows.
    @inlinable static func sigmoidValue(_ u: Double) -> Double {
        if u >= 0 { return 1 / (1 + Foundation.exp(-u)) }
        let e = Foundation.exp(u)
        return e / (1 + e)
    }
    @inlinable static func sigmoid(_ u: Double) -> (Double, Double, Double) {
        let s = sigmoidValue(u)
        let d1 = s * (1 - s)
        return (s, d1, d1 * (1 - 2 * s))
    }
    /// log(1 + eᵘ) = max(u, 0) + log1p(e^(−|u|)).
    @inlinable static func softplusValue(_ u: Double) -> Double {
        Swift.max(u, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(u)))
    }
    @inlinable static func softplus(_ u: Double) -> (Double, Double, Double) {
        let s = sigmoidValue(u)
        return (softplusValue(u), s, s * (1 - s))
    }
    /// uᶜ with its derivatives; uᶜ⁻¹ and uᶜ⁻² by `pow` too, so that u = 0 gives 0 (c > 2),
    /// c·0 or ∞ as the real function does.
    @inlinable static func pow(_ u: Double, _ c: Double) -> (Double, Double, Double) {
        if c == 0 { return (1, 0, 0) }
        if c == 1 { return (u, 1, 0) }
        if c == 2 { return (u * u, 2 * u, 2) }
        return (Foundation.pow(u, c), c * Foundation.pow(u, c - 1), c * (c - 1) * Foundation.pow(u, c - 2))
    }
}

extension SurfaceScalar {
    @inlinable public var squared: Self { self * self }
}

extension Double: SurfaceScalar {
    @inlinable public init(constant: Double) { self = constant }
    @inlinable public func sin() -> Double { Foundation.sin(self) }
    @inlinable public func cos() -> Double { Foundation.cos(self) }
    @inlinable public func tan() -> Double { Foundation.tan(self) }
    @inlinable public func exp() -> Double { Foundation.exp(self) }
    @inlinable public func log() -> Double { Foundation.log(self) }
    @inlinable public func sqrt() -> Double { squareRoot() }
    @inlinable public func abs() -> Double { Swift.abs(self) }
    @inlinable public func tanh() -> Double { Foundation.tanh(self) }
    @inlinable public func sigmoid() -> Double { ScalarCalculus.sigmoidValue(self) }
    @inlinable public func softplus() -> Double { ScalarCalculus.softplusValue(self) }
    @inlinable public func power(_ c: Double) -> Double { ScalarCalculus.pow(self, c).0 }
    @inlinable public func pow(_ v: Double) -> Double { Foundation.pow(self, v) }
}

/// A value with its gradient in the two parameters: first-order forward-mode AD.
/// `value` is f, `gradient` is (∂f/∂x, ∂f/∂y).
public struct Dual: SurfaceScalar {
    public var value: Double
    public var gradient: Vector2

    @inlinable public init(value: Double, gradient: Vector2) {
        self.value = value
        self.gradient = gradient
    }
    @inlinable public init(constant: Double) { self.init(value: constant, gradient: .zero) }
    @inlinable public init(floatLiteral v: Double) { self.init(constant: v) }
    @inlinable public init(integerLiteral v: Int) { self.init(constant: Double(v)) }
    /// The variables x and y at a point, seeded with unit gradients.
    @inlinable public static func variables(_ p: Vector2) -> (Dual, Dual) {
        (Dual(value: p.x, gradient: Vector2(1, 0)), Dual(value: p.y, gradient: Vector2(0, 1)))
    }

    @inlinable public static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, gradient: a.gradient + b.gradient)
    }
    @inlinable public static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, gradient: a.gradient - b.gradient)
    }
    @inlinable public static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, gradient: a.gradient * b.value + b.gradient * a.value)
    }
    @inlinable public static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(value: q, gradient: (a.gradient - b.gradient * q) / b.value)
    }
    @inlinable public static prefix func - (a: Dual) -> Dual {
        Dual(value: -a.value, gradient: -a.gradient)
    }
    @inlinable public func sin() -> Dual {
        Dual(value: Foundation.sin(value), gradient: gradient * Foundation.cos(value))
    }
    @inlinable public func cos() -> Dual {
        Dual(value: Foundation.cos(value), gradient: gradient * -Foundation.sin(value))
    }
    /// Applies a unary φ given as (φ(u), φ'(u), φ''(u)).
    @inlinable func chain(_ d: (Double, Double, Double)) -> Dual { Dual(value: d.0, gradient: gradient * d.1) }
    @inlinable public func tan() -> Dual { chain(ScalarCalculus.tan(value)) }
    @inlinable public func exp() -> Dual { chain(ScalarCalculus.exp(value)) }
    @inlinable public func log() -> Dual { chain(ScalarCalculus.log(value)) }
    @inlinable public func sqrt() -> Dual { chain(ScalarCalculus.sqrt(value)) }
    @inlinable public func abs() -> Dual { chain(ScalarCalculus.abs(value)) }
    @inlinable public func tanh() -> Dual { chain(ScalarCalculus.tanh(value)) }
    @inlinable public func sigmoid() -> Dual { chain(ScalarCalculus.sigmoid(value)) }
    @inlinable public func softplus() -> Dual { chain(ScalarCalculus.softplus(value)) }
    @inlinable public func power(_ c: Double) -> Dual { chain(ScalarCalculus.pow(value, c)) }
    @inlinable public func pow(_ v: Dual) -> Dual {
        let p = Foundation.pow(value, v.value)
        // d(e^w) with w = v·log u: e^w·(v'·log u + v·u'/u), e^w = p.
        return Dual(value: p, gradient: (v.gradient * Foundation.log(value) + gradient * (v.value / value)) * p)
    }
}

/// A value with its gradient and Hessian in the two parameters: second-order forward-mode
/// AD. For a unary φ, `(φ∘u)'' = φ'(u)·u'' + φ''(u)·u'u'ᵀ`.
public struct Jet: SurfaceScalar {
    public var value: Double
    public var gradient: Vector2
    public var hessian: SymmetricMatrix2

    @inlinable public init(value: Double, gradient: Vector2, hessian: SymmetricMatrix2) {
        self.value = value
        self.gradient = gradient
        self.hessian = hessian
    }
    @inlinable public init(constant: Double) {
        self.init(value: constant, gradient: .zero, hessian: SymmetricMatrix2(xx: 0, xy: 0, yy: 0))
    }
    @inlinable public init(floatLiteral v: Double) { self.init(constant: v) }
    @inlinable public init(integerLiteral v: Int) { self.init(constant: Double(v)) }
    /// The variables x and y at a point.
    @inlinable public static func variables(_ p: Vector2) -> (Jet, Jet) {
        let zero = SymmetricMatrix2(xx: 0, xy: 0, yy: 0)
        return (Jet(value: p.x, gradient: Vector2(1, 0), hessian: zero),
                Jet(value: p.y, gradient: Vector2(0, 1), hessian: zero))
    }

    @inlinable static func add(_ a: SymmetricMatrix2, _ b: SymmetricMatrix2, _ sa: Double = 1, _ sb: Double = 1) -> SymmetricMatrix2 {
        SymmetricMatrix2(xx: sa * a.xx + sb * b.xx, xy: sa * a.xy + sb * b.xy, yy: sa * a.yy + sb * b.yy)
    }
    /// Applies a unary function with derivatives d1 = φ'(u), d2 = φ''(u).
    @inlinable func chain(_ v: Double, _ d1: Double, _ d2: Double) -> Jet {
        let g = gradient
        return Jet(value: v, gradient: g * d1,
                   hessian: SymmetricMatrix2(xx: d1 * hessian.xx + d2 * g.x * g.x,
                                             xy: d1 * hessian.xy + d2 * g.x * g.y,
                                             yy: d1 * hessian.yy + d2 * g.y * g.y))
    }

    @inlinable public static func + (a: Jet, b: Jet) -> Jet {
        Jet(value: a.value + b.value, gradient: a.gradient + b.gradient, hessian: add(a.hessian, b.hessian))
    }
    @inlinable public static func - (a: Jet, b: Jet) -> Jet {
        Jet(value: a.value - b.value, gradient: a.gradient - b.gradient, hessian: add(a.hessian, b.hessian, 1, -1))
    }
    @inlinable public static func * (a: Jet, b: Jet) -> Jet {
        let h = add(a.hessian, b.hessian, b.value, a.value)
        let ga = a.gradient, gb = b.gradient
        return Jet(value: a.value * b.value,
                   gradient: ga * b.value + gb * a.value,
                   hessian: SymmetricMatrix2(xx: h.xx + 2 * ga.x * gb.x,
                                             xy: h.xy + ga.x * gb.y + ga.y * gb.x,
                                             yy: h.yy + 2 * ga.y * gb.y))
    }
    @inlinable public static func / (a: Jet, b: Jet) -> Jet {
        let u = b.value
        return a * b.chain(1 / u, -1 / (u * u), 2 / (u * u * u))
    }
    @inlinable public static prefix func - (a: Jet) -> Jet { a.chain(-a.value, -1, 0) }
    @inlinable public func sin() -> Jet {
        chain(Foundation.sin(value), Foundation.cos(value), -Foundation.sin(value))
    }
    @inlinable public func cos() -> Jet {
        chain(Foundation.cos(value), -Foundation.sin(value), -Foundation.cos(value))
    }
    @inlinable func chain(_ d: (Double, Double, Double)) -> Jet { chain(d.0, d.1, d.2) }
    @inlinable public func tan() -> Jet { chain(ScalarCalculus.tan(value)) }
    @inlinable public func exp() -> Jet { chain(ScalarCalculus.exp(value)) }
    @inlinable public func log() -> Jet { chain(ScalarCalculus.log(value)) }
    @inlinable public func sqrt() -> Jet { chain(ScalarCalculus.sqrt(value)) }
    @inlinable public func abs() -> Jet { chain(ScalarCalculus.abs(value)) }
    @inlinable public func tanh() -> Jet { chain(ScalarCalculus.tanh(value)) }
    @inlinable public func sigmoid() -> Jet { chain(ScalarCalculus.sigmoid(value)) }
    @inlinable public func softplus() -> Jet { chain(ScalarCalculus.softplus(value)) }
    @inlinable public func power(_ c: Double) -> Jet { chain(ScalarCalculus.pow(value, c)) }
    @inlinable public func pow(_ v: Jet) -> Jet {
        // e^w with w = v·log u; the value is pow(u, v) itself, which is also e^w's φ' and φ''.
        let p = Foundation.pow(value, v.value)
        return (v * log()).chain(p, p, p)
    }
}
