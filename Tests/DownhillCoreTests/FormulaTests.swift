import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// Formula surfaces (SPEC §8): every function and operator against derivatives worked out
/// by hand, precedence, the normal form, runs against hand recurrences and against the
/// built-in valley, and every kind of bad formula.
@Suite struct FormulaTests {
    func surface(_ text: String) throws -> FormulaSurface { try FormulaSurface(text) }

    /// |a − b| ≤ tol · max(1, |b|).
    func near(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    // MARK: Functions: f(u) with u = 0.3x − 0.2y + 0.1, so ∇ = f'(u)·(0.3, −0.2), H = f''(u)·[[0.09, −0.06], [−0.06, 0.04]]

    /// Each function with its first and second derivatives written out independently of the
    /// code (sec² rather than 1 + tan², e⁻ᵘ/(1 + e⁻ᵘ)² rather than σ(1 − σ), …).
    static let functions: [(name: String, f: @Sendable (Double) -> Double, d1: @Sendable (Double) -> Double,
                            d2: @Sendable (Double) -> Double)] = [
        ("sin", { sin($0) }, { cos($0) }, { -sin($0) }),
        ("cos", { cos($0) }, { -sin($0) }, { -cos($0) }),
        ("tan", { tan($0) }, { 1 / (cos($0) * cos($0)) }, { 2 * sin($0) / pow(cos($0), 3) }),
        ("exp", { exp($0) }, { exp($0) }, { exp($0) }),
        ("log", { log($0) }, { 1 / $0 }, { -1 / ($0 * $0) }),
        ("sqrt", { sqrt($0) }, { 0.5 * pow($0, -0.5) }, { -0.25 * pow($0, -1.5) }),
        ("abs", { abs($0) }, { $0 < 0 ? -1 : 1 }, { _ in 0 }),
        ("tanh", { tanh($0) }, { 1 / (cosh($0) * cosh($0)) }, { -2 * sinh($0) / pow(cosh($0), 3) }),
        ("sigmoid", { 1 / (1 + exp(-$0)) }, { exp(-$0) / pow(1 + exp(-$0), 2) },
         { exp(-$0) * (exp(-$0) - 1) / pow(1 + exp(-$0), 3) }),
        ("softplus", { log(1 + exp($0)) }, { exp($0) / (1 + exp($0)) }, { exp($0) / pow(1 + exp($0), 2) }),
    ]

    @Test func everyFunctionOfTheGrammarIsChecked() {
        #expect(Set(Self.functions.map(\.name)) == Set(FormulaExpression.Function.allCases.map(\.rawValue)))
    }

    @Test(arguments: [Vector2(0.7, -0.4), Vector2(-1.3, 2.1), Vector2(2.5, 0.5)])
    func functionsValueGradientAndHessian(_ p: Vector2) throws {
        for (name, f, d1, d2) in Self.functions {
            let s = try surface("\(name)(0.3*x - 0.2*y + 0.1)")
            let u = 0.3 * p.x - 0.2 * p.y + 0.1
            guard name != "log" && name != "sqrt" || u > 0 else { continue }
            #expect(near(s.loss(at: p), f(u)), "\(name) value at \(p)")
            let g = s.gradient(at: p)
            #expect(near(g.x, 0.3 * d1(u)) && near(g.y, -0.2 * d1(u)), "\(name) gradient at \(p): \(g)")
            let h = s.hessian(at: p)
            #expect(near(h.xx, 0.09 * d2(u)) && near(h.xy, -0.06 * d2(u)) && near(h.yy, 0.04 * d2(u)), "\(name) Hessian at \(p): \(h)")
        }
    }

    @Test func sigmoidAndSoftplusDoNotOverflow() throws {
        let s = try surface("sigmoid(x) + softplus(y)")
        // σ(−800) ≈ e⁻⁸⁰⁰ underflows to 0; softplus(800) = 800; softplus(−800) ≈ 0.
        #expect(s.loss(at: Vector2(-800, 800)) == 800)
        #expect(s.gradient(at: Vector2(-800, 800)) == Vector2(0, 1))
        #expect(s.loss(at: Vector2(800, -800)) == 1)
        #expect(s.hessian(at: Vector2(800, -800)).xx == 0)
    }

    // MARK: Operators

    @Test func operatorsByHand() throws {
        let p = Vector2(1.5, -0.5)
        let (x, y) = (p.x, p.y)
        // x·y: ∇ = (y, x), H = [[0, 1], [1, 0]].
        let product = try surface("x*y")
        #expect(product.loss(at: p) == x * y && product.gradient(at: p) == Vector2(y, x))
        #expect(product.hessian(at: p) == SymmetricMatrix2(xx: 0, xy: 1, yy: 0))
        // x/y: ∇ = (1/y, −x/y²), H = [[0, −1/y²], [−1/y², 2x/y³]].
        let quotient = try surface("x/y")
        #expect(near(quotient.loss(at: p), -3))
        #expect(near(quotient.gradient(at: p).x, -2) && near(quotient.gradient(at: p).y, -6))
        let hq = quotient.hessian(at: p)
        #expect(near(hq.xx, 0) && near(hq.xy, -4) && near(hq.yy, 2 * x / (y * y * y)))
        // x − y and −x: constant gradients, zero Hessians.
        #expect(try surface("x - y").gradient(at: p) == Vector2(1, -1))
        #expect(try surface("-x").gradient(at: p) == Vector2(-1, 0))
        #expect(try surface("x - y").hessian(at: p) == SymmetricMatrix2(xx: 0, xy: 0, yy: 0))
        // x^2.5: 2.5·x^1.5, 3.75·x^0.5.
        let real = try surface("x^2.5")
        #expect(near(real.loss(at: p), pow(1.5, 2.5)) && near(real.gradient(at: p).x, 2.5 * pow(1.5, 1.5)))
        #expect(near(real.hessian(at: p).xx, 3.75 * pow(1.5, 0.5)))
        // x^3 and x^-2, multiplied out: 3x², 6x; −2x⁻³, 6x⁻⁴.
        let cube = try surface("x^3")
        #expect(near(cube.loss(at: p), 3.375) && near(cube.gradient(at: p).x, 6.75) && near(cube.hessian(at: p).xx, 9))
        let inverse = try surface("x^-2")
        #expect(near(inverse.loss(at: p), 1 / 2.25) && near(inverse.gradient(at: p).x, -2 / 3.375)
                && near(inverse.hessian(at: p).xx, 6 / pow(1.5, 4)))
        // x^y = e^(y log x): ∂x = y·x^(y−1), ∂y = x^y·log x; ∂xx = y(y−1)x^(y−2),
        // ∂xy = x^(y−1)(1 + y log x), ∂yy = x^y·log²x.
        let varying = try surface("x^y")
        let lx = log(x)
        #expect(near(varying.loss(at: p), pow(x, y)))
        let gv = varying.gradient(at: p)
        #expect(near(gv.x, y * pow(x, y - 1)) && near(gv.y, pow(x, y) * lx))
        let hv = varying.hessian(at: p)
        #expect(near(hv.xx, y * (y - 1) * pow(x, y - 2)) && near(hv.xy, pow(x, y - 1) * (1 + y * lx)) && near(hv.yy, pow(x, y) * lx * lx))
        // Constants: pi and e.
        #expect(near(try surface("pi*x + e").loss(at: p), Double.pi * 1.5 + M_E))
    }

    // MARK: Precedence

    @Test func precedenceAndAssociativity() throws {
        let values: [(String, Double)] = [
            ("2^3^2", 512), ("(2^3)^2", 64), ("-2^2", -4), ("(-2)^2", 4), ("2*3 + 4", 10), ("2 + 3*4", 14),
            ("(2 + 3)*4", 20), ("8/4/2", 1), ("2 - 3 - 4", -5), ("2^-1", 0.5), ("-2*3", -6), ("2*-3", -6),
            ("2 - -3", 5), ("+2", 2), ("1e-3*1000", 1), (".5 + 0.5", 1), ("2**3", 8), ("1E2", 100), ("2^-2^-1", pow(2, -pow(2, -1))),
        ]
        for (text, want) in values {
            #expect(try surface(text).loss(at: .zero) == want, "\(text)")
        }
        // −x² is −(x²): −9 at x = 3, and its curvature is −2.
        let s = try surface("-x^2")
        #expect(s.loss(at: Vector2(3, 0)) == -9)
        #expect(s.hessian(at: Vector2(3, 0)).xx == -2)
        #expect(try FormulaParser.parse("-x^2") == .negate(.binary(.power, .variable(.x), .number(2))))
        #expect(try FormulaParser.parse("2^3^2") == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        #expect(try FormulaParser.parse("-x*y") == .binary(.multiply, .negate(.variable(.x)), .variable(.y)))
    }

    // MARK: The normal form

    @Test func theNormalFormReadsBackToTheSameTree() throws {
        let cases: [(String, String)] = [
            ("(x-1)^2+3*(y+2)^2", "(x - 1)^2 + 3*(y + 2)^2"),
            ("-x^2 + y^2", "-x^2 + y^2"),
            ("2^3^2", "2^3^2"), ("(2^3)^2", "(2^3)^2"), ("(-x)^2", "(-x)^2"), ("-(x*y)", "-(x*y)"), ("- -x", "-(-x)"),
            ("x - (y - 1)", "x - (y - 1)"), ("x + (y + 1)", "x + (y + 1)"), ("(x + y) + 1", "x + y + 1"),
            ("x/(y*2)", "x/(y*2)"), ("2^-x^2", "2^-x^2"), ("sin( x )*COS", ""), ("exp(-(x^2+y^2)/2)", "exp(-(x^2 + y^2)/2)"),
            ("1e-3 * x", "0.001*x"), ("2.50*x", "2.5*x"), ("x**2", "x^2"), ("+x", "x"), ("2*pi*x + e", "2*pi*x + e"),
        ]
        for (input, want) in cases where !want.isEmpty {
            let tree = try FormulaParser.parse(input)
            #expect(tree.text == want, "\(input)")
            #expect(try FormulaParser.parse(tree.text) == tree, "\(input) → \(tree.text)")
        }
        // One identity for one function however it is spaced.
        #expect(try surface("x^2+y^2").identity == surface("x^2 + y^2").identity)
        #expect(try surface("x^2+y^2").identity != surface("x^2 + 2*y^2").identity)
    }

    @Test func theCompiledProgramAgreesWithTheTree() throws {
        for text in ["x^3 - 3*x*y^2", "exp(-(x^2 + y^2)/2)*sin(3*x)", "x^-3 + y^7", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                     "softplus(x) - log(1 + y^2)^0.5", "x^y", "2^3^2*x", "abs(x)^0"] {
            let tree = try FormulaParser.parse(text)
            let s = try surface(text)
            for p in [Vector2(1.25, 0.5), Vector2(2, 3), Vector2(0.75, -1.5)] {
                let want = tree.evaluate(p.x, p.y)
                let got = s.loss(at: p)
                #expect(got == want || near(got, want, 1e-14), "\(text) at \(p)")
                let (dx, dy) = Dual.variables(p)
                let g = tree.evaluate(dx, dy).gradient
                #expect(near(s.gradient(at: p).x, g.x, 1e-13) && near(s.gradient(at: p).y, g.y, 1e-13), "\(text) ∇ at \(p)")
            }
        }
    }

    // MARK: Runs

    @Test func gradientDescentOnAQuadraticFormulaIsTheHandRecurrence() throws {
        // f = (x − 1)² + 3(y + 2)²: x ← x − η·2(x − 1), y ← y − η·6(y + 2).
        let s = try surface("(x-1)^2 + 3*(y+2)^2")
        let lr = 0.05
        let (rows, summary) = runRows(descent(s, GD(), lr: lr, start: Vector2(-2, 1)), steps: 50)
        #expect(rows.count == 51 && summary.status == .maxSteps)
        var (x, y) = (-2.0, 1.0)
        for row in rows {
            #expect(row.point == Vector2(x, y), "step \(row.step)")
            #expect(row.gradient == Vector2(2 * (x - 1), 6 * (y + 2)), "step \(row.step)")
            #expect(near(row.loss, (x - 1) * (x - 1) + 3 * (y + 2) * (y + 2), 1e-15))
            // torch's param.add_(grad, alpha=-lr) rounds once: θ + (−η)·g as a fused multiply-add.
            (x, y) = (fma(2 * (x - 1), -lr, x), fma(6 * (y + 2), -lr, y))
        }
    }

    @Test(arguments: ["gd", "momentum", "adam", "newton"])
    func theFormulaOfValleyRunsAsValley(_ optimizer: String) throws {
        let formula = runRows(setup(words: ["--surface", "x^2 + 10*y^2", "--optimizer", optimizer, "--lr", "0.05",
                                            "--start", "-2.5,1"]), steps: 200)
        let valley = runRows(setup("--surface valley --optimizer \(optimizer) --lr 0.05 --start -2.5,1"), steps: 200)
        #expect(formula.rows.count == valley.rows.count)
        for (a, b) in zip(formula.rows, valley.rows) {
            // Points and gradients are the same numbers; the loss is x·x + 10·(y·y) against
            // valley's x·x + (10·y)·y, equal to the last bit or two.
            #expect(a.point == b.point && a.gradient == b.gradient, "step \(a.step)")
            #expect(near(a.loss, b.loss, 1e-15), "step \(a.step)")
        }
    }

    // MARK: What is worked out from the formula

    @Test func minimaFoundByTheLocalSearch() throws {
        #expect(try surface("(x-1)^2 + 3*(y+2)^2").minima == [Vector2(1, -2)])
        // Himmelblau's four minima, in a view that holds them.
        let himmelblau = try FormulaSurface("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", view: ViewBox(x: -5...5, y: -5...5))
        #expect(himmelblau.minima.count == 4)
        for m in Surfaces.himmelblau.minima {
            #expect(himmelblau.minima.contains { ($0 - m).norm < 1e-5 }, "\(m)")
        }
        // Minima outside the view are not marked; a saddle, a floor of equal minima, a
        // plane and a constant have none.
        #expect(try surface("(x - 5)^2 + y^2").minima.isEmpty)
        for text in ["x^2 - y^2", "(x - y)^2", "x + y", "2"] {
            #expect(try surface(text).minima.isEmpty, "\(text)")
        }
        // A minimum with zero curvature (x⁴) and one without a gradient there (|x|).
        #expect(try surface("x^4 + y^4").minima.map { $0.norm < 1e-3 } == [true])
        #expect(try surface("abs(x) + abs(y - 1)").minima.map { ($0 - Vector2(0, 1)).norm < 1e-3 } == [true])
    }

    @Test func defaultsWorkedOutFromTheFormula() throws {
        let s = try surface("x^2 + 10*y^2")
        #expect(s.defaultView == ViewBox(x: -3...3, y: -3...3))
        // λmax = 20 everywhere: 0.8/20; adaptive: the view's 6 / 120.
        #expect(s.defaultLearningRates == LearningRates(gradient: 0.04, adaptive: 0.05))
        // The start is away from the minimum, finite, and reads as typed.
        #expect((s.defaultStart - Vector2(0, 0)).norm > 2)
        #expect(s.defaultStart == Vector2(-2.4, 2.4))
        #expect(s.name == "formula" && s.formula == "x^2 + 10*y^2" && s.surfaceArgument == "x^2 + 10*y^2")
        // The default run converges.
        let summary = runRows(setup(words: ["--surface", "x^2 + 10*y^2"]), steps: 1000).summary
        #expect(summary.status == .converged)
        // 0.8/λ rounded down to two digits: λmax of (x−1)² + 3(y+2)² is 6, 0.8/6 = 0.1333 → 0.13.
        #expect(try surface("(x-1)^2 + 3*(y+2)^2").defaultLearningRates.gradient == 0.13)
    }

    // MARK: Bad formulas

    /// The one-line error of `--surface text`, from the codec and from resolving.
    func refusal(_ words: [String]) -> String? {
        do {
            _ = try SetupCodec.parse(words).resolve()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func badFormulasAreRefusedWithOneLineQuotingThemAndTheColumn() {
        let cases: [(String, String)] = [
            ("x +* y", "invalid formula 'x +* y': unexpected '*' at column 4"),
            ("x^2 +", "invalid formula 'x^2 +': '+' at column 5 has nothing after it"),
            ("sni(x) + y", "invalid formula 'sni(x) + y': unknown function 'sni' at column 1, did you mean 'sin'?"),
            ("x^2 + sqr(y)", "did you mean 'sqrt'?"),
            ("(x + 1*(y - 2)", "invalid formula '(x + 1*(y - 2)': '(' at column 1 is not closed"),
            ("x + 1)", "invalid formula 'x + 1)': unexpected ')' at column 6 (no '(' to close)"),
            ("x + z", "invalid formula 'x + z': unknown name 'z' at column 5 (the variables are x and y; constants pi and e)"),
            ("X^2", "unknown name 'X' at column 1, did you mean 'x'?"),
            ("sinx", "did you mean 'sin(x)'?"),
            ("sin x", "'sin' at column 1 needs parentheses"),
            ("2x + y", "missing operator before 'x' at column 2 (write 2*x for a product)"),
            ("", "invalid formula '': empty"),
            ("   ", "invalid formula '   ': empty"),
            ("x² + y²", "unexpected '²' at column 2 (write x^2)"),
            ("1e999*x", "the number '1e999' at column 1 is too large"),
            ("()", "empty parentheses at column 1"),
            ("log(-1 - x^2)", "not finite anywhere in the view"),
        ]
        for (text, want) in cases {
            let message = refusal(["--surface", text])
            #expect(message?.contains(want) == true, "\(text): \(message ?? "accepted")")
            #expect(message.map { !$0.contains("\n") } == true)
        }
        // A word that is no formula is a mistyped surface name.
        #expect(refusal(["--surface", "rosenbrok"]) == "unknown surface 'rosenbrok', did you mean 'rosenbrock'? (see 'downhill list')")
    }

    @Test func aStartWhereTheFormulaIsNotFiniteIsRefused() {
        // log(x) at x = 0 is −∞; √x at 0 is finite but its gradient is not.
        #expect(refusal(["--surface", "log(x) + y^2", "--start", "0,1"])
                == "invalid value '0,1' for --start: expected a point where 'log(x) + y^2' and its gradient are finite")
        #expect(refusal(["--surface", "sqrt(x) + y^2", "--start", "0,1"])?.contains("--start") == true)
        #expect(refusal(["--surface", "sqrt(x) + y^2", "--start", "1,1"]) == nil)
        // The default start is a finite one.
        #expect(refusal(["--surface", "log(x) + y^2"]) == nil)
    }

    @Test func aRunThatLeavesTheFormulasDomainDiverges() throws {
        // sqrt(x): gd from x = 1 with η = 10 jumps to x < 0, where √x is NaN.
        let s = try surface("sqrt(x) + y^2")
        let summary = runRows(descent(s, GD(), lr: 10, start: Vector2(1, 1)), steps: 10).summary
        #expect(summary.status == .diverged && summary.divergedAt == 1)
    }
}
