import DownhillCore
import Foundation
import Testing
import TestSupport

/// The teaching instruments' numbers, against hand values and theory.
@Suite struct InstrumentTests {
    @Test func valleyStabilityIsEverywhereTheSame() {
        // λmax = 20 everywhere: η_crit = 2/20 = 0.1 for gd, (2 + 2·0.9)/20 = 0.19 for momentum.
        for p in [Vector2(1, 1), Vector2(-2.5, 0.3)] {
            let gd = StabilityReading.at(descent(Surfaces.valley, GD(), lr: 0.05, start: p))!
            #expect(gd.lambdaMax == 20)
            #expect(abs(gd.criticalLearningRate! - 0.1) < 1e-15)
            #expect(gd.product == 1.0 && gd.isStable)
        }
        let heavy = StabilityReading.at(descent(Surfaces.valley, Momentum(), lr: 0.15, start: .zero))!
        #expect(abs(heavy.criticalLearningRate! - 0.19) < 1e-12)
        #expect(heavy.isStable)
        #expect(!StabilityReading.at(descent(Surfaces.valley, GD(), lr: 0.15, start: .zero))!.isStable)
        #expect(StabilityReading.at(descent(Surfaces.valley, Adam(), lr: 0.1, start: .zero)) == nil)
    }

    @Test func nesterovLimitMatchesItsRecurrence() throws {
        // Just below and above (2+2μ)/(1+2μ)/λ, μ = 0.9, λ = 20 on valley's y axis.
        let critical = (2 + 2 * 0.9) / (1 + 2 * 0.9) / 20
        let reading = StabilityReading.at(descent(Surfaces.valley, Momentum(nesterov: true), lr: 0.01, start: Vector2(0, 1)))!
        #expect(abs(reading.criticalLearningRate! - critical) < 1e-15)
        for (lr, stable) in [(critical * 0.98, true), (critical * 1.02, false)] {
            var d = descent(Surfaces.valley, Momentum(nesterov: true), lr: lr, start: Vector2(0, 1)) { $0.momentum = 0.9 }
            for _ in 0..<3000 { d.advance() }
            #expect((abs(d.point.y) < 1) == stable, "lr \(lr): y = \(d.point.y)")
        }
    }

    @Test func rosenbrockCurvatureAtTheMinimum() {
        let r = StabilityReading.at(descent(Surfaces.rosenbrock, GD(), lr: 0.001, start: Vector2(1, 1)))!
        #expect(abs(r.lambdaMax - 1001.6) < 0.01)
    }

    @Test func adaptiveStepSizesByHand() {
        // AdaGrad after one step on valley from (0.1, 0.1): s = g² = (0.04, 4); η/(√s+ε).
        var d = descent(Surfaces.valley, AdaGrad(), lr: 0.05, start: Vector2(0.1, 0.1))
        #expect(d.optimizer.effectiveStepSizes == nil)
        d.advance()
        let e = d.optimizer.effectiveStepSizes!
        #expect(abs(e.x - 0.05 / 0.2) < 1e-9 && abs(e.y - 0.05 / 2) < 1e-9)
    }

    static func regime(_ surface: any LossSurface, lr: Double, start: Vector2, steps: Int) -> Regime {
        var d = descent(surface, GD(), lr: lr, start: start)
        var rows = [d.current]
        for _ in 0..<steps { if let r = d.advance() { rows.append(r) } }
        return Regime.classify(rows, status: d.status, surface: surface)
    }

    @Test func valleyRegimesFollowTheTheory() {
        // y ← (1 − 20η)y: η = 0.05 kills y at once (monotonic), 0.095 flips its sign each
        // step with |·| = 0.9 (oscillating), 0.11 flips with |·| = 1.2 (diverging).
        #expect(Self.regime(Surfaces.valley, lr: 0.05, start: Vector2(1, 1), steps: 10) == .monotonic)
        #expect(Self.regime(Surfaces.valley, lr: 0.095, start: Vector2(1, 1), steps: 10) == .oscillating)
        #expect(Self.regime(Surfaces.valley, lr: 0.11, start: Vector2(1, 1), steps: 10) == .diverging)
    }

    @Test func saddleEscape() {
        // From (1, 0.001): x ← 0.8x dies out while y ← 1.2y grows along the negative curvature.
        #expect(Self.regime(Surfaces.saddle, lr: 0.1, start: Vector2(1, 0.001), steps: 12) == .escapingSaddle)
    }

    @Test func crawlingOnTheRosenbrockFloor() {
        // gd with a small η reaches the curved floor quickly and then creeps along it.
        #expect(Self.regime(Surfaces.rosenbrock, lr: 0.0002, start: Vector2(-1.5, 2), steps: 3000) == .crawling)
    }

    // The command line that reproduces a run is the codec's now: see DownhillSetupTests' CodecTests.
}

@Suite struct RegimeSourceTests {
    @Test func upAndDownIsNoiseOnlyWithAStochasticGradient() {
        // Heavy-ball momentum on the bowl with μ = 0.9: the point spirals, the loss rises and
        // falls with the exact gradient (overshooting), and the same rows from a noisy
        // source read as noise.
        var d = descent(Surfaces.bowl, Momentum(), lr: 0.05, start: Vector2(1, 0.5)) { $0.momentum = 0.9 }
        var rows = [d.current]
        var sawOvershoot = false
        for _ in 0..<60 {
            rows.append(d.advance()!)
            let r = Regime.classify(rows, status: d.status, surface: Surfaces.bowl)
            if r == .overshooting {
                sawOvershoot = true
                #expect(Regime.classify(rows, status: d.status, surface: Surfaces.bowl, stochastic: true) == .noisy)
            }
            #expect(r != .noisy)
        }
        #expect(sawOvershoot)
    }
}

@Suite struct StochasticRegimeTests {
    @Test func aBoundedSGDRunIsNeverCalledDivergingOrOscillating() {
        var d = descent("--surface linear-regression --batch sgd --seed 1")
        var rows = [d.current]
        for _ in 0..<3000 {
            rows.append(d.advance()!)
            let r = Regime.classify(Array(rows.suffix(4)), status: d.status, surface: d.surface, stochastic: true)
            #expect(r != .diverging && r != .oscillating, "step \(d.step): \(r)")
        }
    }
}

@Suite struct LocalMinimumRegimeTests {
    @Test func sixHumpCamelSettlesInItsLocalMinimum() {
        // From (1.5, 0.5) gd heads for the local minimum near (1.607, 0.569), f ≈ 2.104,
        // far above the global −1.0316: slow there because it has arrived, not crawling.
        #expect(InstrumentTests.regime(Surfaces.sixHumpCamel, lr: 0.01, start: Vector2(1.5, 0.5), steps: 60) == .localMinimum)
        // Rosenbrock's floor is slow for the other reason: still far to go.
        #expect(InstrumentTests.regime(Surfaces.rosenbrock, lr: 0.0002, start: Vector2(-1.5, 2), steps: 3000) == .crawling)
    }
}
