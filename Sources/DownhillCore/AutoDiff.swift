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
    /// sin, cos of the value in radians.
    func sin() -> Self
    func cos() -> Self
}

extension SurfaceScalar {
    @inlinable public var squared: Self { self * self }
}

extension Double: SurfaceScalar {
    @inlinable public init(constant: Double) { self = constant }
    @inlinable public func sin() -> Double { Foundation.sin(self) }
    @inlinable public func cos() -> Double { Foundation.cos(self) }
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
}
