import DownhillCore
import Testing

/// Each surface against its known minima and against independent central differences.
@Suite struct SurfaceTests {
    /// The tabulated minimum value of every analytic surface that has minima (saddle has none).
    static let knownMinimumValues: [String: Double] = [
        "bowl": 0, "valley": 0, "rosenbrock": 0, "beale": 0, "himmelblau": 0, "booth": 0,
        "matyas": 0, "rastrigin": 0, "six-hump-camel": -1.0316, "goldstein-price": 3, "quadratic": 0,
    ]

    /// The names of the analytic (not data-backed) surfaces, in catalogue order.
    static let analyticNames = Surfaces.all.filter { !$0.isDataBacked }.map(\.name)

    @Test func everyAnalyticSurfaceIsCheckedBelow() {
        // A tabulated minimum value for each, but the saddle, which has none.
        #expect(Set(Self.analyticNames) == Set(Self.knownMinimumValues.keys).union(["saddle"]))
    }

    @Test(arguments: analyticNames)
    func valueAndGradientAtTheKnownMinima(_ name: String) throws {
        let s = try #require(Surfaces.named(name))
        guard name != "saddle" else {
            // x² − y² has no minimum: its one stationary point, (0, 0), is a saddle point
            // with Hessian diag(2, −2).
            #expect(s.minima.isEmpty)
            #expect(s.gradient(at: .zero) == .zero)
            let e = s.hessian(at: .zero).eigenvalues
            #expect(e.min == -2 && e.max == 2)
            return
        }
        let want = try #require(Self.knownMinimumValues[name], "\(name) has no tabulated minimum value")
        #expect(!s.minima.isEmpty, "\(name) lists no minima")
        for m in s.minima {
            // Minima are tabulated to 4–6 decimals: value and gradient vanish to that order.
            #expect(abs(s.loss(at: m) - want) < 1e-4, "\(name) f\(m)")
            #expect(s.gradient(at: m).norm < 2e-3, "\(name) ∇f\(m) = \(s.gradient(at: m))")
        }
    }

    @Test func exactMinimaHaveExactlyZeroGradient() {
        let cases: [(any LossSurface, Vector2)] = [
            (Surfaces.rosenbrock, Vector2(1, 1)), (Surfaces.beale, Vector2(3, 0.5)), (Surfaces.himmelblau, Vector2(3, 2)),
            (Surfaces.booth, Vector2(1, 3)), (Surfaces.goldsteinPrice, Vector2(0, -1)), (Surfaces.bowl, .zero),
            (Surfaces.valley, .zero), (Surfaces.matyas, .zero), (Surfaces.saddle, .zero),
        ]
        for (s, m) in cases {
            #expect(s.gradient(at: m) == .zero, "\(s.name)")
        }
        #expect(Surfaces.rastrigin.gradient(at: .zero).norm < 1e-12)
        #expect(Surfaces.goldsteinPrice.loss(at: Vector2(0, -1)) == 3)
    }

    /// Points spread over each surface's default view (a fixed lattice, not random).
    static func samplePoints(_ s: any LossSurface) -> [Vector2] {
        let v = s.defaultView
        var points: [Vector2] = []
        for i in 0..<7 {
            for j in 0..<7 {
                points.append(Vector2(v.xMin + (Double(i) + 0.37) / 7 * v.width, v.yMin + (Double(j) + 0.61) / 7 * v.height))
            }
        }
        return points
    }

    /// Central differences with step h: an independent check, with its O(h²) error in the tolerance.
    static func checkDerivatives(_ s: any LossSurface) {
        for p in samplePoints(s) {
            let h = 1e-5
            let ex = Vector2(h, 0), ey = Vector2(0, h)
            let fd = Vector2((s.loss(at: p + ex) - s.loss(at: p - ex)) / (2 * h),
                             (s.loss(at: p + ey) - s.loss(at: p - ey)) / (2 * h))
            let g = s.gradient(at: p)
            let scale = max(1, abs(s.loss(at: p)))
            #expect((g - fd).norm <= 1e-6 * scale, "\(s.name) gradient at \(p): \(g) vs \(fd)")
            let gx = (s.gradient(at: p + ex) - s.gradient(at: p - ex)) / (2 * h)
            let gy = (s.gradient(at: p + ey) - s.gradient(at: p - ey)) / (2 * h)
            let H = s.hessian(at: p)
            let hs = max(1, abs(H.xx), abs(H.yy), abs(H.xy))
            #expect(abs(H.xx - gx.x) <= 1e-5 * hs && abs(H.xy - gx.y) <= 1e-5 * hs
                    && abs(H.xy - gy.x) <= 1e-5 * hs && abs(H.yy - gy.y) <= 1e-5 * hs,
                    "\(s.name) Hessian at \(p): \(H) vs [\(gx), \(gy)]")
        }
    }

    @Test(arguments: analyticNames)
    func derivativesAgreeWithCentralDifferences(_ name: String) throws {
        Self.checkDerivatives(try #require(Surfaces.named(name)))
    }

    @Test(arguments: DataSurfaceKind.allCases)
    func dataSurfaceDerivativesAgreeWithCentralDifferences(_ k: DataSurfaceKind) {
        Self.checkDerivatives(DataSurface(kind: k, data: .builtIn(for: k)))
    }

    @Test func hessiansByHand() {
        // valley: λmax = 20 everywhere; rosenbrock at (1,1): [[802, −400], [−400, 200]], λmax ≈ 1001.6.
        #expect(Surfaces.valley.hessian(at: Vector2(0.3, -2)) == SymmetricMatrix2(xx: 2, xy: 0, yy: 20))
        let h = Surfaces.rosenbrock.hessian(at: Vector2(1, 1))
        #expect(h == SymmetricMatrix2(xx: 802, xy: -400, yy: 200))
        #expect(abs(h.eigenvalues.max - (501 + 250601.0.squareRoot())) < 1e-9)
        #expect(abs(h.eigenvalues.max - 1001.6) < 0.01)
    }

    @Test func eigenvaluesOfHugeCurvaturesDoNotOverflow() {
        // diag(2e200, 2): the closed form must not square 1e200.
        let e = SymmetricMatrix2(xx: 2e200, xy: 0, yy: 2).eigenvalues
        #expect(e.max == 2e200 && e.min == 2)
        // [[1, 2], [2, 1]]: 1 ± 2.
        let f = SymmetricMatrix2(xx: 1, xy: 2, yy: 1).eigenvalues
        #expect(f.min == -1 && f.max == 3)
    }

    @Test func formulasByHandAtAPoint() {
        let p = Vector2(0.5, -1.5)
        #expect(Surfaces.rosenbrock.loss(at: p) == 0.25 + 100 * 1.75 * 1.75)
        #expect(Surfaces.saddle.loss(at: p) == 0.25 - 2.25)
        #expect(Surfaces.booth.loss(at: p) == 9.5 * 9.5 + 5.5 * 5.5)
    }
}
