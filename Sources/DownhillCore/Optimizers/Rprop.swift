/// Resilient backpropagation (Riedmiller & Braun 1993, "A Direct Adaptive Method for Faster
/// Backpropagation Learning: The RPROP Algorithm"), as `torch.optim.Rprop`
/// (`_single_tensor_rprop`), per axis:
///
///     s ← η at t = 1                          (torch fills step_size with lr at the first step)
///     f ← η+ if g·p > 0, η− if g·p < 0, else 1    (p: the previous gradient, p₀ = 0)
///     s ← clamp(s·f, smin, smax)
///     g ← 0 where g·p < 0                     (after a sign change: no step, and p ← 0)
///     θ ← θ − s·sign(g)
///     p ← g
///
/// Only the sign of g is used; each axis moves by its own step size s, which grows by η+
/// while the sign stays and shrinks by η− when it flips. This is torch's variant (Rprop
/// without weight backtracking, "Rprop−" with the gradient zeroed after a sign change),
/// not the paper's original, which undoes the previous step on a sign change.
///
/// The learning rate only sets the initial step size: as in torch, a change of η after the
/// first step has no effect until the state is fresh again (a restart or another rule).
/// The first step is clamped too, so η outside [smin, smax] starts at the nearer bound.
///
/// `torch.optim.Rprop` has no `weight_decay`, so neither has this rule: `--weight-decay`
/// is refused for `rprop` rather than invented.
public struct Rprop: UpdateRule {
    /// η−, the factor 0 < η− < 1 by which a step size shrinks after a sign change.
    public var etaMinus = 0.5
    /// η+, the factor η+ > 1 by which a step size grows while the sign stays.
    public var etaPlus = 1.2
    /// smin, the smallest step size, > 0.
    public var stepSizeMin = 1e-6
    /// smax, the largest step size, ≥ smin.
    public var stepSizeMax = 50.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// s, the per-axis step sizes (world units per step), η from the first step.
        public var stepSizes = Vector2.zero
        /// p, the previous gradient (torch's `prev`), 0 on an axis whose sign just flipped.
        public var previous = Vector2.zero
    }

    public var name: String { "rprop" }
    public var summary: String { "Rprop (Riedmiller & Braun 1993), torch.optim.Rprop" }
    public var formula: String {
        "s ← s·η+ if g·p > 0; s ← s·η− if g·p < 0; s ← clamp(s, smin, smax); g ← 0 if g·p < 0; θ ← θ − s·sign(g); p ← g"
    }

    public static var parameters: [Parameter<Rprop>] {
        [Parameter("etas", symbol: "η−,η+", \.etaMinus, \.etaPlus, .shrinkAndGrow,
                   help: "factors η−,η+ by which a step size shrinks after a sign change and grows while the sign stays"),
         Parameter("step-sizes", symbol: "smin,smax", \.stepSizeMin, \.stepSizeMax, .sizeBounds,
                   help: "smallest and largest step sizes smin,smax")]
    }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient g: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        if t == 1 { state.stepSizes = Vector2(repeating: learningRate) }  // step_size.fill_(lr)
        var next = theta
        for i in 0..<2 {
            // sign = grad.mul(prev).sign(); sign[sign.gt(0)] = etaplus; …lt(0) = etaminus; …eq(0) = 1
            let product = g[i] * state.previous[i]
            let factor = product > 0 ? etaPlus : product < 0 ? etaMinus : product == 0 ? 1 : Double.nan
            // step_size.mul_(sign).clamp_(step_size_min, step_size_max); clamp keeps a NaN
            let size = state.stepSizes[i] * factor
            state.stepSizes[i] = size.isNaN ? size : min(max(size, stepSizeMin), stepSizeMax)
            // grad[sign.eq(etaminus)] = 0; param.addcmul_(grad.sign(), step_size, value=-1); prev.copy_(grad)
            let gi = factor == etaMinus ? 0 : g[i]
            next[i] = theta[i] + -torchSign(gi) * state.stepSizes[i]
            state.previous[i] = gi
        }
        return next
    }

    /// s, and the sign of p (the sign the next gradient is compared with; 0 after a flip).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("s", state.stepSizes), MathsRow("sign p", torchSign(state.previous))]
    }

    /// The adaptive rules' rate: the initial step size, in world units.
    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    /// s: each axis moves by its step size (per sign of g, not per unit of gradient), or
    /// not at all on an axis whose sign just flipped.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? { state.stepSizes }

    public var stepSizeFormula: String? { "s" }
    public var learningRateNote: String? {
        "rprop uses η only at step 1, then adapts its own steps: r restarts with this η"
    }
}

/// torch's `sign`: 1, −1, or 0 for ±0, and NaN for NaN.
@inline(__always) func torchSign(_ v: Double) -> Double { v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : .nan }

/// torch's `sign` per component.
@inline(__always) func torchSign(_ v: Vector2) -> Vector2 { Vector2(torchSign(v.x), torchSign(v.y)) }
