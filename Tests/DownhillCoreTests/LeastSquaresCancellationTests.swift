import DownhillCore
import Foundation
import Testing

/// Least squares on data far from the origin (issue 15, item 6): the loss, gradient and
/// fit from the surface's statistics against the same quantities computed here in exact
/// rational arithmetic over the very doubles given, row by row.
@Suite struct LeastSquaresCancellationTests {
    /// x = 10⁸, 10⁸+1, 10⁸+2 and y = 0, 1, 3: the issue's data.
    static let far = Dataset(source: "far", x: [100_000_000, 100_000_001, 100_000_002], y: [0, 1, 3])

    @Test func theIssuesStartHasLossOneTwelfth() {
        let s = DataSurface(kind: .linearRegression, data: Self.far)
        let p = Vector2(1.5, -150_000_000)
        // By hand: residuals 0, 0.5, 0, so the mean square is 0.25/3 = 1/12.
        let exact = Exact.meanSquaredError(Self.far, w: p.x, b: p.y)
        #expect(exact == Exact.Rational(1, 12))
        #expect(relativeError(s.loss(at: p), exact) < 1e-12, "loss \(s.loss(at: p)), exact 1/12")
        // Gradient: (2/N)·Σ rᵢ·(xᵢ, 1) = (2/3)·0.5·(10⁸+1, 1) = ((10⁸+1)/3, 1/3).
        let g = s.gradient(at: p)
        let exactGradient = Exact.gradient(Self.far, w: p.x, b: p.y)
        #expect(exactGradient.w == Exact.Rational(100_000_001, 3) && exactGradient.b == Exact.Rational(1, 3))
        #expect(relativeError(g.x, exactGradient.w) < 1e-12 && relativeError(g.y, exactGradient.b) < 1e-12, "gradient \(g)")
    }

    @Test func nearTheFitTheLossIsOneEighteenth() throws {
        let s = DataSurface(kind: .linearRegression, data: Self.far)
        // The fit is w = 1.5, b = −150000000 − 1/6 (centred: slope Σdx·dy/Σdx² = 3/2,
        // residuals −1/6, 1/3, −1/6, mean square 1/18). The start as typed, and the fit.
        let typed = Vector2(1.5, try #require(Double("-150000000.1666667")))
        let fit = try #require(s.minima.first)
        #expect(abs(fit.x - 1.5) <= 4 * (1.5).ulp, "fit \(fit)")
        #expect(abs(fit.y - (-150_000_000 - 1.0 / 6)) <= 2 * (150_000_000.0).ulp, "fit \(fit)")
        for p in [typed, fit] {
            let exact = Exact.meanSquaredError(Self.far, w: p.x, b: p.y)
            // The doubles are within 3e-8 of the fit, so the exact loss is 1/18 + O(1e-15).
            #expect(abs(exact.double - 1.0 / 18) < 1e-14)
            #expect(relativeError(s.loss(at: p), exact) < 1e-12, "loss at \(p): \(s.loss(at: p)), exact \(exact.double)")
        }
    }

    @Test func theLossIsNeverNegativeAndRightAllAroundTheFit() throws {
        // The data of the issue, and a line y = 2x + 1 (a perfect fit, loss 0 at the
        // minimum) far out at 10⁸, where Σx² is beyond 2⁵³ and raw sums cancel completely.
        let line = Dataset(source: "line", x: (0..<8).map { 1e8 + Double($0) }, y: (0..<8).map { 2 * (1e8 + Double($0)) + 1 })
        for data in [Self.far, line] {
            let s = DataSurface(kind: .linearRegression, data: data)
            let fit = try #require(s.minima.first)
            for dw in [-1e-6, -1e-9, 0, 1e-9, 1e-6] {
                for db in [-1.0, -1e-3, 0, 1e-3, 1] {
                    let p = Vector2(fit.x + dw, fit.y + db)
                    let exact = Exact.meanSquaredError(data, w: p.x, b: p.y)
                    let loss = s.loss(at: p)
                    #expect(loss >= 0)
                    // Relative to the loss, or to one rounding of the residuals' scale
                    // where the exact loss is 0.
                    #expect(abs(loss - exact.double) <= 1e-12 * max(exact.double, 1e-20), "\(data.source) at \(p): \(loss) vs \(exact.double)")
                }
            }
        }
    }

    @Test func miniBatchGradientsUseTheCentredResidualsToo() {
        let s = DataSurface(kind: .linearRegression, data: Self.far)
        let p = Vector2(1.5, -150_000_000)
        // One row: x = 10⁸+1, residual 0.5, gradient 2·0.5·(10⁸+1, 1).
        let g = s.gradient(at: p, rows: [1])
        #expect(g == Vector2(100_000_001, 1))
        let all = s.gradient(at: p, rows: ArraySlice(0..<3))
        let exact = Exact.gradient(Self.far, w: p.x, b: p.y)
        #expect(relativeError(all.x, exact.w) < 1e-12 && relativeError(all.y, exact.b) < 1e-12)
    }

    @Test func compensatedSumsKeepTheSmallTerms() {
        var sum = CompensatedSum()
        for v in [1e16, 1, -1e16, 1, 1e-3] { sum.add(v) }
        #expect(sum.value == 2.001)
    }

    func relativeError(_ value: Double, _ exact: Exact.Rational) -> Double {
        let e = exact.double
        return abs(value - e) / max(abs(e), .leastNormalMagnitude)
    }
}

/// Exact arithmetic over doubles: every finite double is an integer times a power of two,
/// so sums and products of the data, w and b are exact dyadic numbers; the mean brings a
/// division by N, kept as a rational until the end.
enum Exact {
    /// num / den, den > 0, in lowest terms (Int128: these tests' numbers need ~110 bits).
    struct Rational: Equatable, CustomStringConvertible {
        var num: Int128, den: Int128
        init(_ num: Int128, _ den: Int128 = 1) {
            precondition(den != 0)
            let g = Self.gcd(num.magnitude, den.magnitude)
            let sign: Int128 = den < 0 ? -1 : 1
            self.num = sign * num / Int128(g)
            self.den = sign * den / Int128(g)
        }
        /// The exact value of a double.
        init(exactly v: Double) {
            precondition(v.isFinite)
            if v == 0 { self.init(Int128(0)); return }
            // v = significand · 2^(exponent − 52), significand a 53-bit integer.
            let significand = Int128(v.significandBitPattern | (v.isNormal ? 1 << 52 : 0)) * (v < 0 ? -1 : 1)
            let shift = Int(v.exponent) - 52
            if shift >= 0 { self.init(significand << shift) } else { self.init(significand, Int128(1) << -shift) }
        }
        static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 { b == 0 ? max(a, 1) : gcd(b, a % b) }
        static func + (a: Rational, b: Rational) -> Rational {
            let g = Int128(gcd(a.den.magnitude, b.den.magnitude))
            return Rational(a.num * (b.den / g) + b.num * (a.den / g), a.den / g * b.den)
        }
        static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.num, b.den) }
        static func * (a: Rational, b: Rational) -> Rational {
            let g1 = Int128(gcd(a.num.magnitude, b.den.magnitude)), g2 = Int128(gcd(b.num.magnitude, a.den.magnitude))
            return Rational((a.num / g1) * (b.num / g2), (a.den / g2) * (b.den / g1))
        }
        /// The nearest double (two roundings: numerator and quotient; ~2e-16 relative).
        var double: Double { Double(num) / Double(den) }
        var description: String { "\(num)/\(den)" }
    }

    static func residuals(_ d: Dataset, w: Double, b: Double) -> [Rational] {
        zip(d.x, d.y).map { Rational(exactly: w) * Rational(exactly: $0) + Rational(exactly: b) - Rational(exactly: $1) }
    }

    /// (1/N) Σ (w·xᵢ + b − yᵢ)², exactly.
    static func meanSquaredError(_ d: Dataset, w: Double, b: Double) -> Rational {
        residuals(d, w: w, b: b).reduce(Rational(0)) { $0 + $1 * $1 } * Rational(1, Int128(d.count))
    }

    /// (2/N) Σ (w·xᵢ + b − yᵢ)·(xᵢ, 1), exactly.
    static func gradient(_ d: Dataset, w: Double, b: Double) -> (w: Rational, b: Rational) {
        let r = residuals(d, w: w, b: b)
        let scale = Rational(2, Int128(d.count))
        let gw = zip(r, d.x).reduce(Rational(0)) { $0 + $1.0 * Rational(exactly: $1.1) }
        let gb = r.reduce(Rational(0), +)
        return (gw * scale, gb * scale)
    }
}
