/// The sufficient statistics of least squares, L(w, b) = (1/N) Σ (w·xᵢ + b − yᵢ)², kept
/// so that the loss, gradient and Hessian cost O(1) per evaluation and stay right for data
/// far from the origin.
///
/// Raw sums (Σx², Σxy, Σy²) lose everything to cancellation when the data sit far from
/// the origin: for x = 10⁸, 10⁸+1, 10⁸+2 the loss from raw sums came out negative. Here
/// the data are centred on their means x̄ and ȳ (dxᵢ = xᵢ − x̄, dyᵢ = yᵢ − ȳ, exact or
/// nearly for data close together), and the residual is split as
///
///     w·xᵢ + b − yᵢ = a·dxᵢ + rᵢ + c,   a = w − ŵ,  rᵢ = ŵ·dxᵢ − dyᵢ,  c = w·x̄ + b − ȳ,
///
/// with ŵ = Sxy/Sxx the least-squares slope. Then
///
///     N·L = a²·Sxx + 2a·E + R + 2c·(a·Σdx + Σr) + N·c²,   E = Σ dx·r,  R = Σ r²,
///
/// where every term but the tiny E, Σdx and Σr (zero in exact arithmetic; kept so the
/// identity is exact for the rounded means) is a sum of squares: no term cancels another,
/// and the loss cannot come out negative. Every sum is compensated (Neumaier), and c,
/// where w·x̄ and b nearly cancel, is computed with an exact product and sum (FMA, TwoSum).
/// Three passes over the data when built, then O(1).
public struct LeastSquaresStatistics: Sendable, Equatable {
    /// N, the number of rows.
    public let count: Double
    /// The means x̄, ȳ (compensated sums over N).
    public let meanX: Double, meanY: Double
    /// Σ(xᵢ − x̄)², Σ(xᵢ − x̄)(yᵢ − ȳ), Σ(yᵢ − ȳ)².
    public let sxx: Double, sxy: Double, syy: Double
    /// The least-squares slope ŵ = Sxy/Sxx (0 when every x is the same).
    public let slope: Double
    /// Σ(xᵢ − x̄) and Σ rᵢ: zero but for the rounding of the means.
    let sumDX: Double, sumR: Double
    /// E = Σ dxᵢ·rᵢ (zero but for rounding) and R = Σ rᵢ², the residual sum of squares at ŵ.
    let crossDR: Double, residual: Double

    /// The statistics of rows (xᵢ, yᵢ); `x` and `y` have the same, non-zero length.
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty)
        let n = Double(x.count)
        var sx = CompensatedSum(), sy = CompensatedSum()
        for i in x.indices {
            sx.add(x[i])
            sy.add(y[i])
        }
        let mx = sx.value / n, my = sy.value / n
        var dxx = CompensatedSum(), dxy = CompensatedSum(), dyy = CompensatedSum(), dx1 = CompensatedSum()
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            dxx.add(dx * dx)
            dxy.add(dx * dy)
            dyy.add(dy * dy)
            dx1.add(dx)
        }
        let slope = dxx.value > 0 ? dxy.value / dxx.value : 0
        var r1 = CompensatedSum(), rr = CompensatedSum(), dr = CompensatedSum()
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            let r = slope * dx - dy
            r1.add(r)
            rr.add(r * r)
            dr.add(dx * r)
        }
        count = n
        (meanX, meanY) = (mx, my)
        (sxx, sxy, syy) = (dxx.value, dxy.value, dyy.value)
        self.slope = slope
        (sumDX, sumR, crossDR, residual) = (dx1.value, r1.value, dr.value, rr.value)
    }

    /// c = w·x̄ + b − ȳ, the mean residual at (w, b) but for the Σdx and Σr terms: w·x̄ and
    /// b nearly cancel for data far from the origin, so the product and the sum are exact
    /// (an FMA for the product's rounding error, TwoSum for the sum's) before ȳ comes off.
    func offset(w: Double, b: Double) -> Double {
        let p = w * meanX
        let pe = (-p).addingProduct(w, meanX)  // w·x̄ − p exactly
        let s = p + b
        let bb = s - p
        let se = (p - (s - bb)) + (b - bb)  // p + b − s exactly
        return (s - meanY) + (se + pe)
    }

    /// The mean squared error at (w, b), ≥ 0.
    public func loss(w: Double, b: Double) -> Double {
        let a = w - slope, c = offset(w: w, b: b)
        let quadratic = a * a * sxx + 2 * a * crossDR + residual + 2 * c * (a * sumDX + sumR)
        return max(0, quadratic / count + c * c)
    }

    /// The gradient (∂L/∂w, ∂L/∂b) at (w, b).
    public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
        let a = w - slope, c = offset(w: w, b: b)
        // Σ resᵢ = a·Σdx + Σr + N·c;  Σ resᵢ·dxᵢ = a·Sxx + E + c·Σdx;  xᵢ = x̄ + dxᵢ.
        let db = 2 * (c + (a * sumDX + sumR) / count)
        let centred = 2 * (a * sxx + crossDR + c * sumDX) / count
        return (centred.addingProduct(meanX, db), db)
    }

    /// The Hessian (2/N)·[[Σx², Σx], [Σx, N]] (the same everywhere).
    public var hessian: (xx: Double, xy: Double, yy: Double) {
        let sumXX = count * meanX * meanX + 2 * meanX * sumDX + sxx
        return (2 * sumXX / count, 2 * (meanX + sumDX / count), 2)
    }

    /// The minimizer (ŵ, b̂), or nil when every x is the same (a line of minima).
    public var minimum: (w: Double, b: Double)? {
        guard sxx > 0 else { return nil }
        // Zero gradient: [[Sxx, Σdx], [Σdx, N]]·(a, c) = −(E, Σr).
        let det = sxx * count - sumDX * sumDX
        guard det > 0 else { return nil }
        let a = (-crossDR * count + sumR * sumDX) / det
        let c = (-sumR * sxx + sumDX * crossDR) / det
        let w = slope + a
        // c = w·x̄ + b − ȳ  ⇒  b = (ȳ + c) − w·x̄, with one rounding for the product.
        return (w, (meanY + c).addingProduct(-w, meanX))
    }

    /// The residual w·x + b − y of one row, from the same centred form (for mini-batches).
    public func residual(w: Double, b: Double, offset c: Double, x: Double, y: Double) -> Double {
        w * (x - meanX) - (y - meanY) + c
    }
}

/// A running sum with Neumaier's compensation: the error of every addition is kept and
/// added back at the end, so the sum of N terms is right to about one rounding whatever N.
public struct CompensatedSum: Sendable {
    public private(set) var sum = 0.0
    private var compensation = 0.0
    public init() {}
    public mutating func add(_ v: Double) {
        let t = sum + v
        if abs(sum) >= abs(v) {
            compensation += (sum - t) + v
        } else {
            compensation += (v - t) + sum
        }
        sum = t
    }
    public var value: Double { sum + compensation }
}
