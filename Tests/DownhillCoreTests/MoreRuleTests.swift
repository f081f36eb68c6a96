import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// Adadelta, Rprop, Lion and Newton's method: first steps computed by hand from each
/// rule's pseudocode (SPEC §4, torch's `_single_tensor_*`), never from the code's output.
/// Gradients by hand: booth ∇f = (10x + 8y − 34, 8x + 10y − 38), bowl ∇f = 2θ.
@Suite struct MoreRuleTests {
    // MARK: Lion

    @Test func lionFirstStepIsEtaTimesTheSignOfTheGradient() {
        // m₀ = 0, so c = (1 − β₁)g and sign(c) = sign(g): booth from (1, 1), g = (−16, −20).
        var d = descent(Surfaces.booth, Lion(), lr: 0.01, start: Vector2(1, 1))
        #expect(d.advance()!.point == Vector2(1 + 0.01, 1 + 0.01))
        // An axis where g = 0 does not move (sign(0) = 0): bowl from (0, 1), g = (0, 2).
        var flat = descent(Surfaces.bowl, Lion(), lr: 0.25, start: Vector2(0, 1))
        #expect(flat.advance()!.point == Vector2(0, 0.75))
        #expect(flat.optimizer.effectiveStepSizes == Vector2(0, 0.25))
        // The state after the step: c = (1 − β₁)g, m = (1 − β₂)g.
        let rows = flat.optimizer.mathsRows
        #expect(rows.map(\.label) == ["c", "sign c", "m"])
        #expect(rows[0].value == Vector2(0, (1 - 0.9) * 2) && rows[1].value == Vector2(0, 1)
                && rows[2].value == Vector2(0, (1 - 0.99) * 2))
    }

    @Test func lionMovesEveryAxisByEtaWhateverTheGradientsSize() {
        // Bowl from (1, −3), η = 0.5: the signs of c stay those of θ until an axis reaches 0.
        // Step 1: (0.5, −2.5). Step 2: c = 0.9·m₁ + 0.1·g₂ with m₁ = 0.01·(2, −6),
        // g₂ = (1, −5): c = (0.118, −0.554), so (0, −2).
        var d = descent(Surfaces.bowl, Lion(), lr: 0.5, start: Vector2(1, -3))
        #expect(d.advance()!.point == Vector2(0.5, -2.5))
        #expect(d.advance()!.point == Vector2(0, -2))
    }

    @Test func lionDecaysTheParametersDecoupled() {
        // θ(1 − ηλ) − η·sign(c): bowl from (1, 1), η = 0.1, λ = 0.5: 0.95 − 0.1.
        let rule = try! Lion().setting("weight-decay", to: .real(0.5))
        var d = Descent(surface: Surfaces.bowl, optimizer: Optimizer(rule: rule, learningRate: 0.1), start: Vector2(1, 1))
        let p = d.advance()!.point
        #expect(p == Vector2(1 * (1 - 0.1 * 0.5) - 0.1, 1 * (1 - 0.1 * 0.5) - 0.1))
    }

    // MARK: Newton

    @Test func newtonReachesTheMinimumOfAPositiveDefiniteQuadraticInOneStep() {
        let cases: [(any LossSurface, Vector2, Vector2)] = [(Surfaces.booth, Vector2(-6, 8), Vector2(1, 3)),
                                                           (Surfaces.valley, Vector2(2, 1), Vector2(0, 0)),
                                                           (Surfaces.matyas, Vector2(-8, 6), Vector2(0, 0))]
        for (surface, start, minimum) in cases {
            var d = descent(surface, Newton(), lr: 1, start: start)
            let p = d.advance()!.point
            #expect(abs(p.x - minimum.x) <= 1e-12 && abs(p.y - minimum.y) <= 1e-12, "\(surface.name): \(p)")
        }
    }

    @Test func newtonJumpsToTheSaddlePoint() {
        // saddle x² − y²: H = diag(2, −2) is indefinite but not singular; d = H⁻¹g = θ, so
        // one step lands on the stationary point (0, 0), which is the saddle.
        var d = descent(Surfaces.saddle, Newton(), lr: 1, start: Vector2(1.3, -0.7))
        #expect(d.advance()!.point == Vector2(0, 0))
        #expect(d.optimizer.mathsRows == [MathsRow("d", Vector2(1.3, -0.7)), MathsRow("eig H", Vector2(-2, 2))])
    }

    @Test func newtonWithAHalfStepHalvesTheDistance() {
        // On a quadratic θ ← θ* + (1 − η)(θ − θ*): η = 0.5 on the bowl from (2, −4).
        var d = descent(Surfaces.bowl, Newton(), lr: 0.5, start: Vector2(2, -4))
        #expect(d.advance()!.point == Vector2(1, -2))
        #expect(d.advance()!.point == Vector2(0.5, -1))
    }

    @Test func newtonWeightDecayIsCoupledInTheGradientAndTheHessian() {
        // booth + (λ/2)‖θ‖² with λ = 2: (H + 2I)θ* = (34, 38) with H = [[10, 8], [8, 10]]:
        // [[12, 8], [8, 12]]θ* = (34, 38), det 80: θ* = (1.3, 2.3), reached in one step.
        let rule = try! Newton().setting("weight-decay", to: .real(2))
        var d = Descent(surface: Surfaces.booth, optimizer: Optimizer(rule: rule, learningRate: 1), start: Vector2(-6, 8))
        let p = d.advance()!.point
        #expect(abs(p.x - 1.3) <= 1e-12 && abs(p.y - 2.3) <= 1e-12, "\(p)")
    }

    @Test func newtonOnASingularHessianEndsTheRunSayingSo() {
        // Rosenbrock's H = [[1200x² − 400y + 2, −400x], [−400x, 200]] is singular where
        // y = x² + 0.005: at (0, 0.005), H = diag(0, 200).
        let (rows, summary) = runRows(setup("--surface rosenbrock --optimizer newton --start 0,0.005"), steps: 10)
        #expect(rows.count == 1)
        #expect(summary.status == .diverged && summary.divergedAt == 1)
        #expect(summary.failure == StepFailure("singular Hessian"))
        #expect(summary.divergenceMessage == "singular Hessian at step 1")
    }

    @Test func newtonDefaultsToTheFullStep() {
        #expect(descent("--surface rosenbrock --optimizer newton").learningRate == 1)
        #expect(descent("--surface booth --optimizer newton").learningRate == 1)
    }

    @Test func newtonsStabilityLimitIsOnTheLearningRateItself() {
        // θ ← (1 − η)θ whatever λ: stable iff η < 2; the reading compares η, not η·λmax.
        let here = StabilityReading.at(descent(Surfaces.valley, Newton(), lr: 1.5, start: Vector2(1, 1)))!
        #expect(here.isCurvatureFree && here.product == 1.5 && here.limit == 2)
        #expect(here.criticalLearningRate == 2 && here.isStable)
        #expect(here.lambdaMax == 20)
        #expect(!StabilityReading.at(descent(Surfaces.valley, Newton(), lr: 2, start: Vector2(1, 1)))!.isStable)
        // On the saddle too (λmin < 0): the limit does not depend on the curvature.
        let saddle = StabilityReading.at(descent(Surfaces.saddle, Newton(), lr: 0.5, start: Vector2(1, 1)))!
        #expect(saddle.isStable && saddle.product == 0.5 && saddle.criticalLearningRate == 2)
        // The gradient-descent family keeps η·λmax.
        let gd = StabilityReading.at(descent(Surfaces.valley, GD(), lr: 0.05, start: .zero))!
        #expect(!gd.isCurvatureFree && gd.product == 0.05 * 20)
    }

    // MARK: Adadelta

    @Test func adadeltaFirstTwoStepsByHand() {
        // booth from (1, 1), ρ = 0.9, ε = 1e-6, η = 1. g₁ = (−16, −20).
        let rho = 0.9, eps = 1e-6
        var d = descent(Surfaces.booth, Adadelta(), lr: 1, start: Vector2(1, 1))
        var theta = [1.0, 1.0], v = [0.0, 0.0], u = [0.0, 0.0]
        func handStep(_ g: [Double]) {
            for i in 0..<2 {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                let delta = (u[i] + eps).squareRoot() / (v[i] + eps).squareRoot() * g[i]
                u[i] = rho * u[i] + (1 - rho) * delta * delta
                theta[i] -= delta
            }
        }
        handStep([-16, -20])
        // The first step is √ε/√(0.1·g² + ε)·|g| ≈ √ε/√0.1 = 0.00316 per axis.
        var p = d.advance()!.point
        #expect(close(p.x, theta[0], 1e-14) && close(p.y, theta[1], 1e-14))
        #expect(abs(p.x - (1 + 1e-3 / 0.1.squareRoot())) < 1e-8)
        handStep([10 * theta[0] + 8 * theta[1] - 34, 8 * theta[0] + 10 * theta[1] - 38])
        p = d.advance()!.point
        #expect(close(p.x, theta[0], 1e-14) && close(p.y, theta[1], 1e-14))
        let rows = d.optimizer.mathsRows
        #expect(rows.map(\.label) == ["v", "scale", "u"])
        #expect(close(rows[0].value!.x, v[0], 1e-14) && close(rows[2].value!.y, u[1], 1e-14))
    }

    @Test func adadeltaWithRhoOneAndPositiveEpsilonIsGradientDescent() {
        // ρ = 1 (torch allows it): v = u = 0 for ever, so Δ = √ε/√ε·g = g.
        var d = descent("--surface valley --optimizer adadelta --rho 1 --lr 0.01 --start 1,1")
        let p = d.advance()!.point
        #expect(close(p.x, 1 - 0.01 * 2, 1e-15) && close(p.y, 1 - 0.01 * 20, 1e-15))
    }

    @Test func adadeltaDefaultsToTorchsLearningRateOne() {
        #expect(descent("--surface rosenbrock --optimizer adadelta").learningRate == 1)
    }

    @Test func adadeltaSaysWhyWhenEpsilonZeroGivesZeroOverZero() {
        // bowl from (0, 1): g = (0, 2), so v_x = 0 and √(u+ε)/√(v+ε) is 0/0 on x.
        let (_, summary) = runRows(setup("--surface bowl --optimizer adadelta --eps 0 --start 0,1"), steps: 5)
        #expect(summary.divergedAt == 1)
        #expect(summary.divergenceMessage
                == "diverged at step 1: 0/0 in √(u+ε)/√(v+ε): ε = 0 and a zero gradient component (give --eps > 0)")
        let (_, frozen) = runRows(setup("--surface bowl --optimizer adadelta --eps 0 --rho 1 --start 1,1"), steps: 5)
        #expect(frozen.divergenceMessage
                == "diverged at step 1: 0/0 in √(u+ε)/√(v+ε): ε = 0 and ρ = 1 keep u = v = 0 (give --eps > 0 or --rho < 1)")
    }

    // MARK: Rprop

    @Test func rpropFirstStepIsEtaTimesTheSignAndTheStepGrowsWhileTheSignStays() {
        // booth from (−6, 8), η = 0.1: g₁ = (−30, −6), so (−5.9, 8.1); g₂ = (−28.2, −4.2)
        // keeps both signs, so s = 0.1·1.2 and (−5.78, 8.22).
        var d = descent(Surfaces.booth, Rprop(), lr: 0.1, start: Vector2(-6, 8))
        #expect(d.advance()!.point == Vector2(-6 + 0.1, 8 + 0.1))
        #expect(d.optimizer.effectiveStepSizes == Vector2(0.1, 0.1))
        // η only sets the initial step size (torch fills step_size with lr once).
        d.setLearningRate(5)
        #expect(d.advance()!.point == Vector2(-6 + 0.1 + 0.1 * 1.2, 8 + 0.1 + 0.1 * 1.2))
        #expect(d.optimizer.mathsRows == [MathsRow("s", Vector2(0.1 * 1.2, 0.1 * 1.2)), MathsRow("sign p", Vector2(-1, -1))])
    }

    @Test func rpropShrinksAndSkipsTheStepAfterASignChange() {
        // bowl from (0.05, 1), η = 0.1. Step 1: g = (0.1, 2) → (−0.05, 0.9).
        // Step 2: g_x = −0.1 flips: s_x = 0.05, g_x ← 0 (no step, p_x = 0); y: s = 0.12 → 0.78.
        // Step 3: g_x·p_x = 0: s_x stays 0.05 and x moves by it → 0; y: s = 0.144 → 0.636.
        var d = descent(Surfaces.bowl, Rprop(), lr: 0.1, start: Vector2(0.05, 1))
        #expect(d.advance()!.point == Vector2(0.05 - 0.1, 1 - 0.1))
        var p = d.advance()!.point
        #expect(p.x == 0.05 - 0.1 && p.y == 1 - 0.1 - 0.1 * 1.2)
        #expect(d.optimizer.mathsRows[1] == MathsRow("sign p", Vector2(0, 1)))
        #expect(d.optimizer.effectiveStepSizes!.x == 0.1 * 0.5)
        p = d.advance()!.point
        #expect(p.x == 0.05 - 0.1 + 0.1 * 0.5)
        #expect(close(p.y, 1 - 0.1 - 0.12 - 0.144, 1e-15))
    }

    @Test func rpropClampsEvenTheFirstStepSize() {
        // step_size = lr, then clamp(step_size·1, 1e-6, 50): η = 100 starts at 50.
        var d = descent(Surfaces.bowl, Rprop(), lr: 100, start: Vector2(1000, -1000))
        #expect(d.advance()!.point == Vector2(950, -950))
        var tiny = descent("--surface bowl --optimizer rprop --lr 1e-9 --step-sizes 1e-3,50 --start 1,1")
        #expect(tiny.advance()!.point == Vector2(1 - 1e-3, 1 - 1e-3))
    }

    // MARK: Options

    @Test func theNewRulesAreRegisteredInSpecOrderWithTheirDefaults() {
        let names = UpdateRules.names
        let mine = ["adadelta", "rprop", "lion", "newton"]
        #expect(Array(names.suffix(4)) == mine)
        #expect(UpdateRules.named("adadelta")!.value(of: "rho") == .real(0.9))
        #expect(UpdateRules.named("adadelta")!.value(of: "eps") == .real(1e-6))
        #expect(UpdateRules.named("rprop")!.value(of: "etas") == .pair(0.5, 1.2))
        #expect(UpdateRules.named("rprop")!.value(of: "step-sizes") == .pair(1e-6, 50))
        #expect(UpdateRules.named("lion")!.value(of: "beta1") == .real(0.9))
        #expect(UpdateRules.named("lion")!.value(of: "beta2") == .real(0.99))
        #expect(UpdateRules.named("lion")!.value(of: "weight-decay") == .real(0))
        #expect(UpdateRules.named("newton")!.value(of: "weight-decay") == .real(0))
        // torch.optim.Rprop has no weight_decay.
        #expect(!UpdateRules.named("rprop")!.accepts("weight-decay"))
    }

    @Test func optionsRoundTripThroughTheCodec() throws {
        let s = try SetupCodec.parse(["--optimizer", "rprop", "--etas", "0.25,1.5", "--step-sizes", "1e-3,2"])
        #expect(s.optimizer.rule.value(of: "etas") == .pair(0.25, 1.5))
        #expect(s.optimizer.rule.value(of: "step-sizes") == .pair(1e-3, 2))
        #expect(try SetupCodec.parse(SetupCodec.words(s)) == s)
        for rho in ["0", "1", "0.5"] {
            #expect(try SetupCodec.parse(["--optimizer", "adadelta", "--rho", rho]).optimizer.rule.value(of: "rho") == .real(Double(rho)!))
        }
    }

    @Test func badValuesAreRefusedWithOneLine() {
        let cases: [([String], String)] = [
            (["--optimizer", "adadelta", "--rho", "1.5"], "invalid value '1.5' for --rho: expected a number in [0, 1]"),
            (["--optimizer", "adadelta", "--rho=-0.1"], "invalid value '-0.1' for --rho: expected a number in [0, 1]"),
            (["--optimizer", "rprop", "--etas", "1.2,0.5"],
             "invalid value '1.2,0.5' for --etas: expected two factors A,B with 0 < A < 1 < B, such as 0.5,1.2"),
            (["--optimizer", "rprop", "--etas", "0.5,1"],
             "invalid value '0.5,1' for --etas: expected two factors A,B with 0 < A < 1 < B, such as 0.5,1.2"),
            (["--optimizer", "rprop", "--step-sizes", "50,1e-6"],
             "invalid value '50,1e-06' for --step-sizes: expected two sizes MIN,MAX with 0 < MIN ≤ MAX, such as 1e-6,50"),
            (["--optimizer", "rprop", "--step-sizes", "0,1"],
             "invalid value '0,1' for --step-sizes: expected two sizes MIN,MAX with 0 < MIN ≤ MAX, such as 1e-6,50"),
            (["--optimizer", "lion", "--momentum", "0.9"], "--momentum does not apply to lion; it uses --beta1"),
            (["--optimizer", "lion", "--alpha", "0.9"], "--alpha does not apply to lion; it uses --beta2"),
            (["--optimizer", "adadelta", "--alpha", "0.9"], "--alpha does not apply to adadelta; it uses --rho"),
            (["--optimizer", "rprop", "--weight-decay", "0.1"],
             "--weight-decay does not apply to rprop; its options: --etas, --step-sizes"),
            (["--optimizer", "newton", "--eps", "1e-8"], "--eps does not apply to newton; its options: --weight-decay"),
            (["--optimizer", "gd", "--rho", "0.5"], "--rho does not apply to gd; its options: --weight-decay"),
        ]
        for (words, message) in cases {
            do {
                _ = try SetupCodec.parse(words)
                Issue.record("\(words) was accepted")
            } catch {
                #expect(error.description == message, "\(words)")
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
