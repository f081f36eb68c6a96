import DownhillCore
import Testing

/// `--weight-decay` has torch's meaning for every rule (SPEC §1, §4): g ← g + λθ before the
/// update (`grad.add(param, alpha=weight_decay)`) for all but AdamW, whose decay is
/// decoupled (checked against torch in the reference trajectories). Expected values were
/// computed by hand, two steps of each rule's torch pseudocode on booth from (1, 1) with
/// λ = 0.5 (∇f(1, 1) = (−16, −20), so g₁ = (−15.5, −19.5)), in plain scalar arithmetic.
@Suite struct WeightDecayTests {
    func twoSteps(_ rule: any UpdateRule, lr: Double) -> Vector2 {
        var d = Descent(surface: Surfaces.booth, optimizer: Optimizer(rule: rule, learningRate: lr), start: Vector2(1, 1))
        d.advance()
        d.advance()
        return d.point
    }

    func decayed(_ rule: any UpdateRule, _ extra: [(String, OptionValue)] = []) -> any UpdateRule {
        var r = try! rule.setting("weight-decay", to: .real(0.5))
        for (name, value) in extra { r = try! r.setting(name, to: value) }
        return r
    }

    @Test func gdOnTheBowlAsTheIssueComputedIt() {
        // torch.optim.SGD(lr=0.1, weight_decay=0.1) on x² + y² from (1, 1): 0.79, 0.6241.
        var d = Descent(surface: Surfaces.bowl, optimizer: Optimizer(rule: try! GD().setting("weight-decay", to: .real(0.1)), learningRate: 0.1),
                        start: Vector2(1, 1))
        #expect(abs(d.advance()!.point.x - 0.79) < 1e-15)
        #expect(abs(d.advance()!.point.x - 0.6241) < 1e-15)
    }

    @Test(arguments: [
        ("momentum", 0.01, 1.4176250000000001, 1.5326250000000001, 1.432, 1.5472),
        ("nesterov", 0.01, 1.59948125, 1.7802712500000002, 1.62208, 1.8035919999999999),
        ("adagrad", 0.1, 1.1660900718898122, 1.1671062642934464, 1.1663783352029828, 1.1673040840090996),
        ("rmsprop", 0.01, 1.1662769738423828, 1.1672914605382312, 1.1665647742918241, 1.1674889240203916),
        ("adam", 0.1, 1.1994690074808507, 1.1996169419462839, 1.1995126621432268, 1.19964378402229),
    ])
    func coupledDecayForEveryRuleButAdamW(name: String, lr: Double, x: Double, y: Double, plainX: Double, plainY: Double) {
        var rule = UpdateRules.named(name)!
        if name == "adagrad" { rule = try! rule.setting("eps", to: .real(0)) }  // the hand computation has ε = 0
        let p = twoSteps(decayed(rule), lr: lr)
        #expect(abs(p.x - x) <= 1e-12 && abs(p.y - y) <= 1e-12, "\(name): \(p)")
        // Without decay the point differs: the option is never silently ignored.
        let q = twoSteps(rule, lr: lr)
        #expect(abs(q.x - plainX) <= 1e-12 && abs(q.y - plainY) <= 1e-12, "\(name): \(q)")
    }

    @Test func adamWDecaysTheParametersNotTheGradient() {
        // One step from (1, 1): θ(1 − ηλ) = 0.95, then Adam's first step moves each axis by
        // η·g/(|g| + ε) ≈ η against the gradient's sign: (1.05, 1.05) minus rounding.
        let rule = Adam(decoupled: true)
        var d = Descent(surface: Surfaces.booth, optimizer: Optimizer(rule: try! rule.setting("weight-decay", to: .real(0.5)), learningRate: 0.1),
                        start: Vector2(1, 1))
        let p = d.advance()!.point
        let expected = 0.95 + 0.1 * 16 / (16 + 1e-8)
        #expect(abs(p.x - expected) < 1e-15)
    }
}
