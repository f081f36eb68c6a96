import DownhillCore
import Foundation
import Testing
import TestSupport

/// Hand-computed steps for the conventions that tools get wrong (values from the issue,
/// checked by hand from SPEC §4).
@Suite struct UpdateRuleTests {
    @Test func rmspropEpsilonOutsideTheSquareRoot() {
        // valley g(1,1) = (2, 20); s = 0.1·g² = (0.4, 40); Δ = 0.01·g/(√s + 1).
        var d = descent(Surfaces.valley, RMSProp(), lr: 0.01, start: Vector2(1, 1)) { $0.alpha = 0.9; $0.epsilon = 1 }
        let p = d.advance()!.point
        #expect(abs(p.x - 0.987749) < 5e-7)
        #expect(abs(p.y - 0.972695) < 5e-7)
        #expect(close(p.x, 1 - 0.01 * 2 / (0.4.squareRoot() + 1), 1e-15))
    }

    @Test func adamBiasCorrection() {
        // t = 1: m̂ = g, v̂ = g², so the step is η·sign(g) (ε negligible): (0.9, 0.9).
        var d = descent(Surfaces.valley, Adam(), lr: 0.1, start: Vector2(1, 1))
        let p1 = d.advance()!.point
        #expect(abs(p1.x - 0.9) < 1e-8 && abs(p1.y - 0.9) < 1e-8)
        let p2 = d.advance()!.point
        #expect(abs(p2.x - 0.800412) < 5e-7 && abs(p2.y - 0.800412) < 5e-7)
    }

    @Test func nesterovInPyTorchForm() {
        var d = descent(Surfaces.bowl, Momentum(nesterov: true), lr: 0.1, start: Vector2(1, 1)) { $0.momentum = 0.9 }
        let xs = (0..<3).map { _ in d.advance()!.point.x }
        for (x, want) in zip(xs, [0.62, 0.2224, -0.108352]) { #expect(close(x, want, 1e-12)) }
    }

    @Test func adagradZeroInitialAccumulator() {
        // s = g², so the first step is η·g/|g| = η per axis: (0.1, 0.1) → (0.05, 0.05).
        var d = descent(Surfaces.valley, AdaGrad(), lr: 0.05, start: Vector2(0.1, 0.1))
        let p = d.advance()!.point
        #expect(close(p.x, 0.05, 1e-9) && close(p.y, 0.05, 1e-9))
    }

    @Test func momentumKeepsStateAcrossALearningRateChange() {
        var d = descent(Surfaces.bowl, Momentum(), lr: 0.1, start: Vector2(1, 1)) { $0.momentum = 0.9 }
        var xs = [d.advance()!.point.x]
        d.setLearningRate(0.01)
        xs.append(d.advance()!.point.x)
        xs.append(d.advance()!.point.x)
        for (x, want) in zip(xs, [0.8, 0.766, 0.72008]) { #expect(close(x, want, 1e-12)) }
    }

    @Test func switchingOptimizerKeepsThePointAndStartsFresh() {
        var d = descent(Surfaces.bowl, Momentum(), lr: 0.1, start: Vector2(1, 1))
        d.advance()
        let here = d.point
        d.setRule(GD())
        #expect(d.point == here)
        // The state is private to the optimizer: a fresh one has taken no step.
        #expect(d.optimizer.name == "gd" && d.optimizer.t == 0 && d.optimizer.mathsRows.isEmpty)
        // A fresh gd step: θ − η·2θ.
        #expect(close(d.advance()!.point.x, here.x * (1 - 0.2), 1e-15))
    }

    @Test func adamwDecaysBeforeTheAdamStep() {
        // First step: θ(1 − ηλ) − η·sign(g).
        var d = descent(Surfaces.booth, Adam(decoupled: true), lr: 0.1, start: Vector2(-4, 4)) { $0.weightDecay = 0.05 }
        let g = Surfaces.booth.gradient(at: Vector2(-4, 4))
        let p = d.advance()!.point
        #expect(close(p.x, -4 * (1 - 0.005) - 0.1 * (g.x > 0 ? 1 : -1), 1e-7))
        #expect(close(p.y, 4 * (1 - 0.005) - 0.1 * (g.y > 0 ? 1 : -1), 1e-7))
    }

    @Test func valleyGradientDescentIsStableIffLearningRateBelowATenth() {
        // y ← (1 − 20η)y: |1 − 20η| < 1 ⟺ η < 0.1.
        // |1 − 20η| = 0.98: y shrinks.
        #expect(abs(runRows(setup("--surface valley --start 1,1 --lr 0.099"), steps: 400).rows.last!.point.y) < 1e-3)
        // |1 − 20η| = 1.02: y grows, 1.02^400 ≈ 2.8e3.
        let y = runRows(setup("--surface valley --start 1,1 --lr 0.101"), steps: 400).rows.last!.point.y
        #expect(abs(abs(y) - pow(1.02, 400)) < 1e-6 * pow(1.02, 400))
    }

    @Test func divergenceStopsAtTheFirstNonFiniteLoss() {
        // y_k = (−19)^k; 10·y² overflows first at k = 121 (19^121 ≈ 10^154.7).
        let (rows, summary) = runRows(setup("--surface valley --start 1,1 --lr 1"), steps: 500)
        #expect(summary.divergedAt == 121)
        #expect(summary.status == .diverged)
        #expect(rows.count == 121)
        #expect(rows.last!.step == 120)
    }

    @Test func convergedStatusUsesTheFullGradientNorm() {
        // η = 0.5 on the bowl jumps to the minimum in one step.
        #expect(runRows(setup("--surface bowl --start 1,1 --lr 0.5"), steps: 3).summary.status == .converged)
        #expect(runRows(setup("--surface bowl --start 1,1 --lr 0.01"), steps: 3).summary.status == .maxSteps)
    }
}
