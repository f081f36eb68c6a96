import Foundation

/// A point or vector in parameter space, `(x, y)` in world units (the surface's own
/// coordinates, not cells). For data-backed surfaces `x` is the weight `w` and `y` the bias `b`.
public typealias Vector2 = SIMD2<Double>

extension SIMD2 where Scalar == Double {
    /// Euclidean length.
    @inlinable public var norm: Double { (x * x + y * y).squareRoot() }
    /// True when both components are finite.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A symmetric 2×2 matrix `[[xx, xy], [xy, yy]]`, used for Hessians.
public struct SymmetricMatrix2: Equatable, Sendable {
    public var xx: Double
    public var xy: Double
    public var yy: Double
    public init(xx: Double, xy: Double, yy: Double) {
        self.xx = xx
        self.xy = xy
        self.yy = yy
    }

    /// The two eigenvalues, smallest first (closed form for a symmetric 2×2 matrix). The one
    /// of larger magnitude comes from mean ± radius; the other from the determinant, which
    /// keeps it accurate when the two differ by many orders (diag(2e200, 2) → 2, not 0).
    public var eigenvalues: (min: Double, max: Double) {
        let mean = (xx + yy) / 2
        let r = hypot((xx - yy) / 2, xy)  // without squaring: no overflow for huge curvatures
        let det = determinant
        if mean >= 0 {
            let large = mean + r
            return (large != 0 && det.isFinite ? det / large : mean - r, large)
        } else {
            let large = mean - r
            return (large, det.isFinite ? det / large : mean + r)
        }
    }

    /// The determinant xx·yy − xy².
    public var determinant: Double { xx * yy - xy * xy }

    /// x with M·x = b (Cramer's rule), or nil when M is singular (determinant 0 or not finite).
    public func solve(_ b: Vector2) -> Vector2? {
        let det = determinant
        guard det != 0 && det.isFinite else { return nil }
        return Vector2(yy * b.x - xy * b.y, xx * b.y - xy * b.x) / det
    }

    /// Matrix–vector product.
    public static func * (m: SymmetricMatrix2, v: Vector2) -> Vector2 {
        Vector2(m.xx * v.x + m.xy * v.y, m.xy * v.x + m.yy * v.y)
    }
}

/// An axis-aligned rectangle of parameter space, in world units; `x` grows rightwards
/// and `y` upwards (the renderer flips y when mapping to rows).
public struct ViewBox: Equatable, Sendable {
    public var xMin: Double
    public var xMax: Double
    public var yMin: Double
    public var yMax: Double
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        xMin = x.lowerBound
        xMax = x.upperBound
        yMin = y.lowerBound
        yMax = y.upperBound
    }
    public var width: Double { xMax - xMin }
    public var height: Double { yMax - yMin }
    public var center: Vector2 { Vector2((xMin + xMax) / 2, (yMin + yMax) / 2) }
    public func contains(_ p: Vector2) -> Bool {
        p.x >= xMin && p.x <= xMax && p.y >= yMin && p.y <= yMax
    }
}
