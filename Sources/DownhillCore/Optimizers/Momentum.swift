/// Heavy-ball momentum and its Nesterov variant, as `torch.optim.SGD(momentum=μ)` and
/// `SGD(momentum=μ, nesterov=True)`:
///
///     g ← g + λθ                       (coupled weight decay, when λ > 0)
///     b ← g at t = 1, else μ·b + (1 − τ)·g   (τ: dampening, default 0)
///     θ ← θ − η·b                      (momentum)
///     θ ← θ − η·(g + μ·b)              (nesterov)
///
/// PyTorch's form multiplies the buffer by η at the step instead of folding η into it,
/// which subtly differs from Sutskever et al. (2013) when η changes during the run; its
/// Nesterov step is the look-ahead rewritten through the gradient at the current point
/// (Bengio et al. 2012), not a second gradient evaluation.
public struct Momentum: UpdateRule {
    /// μ, in [0, 1).
    public var momentum = 0.9
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0
    /// τ, torch's `dampening`: the gradient enters the buffer scaled by 1 − τ (after the
    /// first step), in [0, 1]; Nesterov's variant requires 0, as torch does.
    public var dampening = 0.0
    /// True for Nesterov's variant (torch's `nesterov=True`).
    public var nesterov: Bool

    public init(nesterov: Bool = false) { self.nesterov = nesterov }

    public struct State: Equatable, Sendable {
        /// b, the momentum buffer.
        public var buffer = Vector2.zero
    }

    public var name: String { nesterov ? "nesterov" : "momentum" }
    public var summary: String {
        nesterov ? "Nesterov momentum, torch.optim.SGD(nesterov=True)" : "heavy-ball momentum, torch.optim.SGD(momentum)"
    }
    public var formula: String { nesterov ? "b ← μ·b + g;  θ ← θ − η·(g + μ·b)" : "b ← μ·b + g;  θ ← θ − η·b" }

    public static var parameters: [Parameter<Momentum>] {
        [Parameter("momentum", symbol: "μ", \.momentum, .unitInterval, help: "momentum μ", analogues: ["beta1"]),
         Parameter("dampening", symbol: "τ", \.dampening, .closedUnitInterval, help: "dampening τ of the gradient in the buffer"),
         .coupledWeightDecay(\.weightDecay)]
    }

    /// torch: "Nesterov momentum requires a momentum and zero dampening".
    public func validate() throws(SettingsError) {
        guard nesterov else { return }
        if dampening != 0 {
            throw .invalid(option: "--dampening", value: SettingsError.text(dampening), expected: "0 with nesterov (torch requires zero dampening)")
        }
        if momentum == 0 {
            throw .invalid(option: "--momentum", value: "0", expected: "a number in (0, 1) with nesterov (torch requires a momentum)")
        }
    }

    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        // buf = clone(grad) at first; then buf.mul_(μ).add_(grad, alpha=1 − dampening)
        let b = t == 1 ? g : fma(g, 1 - dampening, state.buffer * momentum)
        state.buffer = b
        let direction = nesterov ? fma(b, momentum, g) : b
        return fma(direction, -learningRate, theta)
    }

    public func mathsRows(_ state: State, t: Int) -> [MathsRow] { [MathsRow("b", state.buffer)] }

    /// Half of gd's: the steps build up to about η/(1 − μ), and half keeps Nesterov inside
    /// its tighter limit, (2 + 2μ)/(1 + 2μ) < 2 for μ = 0.9.
    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.gradient / 2 }

    /// From the linear recurrence on a quadratic with curvature λ: heavy ball is stable iff
    /// ηλ < 2 + 2μ (Polyak 1964; Goh, "Why Momentum Really Works", Distill 2017); PyTorch's
    /// Nesterov, θ ← θ − η((1+μ)g + μ²b), iff ηλ < (2 + 2μ)/(1 + 2μ) (its eigenvalue −1
    /// crossing).
    public var stabilityLimit: StabilityLimit? {
        nesterov ? StabilityLimit((2 + 2 * momentum) / (1 + 2 * momentum), formula: "(2+2μ)/(1+2μ)")
            : StabilityLimit(2 + 2 * momentum, formula: "2+2μ")
    }
}
