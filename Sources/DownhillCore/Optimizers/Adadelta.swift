/// Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"), as
/// `torch.optim.Adadelta` (`_single_tensor_adadelta`):
///
///     g ← g + λθ                        (coupled weight decay, when λ > 0)
///     v ← ρ·v + (1−ρ)·g²                (square_avg, v₀ = 0)
///     Δ ← √(u + ε) / √(v + ε) · g       (u: acc_delta, u₀ = 0)
///     u ← ρ·u + (1−ρ)·Δ²
///     θ ← θ − η·Δ
///
/// The paper has no learning rate (η = 1, torch's default); torch's `lr` scales Δ when it
/// is applied, and u accumulates the unscaled Δ, so with η ≠ 1 u is not the average of the
/// steps taken. ε sits inside both square roots (the paper's RMS[x] = √(E[x²] + ε)), which
/// is what makes the first steps move at all: u₀ = 0, so the first Δ is √ε/√(v + ε)·g.
public struct Adadelta: UpdateRule {
    /// ρ, the decay of both running averages, in [0, 1] (torch allows both ends).
    public var rho = 0.9
    /// ε, ≥ 0 (torch's default 1e-6), inside both square roots.
    public var epsilon = 1e-6
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// v, the running average of squared gradients (torch's `square_avg`).
        public var squareAverage = Vector2.zero
        /// u, the running average of squared updates Δ² (torch's `acc_delta`).
        public var accumulatedDelta = Vector2.zero
        /// √(u + ε)/√(v + ε) of the last step (with the u it read, before its update), so
        /// that Δθ = −η·scale·g: for the maths panel and the gauge.
        public var scale = Vector2.zero
    }

    public var name: String { "adadelta" }
    public var summary: String { "ADADELTA (Zeiler 2012), torch.optim.Adadelta" }
    public var formula: String { "v ← ρ·v+(1−ρ)·g²; Δ ← √(u+ε)/√(v+ε)·g; u ← ρ·u+(1−ρ)·Δ²; θ ← θ − η·Δ" }

    public static var parameters: [Parameter<Adadelta>] {
        [Parameter("rho", symbol: "ρ", \.rho, .closedUnitInterval, help: "decay ρ of the running averages of g² and Δ²",
                   analogues: ["alpha", "beta2"]),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε inside √(u+ε) and √(v+ε)"),
         .coupledWeightDecay(\.weightDecay)]
    }

    /// λ, added to the gradient (torch's coupled `weight_decay`): the instruments read it.
    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        // square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
        state.squareAverage = state.squareAverage * rho + (1 - rho) * g * g
        // std = square_avg.add(eps).sqrt_(); delta = acc_delta.add(eps).sqrt_(); delta.div_(std).mul_(grad)
        let std = (state.squareAverage + epsilon).squareRoot()
        state.scale = (state.accumulatedDelta + epsilon).squareRoot() / std
        let delta = state.scale * g
        // acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
        state.accumulatedDelta = state.accumulatedDelta * rho + (1 - rho) * delta * delta
        let next = fma(delta, -learningRate, theta)  // param.add_(delta, alpha=-lr)
        if epsilon == 0, !next.isFinite, std.x == 0 || std.y == 0 {
            if rho == 1 {
                throw StepFailure("diverged", why: "0/0 in √(u+ε)/√(v+ε): ε = 0 and ρ = 1 keep u = v = 0 (give --eps > 0 or --rho < 1)")
            }
            throw .zeroOverZero("√(u+ε)/√(v+ε)")
        }
        return next
    }

    /// In the order the step computes them: v, the scale √(u + ε)/√(v + ε) the step used
    /// (with u before its update), and u after it.
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("v", state.squareAverage), MathsRow("scale", state.scale), MathsRow("u", state.accumulatedDelta)]
    }

    /// 1, torch's default: Adadelta sets its own scale (the paper has no learning rate).
    public func defaultLearningRate(on rates: LearningRates) -> Double { 1 }

    /// η·√(u + ε)/√(v + ε) of the last step (world units per unit of gradient), with the u
    /// that step read, as the other adaptive rules give the step size their last step used.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        learningRate * state.scale
    }

    public var stepSizeFormula: String? { "η·√(u+ε)/√(v+ε)" }
}
