/// RMSProp (Tieleman & Hinton 2012, lecture 6e), `torch.optim.RMSprop`, with torch's
/// centred variant (Graves 2013) and momentum:
///
///     g ← g + λθ                   (coupled weight decay, when λ > 0)
///     s ← α·s + (1−α)·g²           (s₀ = 0)
///     ḡ ← ḡ + (g − ḡ)(1−α)         (centred only: ḡ₀ = 0)
///     d ← √(s − ḡ²) + ε  (centred), √s + ε  (otherwise; ε outside the square root)
///     b ← μ·b + g/d;  θ ← θ − η·b   (with momentum μ > 0; b₀ = 0)
///     θ ← θ − η·g / d               (without)
public struct RMSProp: UpdateRule {
    /// α, the smoothing constant, in [0, 1).
    public var alpha = 0.99
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0
    /// μ, torch's `momentum` (0: none), in [0, 1).
    public var momentum = 0.0
    /// True for the centred variant: s minus the square of the gradient's running mean.
    public var centered = false

    public init() {}

    public struct State: Equatable, Sendable {
        /// s, the running average of squared gradients.
        public var squareAverage = Vector2.zero
        /// ḡ, the running average of gradients (centred only).
        public var gradientAverage = Vector2.zero
        /// b, the momentum buffer (momentum only).
        public var buffer = Vector2.zero
    }

    public var name: String { "rmsprop" }
    public var summary: String { "RMSProp (Tieleman & Hinton 2012), torch.optim.RMSprop" }
    public var formula: String {
        let d = centered ? "√(s − ḡ²) + ε" : "√s + ε"
        let update = momentum > 0 ? "b ← μ·b + g/(\(d));  θ ← θ − η·b" : "θ ← θ − η·g/(\(d))"
        return "s ← α·s + (1−α)·g²;  " + (centered ? "ḡ ← α·ḡ + (1−α)·g;  " : "") + update
    }

    public static var parameters: [Parameter<RMSProp>] {
        [Parameter("alpha", symbol: "α", \.alpha, .unitInterval, help: "smoothing constant α", analogues: ["beta2"]),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √s"),
         Parameter("momentum", symbol: "μ", \.momentum, .unitInterval, help: "momentum μ of the scaled step (0: none)",
                   analogues: ["beta1"]),
         Parameter(flag: "centered", \.centered, help: "centred: divide by the gradient's running variance"),
         .coupledWeightDecay(\.weightDecay)]
    }

    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        state.squareAverage = state.squareAverage * alpha + (1 - alpha) * g * g
        if centered { state.gradientAverage = state.gradientAverage + (g - state.gradientAverage) * (1 - alpha) }
        let denominator = scale(state) + epsilon
        let next: Vector2
        if momentum > 0 {
            state.buffer = state.buffer * momentum + g / denominator  // buf.mul_(μ).addcdiv_(grad, avg)
            next = fma(state.buffer, -learningRate, theta)            // param.add_(buf, alpha=-lr)
        } else {
            next = theta - learningRate * g / denominator
        }
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 { throw .zeroOverZero("g/(√s + ε)") }
        return next
    }

    /// √s, or √(s − ḡ²) for the centred variant (`square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()`).
    private func scale(_ state: State) -> Vector2 {
        centered ? (state.squareAverage - state.gradientAverage * state.gradientAverage).squareRoot() : state.squareAverage.squareRoot()
    }

    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("s", state.squareAverage)] + (centered ? [MathsRow("ḡ", state.gradientAverage)] : [])
            + (momentum > 0 ? [MathsRow("b", state.buffer)] : [])
    }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        learningRate / (scale(state) + epsilon)
    }

    public var stepSizeFormula: String? { centered ? "η/(√(s−ḡ²)+ε)" : "η/(√s+ε)" }
}
