import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// NAdam, RAdam and Adamax: first steps computed by hand from torch's pseudocode (bowl
/// x² + y², so g = 2θ), RAdam's switch from un-adapted to rectified steps, the ε = 0
/// failures, and the options' refusals. The full trajectories against torch are the
/// reference cases q01–q03 (``ReferenceTrajectoryTests``).
@Suite struct AdamFamilyRuleTests {
    // MARK: NAdam

    @Test func nadamMomentumCacheFollowsDozatsSchedule() {
        // μt = β₁(1 − ½·0.96^(tψ)) with β₁ 0.9, ψ 0.004; Πμ = μ₁⋯μt.
        var d = descent(Surfaces.bowl, NAdam(), lr: 0.1, start: Vector2(1, 1))
        var product = 1.0
        for t in 1...3 {
            d.advance()
            let mu = 0.9 * (1 - 0.5 * pow(0.96, Double(t) * 0.004))
            product *= mu
            let rows = Dictionary(uniqueKeysWithValues: d.optimizer.mathsRows.map { ($0.label, $0.value) })
            #expect(close(rows["μt"]!!.x, mu, 1e-15) && rows["μt"]!!.x == rows["μt"]!!.y)
            #expect(close(rows["Πμ"]!!.x, product, 1e-15))
        }
        // μ₁ = 0.9(1 − ½·0.96^0.004) = 0.45007347359129612… (0.96^0.004 = e^(0.004·ln 0.96)).
        #expect(close(NAdam().momentumCache(1), 0.450073473591296125, 1e-15))
    }

    @Test func nadamFirstStep() {
        // t = 1: m = (1−β₁)g, v̂ = g², Πμ = μ₁, so
        //   θ₁ = θ − η·g/(|g|+ε)·[(1−μ₁)/(1−μ₁) + μ₂(1−β₁)/(1−μ₁μ₂)]
        //      = θ − η·g/(|g|+ε)·(1 + 0.1·μ₂/(1−μ₁μ₂)):
        // the Nesterov look-ahead adds about 5.6% to Adam's first step of η·sign(g).
        var d = descent(Surfaces.bowl, NAdam(), lr: 0.1, start: Vector2(1, 1))
        let mu1 = 0.9 * (1 - 0.5 * pow(0.96, 0.004)), mu2 = 0.9 * (1 - 0.5 * pow(0.96, 0.008))
        let want = 1 - 0.1 * 2 / (2 + 1e-8) * (1 + 0.1 * mu2 / (1 - mu1 * mu2))
        let p = d.advance()!.point
        #expect(close(p.x, want, 1e-14) && close(p.y, want, 1e-14))
        #expect(close(p.x, 0.894354822692687063, 1e-14))  // the same, to 18 digits by hand (decimal arithmetic)
        // Per axis, whatever the scale of g: valley g(1,1) = (2, 20) moves both axes alike.
        var v = descent(Surfaces.valley, NAdam(), lr: 0.1, start: Vector2(1, 1))
        let q = v.advance()!.point
        #expect(close(1 - q.x, 1 - want, 1e-7) && close(1 - q.y, 1 - want, 1e-7))
    }

    @Test func nadamWithoutMomentumDecayKeepsMuConstant() {
        // ψ = 0: μt = β₁/2 at every step.
        let rule = try! NAdam().setting("momentum-decay", to: .real(0))
        #expect((1...5).allSatisfy { rule.momentumCache($0) == 0.45 })
    }

    // MARK: RAdam

    @Test func radamRectifiesFromTheSixthStep() {
        // ρ∞ = 2/(1−β₂) − 1 = 1999; ρt = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ) ≈ t − t²(1−β₂)/6 for small t:
        // ρ₁ = 1 exactly, ρ₅ = 4.99600 ≤ 5, ρ₆ = 5.99416 > 5.
        let rule = RAdam()
        let handRho = [1, 1.999499749874937, 2.998665999777778, 3.997498749875438, 4.995998000401601, 5.994163751656717]
        for (t, want) in zip(1..., handRho) {
            let beta2 = 0.999, rhoInf = 2 / (1 - beta2) - 1
            let rho = rhoInf - 2 * Double(t) * pow(beta2, Double(t)) / (1 - pow(beta2, Double(t)))
            #expect(abs(rho - want) < 1e-9)
            #expect(abs(rule.rho(t) - want) < 1e-9)
            #expect((rule.rectification(t) != nil) == (t >= 6), "t = \(t)")
        }
        // r at t = 6 from the paper's formula.
        let rho6 = handRho[5]
        #expect(close(rule.rectification(6)!, ((rho6 - 4) * (rho6 - 2) * 1999 / (1995 * 1997 * rho6)).squareRoot(), 1e-9))
    }

    @Test func radamUnadaptedStepsAreBiasCorrectedMomentum() {
        // θ ← θ − η·m̂ while ρt ≤ 5. Bowl from (1, 1), η 0.1:
        //   t = 1: m̂ = g = 2 → θ₁ = 1 − 0.2 = 0.8 (a plain gd step);
        //   t = 2: g = 1.6, m = 0.9·0.2 + 0.1·1.6 = 0.34, m̂ = 0.34/0.19 → θ₂ = 0.8 − 0.034/0.19 = 59/95.
        var d = descent(Surfaces.bowl, RAdam(), lr: 0.1, start: Vector2(1, 1))
        #expect(close(d.advance()!.point.x, 0.8, 1e-15))
        #expect(d.optimizer.effectiveStepSizes == nil)
        let rows = d.optimizer.mathsRows
        #expect(rows.first { $0.label == "r" }!.value == nil)
        #expect(rows.first { $0.label == "ρt" }!.value == Vector2(1, 1))
        #expect(close(d.advance()!.point.x, 59.0 / 95, 1e-15))
    }

    @Test func radamMatchesThePseudocodeThroughTheSwitch() {
        // Torch's pseudocode written out plainly, six steps on the valley (g = (2x, 20y)):
        // five un-adapted steps, then the rectified one.
        let (beta1, beta2, eps, lr) = (0.9, 0.999, 1e-8, 0.01)
        var d = descent(Surfaces.valley, RAdam(), lr: lr, start: Vector2(1, 1))
        var theta = Vector2(1, 1), m = Vector2.zero, v = Vector2.zero
        for t in 1...8 {
            let g = Vector2(2 * theta.x, 20 * theta.y)
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            let mHat = m / (1 - pow(beta1, Double(t)))
            let rhoInf = 2 / (1 - beta2) - 1
            let rho = rhoInf - 2 * Double(t) * pow(beta2, Double(t)) / (1 - pow(beta2, Double(t)))
            if rho > 5 {
                let r = ((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)).squareRoot()
                let l = (1 - pow(beta2, Double(t))).squareRoot() / (v.squareRoot() + eps)
                theta -= lr * mHat * r * l
            } else {
                theta -= lr * mHat
            }
            let p = d.advance()!.point
            #expect(close(p.x, theta.x, 1e-12) && close(p.y, theta.y, 1e-12), "t = \(t)")
            #expect((d.optimizer.effectiveStepSizes != nil) == (t >= 6), "t = \(t)")
        }
    }

    // MARK: Adamax

    @Test func adamaxFirstTwoSteps() {
        // t = 1: m = (1−β₁)g, u = |g| + ε, so θ₁ = θ − η/(1−β₁)·(1−β₁)g/(|g|+ε) = θ − η·g/(|g|+ε):
        // 1 − 0.1·2/(2 + 1e-8) = 0.9000000005.
        // t = 2: g = 2θ₁; m = 0.9·0.2 + 0.1·g; u = max(0.999·(2+ε), |g|+ε) = 0.999·(2+ε) (the
        // older, larger gradient decays but still wins); θ₂ = θ₁ − 0.1/(1−0.81)·m/u.
        var d = descent(Surfaces.bowl, Adamax(), lr: 0.1, start: Vector2(1, 1))
        let x1 = 1 - 0.1 * 2 / (2 + 1e-8)
        #expect(close(d.advance()!.point.x, x1, 1e-15))
        #expect(close(x1, 0.9000000005, 1e-15))
        let g2 = 2 * x1, m = 0.9 * 0.2 + 0.1 * g2, u = 0.999 * (2 + 1e-8)
        let x2 = d.advance()!.point.x
        #expect(close(x2, x1 - 0.1 / 0.19 * m / u, 1e-14))
        #expect(close(x2, 0.805168327168774033, 1e-14))  // by hand in decimal arithmetic
        let rows = Dictionary(uniqueKeysWithValues: d.optimizer.mathsRows.map { ($0.label, $0.value) })
        #expect(close(rows["u"]!!.x, u, 1e-15))
        #expect(close(d.optimizer.effectiveStepSizes!.x, 0.1 / 0.19 / u, 1e-14))
    }

    @Test func adamaxFirstStepIsPerAxis() {
        // valley g(1,1) = (2, 20): each axis moves by η·|g|/(|g|+ε), about η.
        var d = descent(Surfaces.valley, Adamax(), lr: 0.1, start: Vector2(1, 1))
        let p = d.advance()!.point
        #expect(close(p.x, 1 - 0.1 * 2 / (2 + 1e-8), 1e-15) && close(p.y, 1 - 0.1 * 20 / (20 + 1e-8), 1e-15))
    }

    // MARK: ε = 0

    @Test func zeroEpsilonWithAZeroGradientComponentIsZeroOverZero() {
        // Bowl from (1, 0): g = (2, 0), so the y axis divides 0 by 0 once the rule adapts —
        // at once for nadam and adamax, at the first rectified step (6) for radam.
        for (name, step) in [("nadam", 1), ("radam", 6), ("adamax", 1)] {
            let (rows, summary) = runRows(setup("--surface bowl --start 1,0 --lr 0.1 --optimizer \(name) --eps 0"), steps: 10)
            #expect(summary.divergedAt == step, "\(name)")
            #expect(rows.count == step, "\(name)")
            #expect(summary.divergenceMessage?.hasPrefix("diverged at step \(step): 0/0 in ") == true, "\(name)")
            #expect(summary.divergenceMessage?.contains("give --eps > 0") == true, "\(name)")
            // With torch's ε the y axis simply stays at 0.
            let kept = runRows(setup("--surface bowl --start 1,0 --lr 0.1 --optimizer \(name)"), steps: 10)
            #expect(kept.summary.divergedAt == nil && kept.rows.last!.point.y == 0, "\(name)")
        }
    }

    // MARK: Options

    @Test func defaultsAreTorchs() {
        for name in ["nadam", "radam", "adamax"] {
            let rule = UpdateRules.named(name)!
            #expect(rule.value(of: "beta1") == .real(0.9) && rule.value(of: "beta2") == .real(0.999))
            #expect(rule.value(of: "eps") == .real(1e-8) && rule.value(of: "weight-decay") == .real(0))
            // RAdam's first steps are un-adapted (η·m̂): it takes the smaller of the two rates.
            #expect(rule.defaultLearningRate(on: LearningRates(gradient: 0.01, adaptive: 0.05)) == (name == "radam" ? 0.01 : 0.05))
            #expect(rule.stabilityLimit == nil)
        }
        #expect(UpdateRules.named("nadam")!.value(of: "momentum-decay") == .real(0.004))
        #expect(UpdateRules.named("radam")!.value(of: "momentum-decay") == nil)
        // SPEC order: after adamw.
        let names = UpdateRules.names
        #expect(Array(names[names.firstIndex(of: "adamw")!...].prefix(4)) == ["adamw", "nadam", "radam", "adamax"])
    }

    @Test func badValuesAreRefusedInOneLine() {
        let cases: [([String], String)] = [
            (["--optimizer", "nadam", "--beta1", "1"], "invalid value '1' for --beta1: expected a number in [0, 1)"),
            (["--optimizer", "radam", "--beta2", "1.5"], "invalid value '1.5' for --beta2: expected a number in [0, 1)"),
            (["--optimizer", "adamax", "--beta1", "-0.1"], "invalid value '-0.1' for --beta1: expected a number in [0, 1)"),
            (["--optimizer", "radam", "--eps", "-1e-8"], "invalid value '-1e-08' for --eps: expected a finite number ≥ 0"),
            (["--optimizer", "adamax", "--eps", "-1"], "invalid value '-1' for --eps: expected a finite number ≥ 0"),
            (["--optimizer", "nadam", "--momentum-decay", "-0.004"],
             "invalid value '-0.004' for --momentum-decay: expected a finite number ≥ 0"),
            (["--optimizer", "nadam", "--weight-decay", "-1"], "invalid value '-1' for --weight-decay: expected a finite number ≥ 0"),
            (["--optimizer", "nadam", "--momentum", "0.5"], "--momentum does not apply to nadam; it uses --beta1"),
            (["--optimizer", "radam", "--alpha", "0.9"], "--alpha does not apply to radam; it uses --beta2"),
            (["--optimizer", "adamax", "--momentum-decay", "0.01"],
             "--momentum-decay does not apply to adamax; its options: --beta1, --beta2, --eps, --weight-decay"),
        ]
        for (words, message) in cases {
            do {
                _ = try SetupCodec.parse(words)
                Issue.record("accepted \(words)")
            } catch {
                #expect("\(error)" == message, "\(words)")
                #expect(!"\(error)".contains("\n"))
            }
        }
    }

    @Test func optionsSetTheRule() throws {
        let s = try SetupCodec.parse(["--optimizer", "nadam", "--momentum-decay", "0.01", "--beta1", "0.8"])
        let rule = try #require(s.optimizer.rule as? NAdam)
        #expect(rule.momentumDecay == 0.01 && rule.beta1 == 0.8 && rule.beta2 == 0.999)
    }
}
