import Foundation

/// The update rules of SPEC §4, in PyTorch `torch.optim`'s conventions (float64).
///
/// Listed in order of increasing complexity. `g` is the gradient used at step `t`
/// (t = 1, 2, …), θ the parameters, η the learning rate:
///
/// | kind | update |
/// |---|---|
/// | `gd` | θ ← θ − η·g |
/// | `momentum` | b ← μ·b + g (b = g at t = 1); θ ← θ − η·b |
/// | `nesterov` | b ← μ·b + g (b = g at t = 1); θ ← θ − η·(g + μ·b) |
/// | `adagrad` | s ← s + g²; θ ← θ − η·g / (√s + ε) |
/// | `rmsprop` | s ← α·s + (1−α)·g²; θ ← θ − η·g / (√s + ε) |
/// | `adam` | m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε) |
/// | `adamw` | θ ← θ·(1 − η·λ), then the `adam` step |
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// Plain (stochastic) gradient descent: `torch.optim.SGD(momentum=0)`.
    case gd
    /// Heavy-ball momentum, PyTorch's form: `torch.optim.SGD(momentum=μ)`. The learning
    /// rate multiplies the buffer at the step rather than being folded into it, which
    /// subtly differs from Sutskever et al. (2013) when η changes during the run.
    case momentum
    /// Nesterov momentum as `torch.optim.SGD(momentum=μ, nesterov=True)`: the look-ahead is
    /// expressed through the gradient at the current point (Sutskever et al. 2013 rewritten
    /// as in Bengio et al. 2012), not a second gradient evaluation.
    case nesterov
    /// AdaGrad (Duchi, Hazan & Singer 2011), `torch.optim.Adagrad`: accumulator starts at 0
    /// (`initial_accumulator_value=0`), ε added after the square root.
    case adagrad
    /// RMSProp (Tieleman & Hinton 2012, lecture 6e), `torch.optim.RMSprop`: ε outside the
    /// square root, not centered, no momentum.
    case rmsprop
    /// Adam (Kingma & Ba 2015), `torch.optim.Adam`: bias-corrected, ε added to √v̂
    /// (the paper's Algorithm 1), not to √v as in the paper's efficient variant.
    case adam
    /// AdamW (Loshchilov & Hutter 2019), `torch.optim.AdamW`: decoupled weight decay
    /// θ ← θ(1 − ηλ) applied before the Adam step, scaled by η as PyTorch does.
    case adamw

    /// The name shown to users, as spelled on the command line.
    public var name: String { rawValue }

    /// True for the optimizers that scale each axis by accumulated squared gradients.
    public var isAdaptive: Bool {
        switch self {
        case .gd, .momentum, .nesterov: false
        case .adagrad, .rmsprop, .adam, .adamw: true
        }
    }

    /// The update rule as one line of text, for the help and the maths panel.
    public var formula: String {
        switch self {
        case .gd: "θ ← θ − η·g"
        case .momentum: "b ← μ·b + g;  θ ← θ − η·b"
        case .nesterov: "b ← μ·b + g;  θ ← θ − η·(g + μ·b)"
        case .adagrad: "s ← s + g²;  θ ← θ − η·g/(√s + ε)"
        case .rmsprop: "s ← α·s + (1−α)·g²;  θ ← θ − η·g/(√s + ε)"
        case .adam: "m ← β₁m+(1−β₁)g; v ← β₂v+(1−β₂)g²; θ ← θ − η·m̂/(√v̂ + ε)"
        case .adamw: "θ ← θ(1−ηλ); then Adam"
        }
    }
}

/// The hyperparameters of every update rule. Defaults are PyTorch's, except the learning
/// rate, which has no sensible universal default and is chosen per surface.
///
/// The learning rate is read at every step and never folded into stored state, so a live
/// change takes effect at the next step with the optimizer's state kept.
public struct Hyperparameters: Equatable, Sendable {
    /// η, > 0.
    public var learningRate: Double
    /// μ for `momentum` and `nesterov`, in [0, 1).
    public var momentum: Double = 0.9
    /// α, RMSProp's smoothing constant, in [0, 1).
    public var alpha: Double = 0.99
    /// β₁ and β₂ of Adam and AdamW, each in [0, 1).
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    /// ε when given explicitly; nil means the optimizer's own default (see ``epsilon(for:)``).
    public var epsilonOverride: Double?
    /// λ, AdamW's decoupled weight decay, ≥ 0.
    public var weightDecay: Double = 0.01

    public init(learningRate: Double) {
        self.learningRate = learningRate
    }

    /// ε for the given optimizer: the explicit value, else PyTorch's default
    /// (1e-10 for AdaGrad, 1e-8 for RMSProp, Adam and AdamW).
    public func epsilon(for kind: OptimizerKind) -> Double {
        if let epsilonOverride { return epsilonOverride }
        return kind == .adagrad ? 1e-10 : 1e-8
    }
}

/// An optimizer: an update rule over explicit state. The gradient is computed elsewhere
/// (see ``GradientSource``); ``step(_:gradient:)`` turns θ and g into the next θ.
public struct Optimizer: Sendable {
    /// The state one update rule carries between steps, per axis.
    public struct State: Equatable, Sendable {
        /// t, the number of updates taken by this optimizer (1 after the first step).
        public var t: Int = 0
        /// The momentum buffer b (`momentum`, `nesterov`), or Adam's first moment m.
        public var firstMoment: Vector2 = .zero
        /// AdaGrad's sum of squares, RMSProp's running average of squares, or Adam's v.
        public var secondMoment: Vector2 = .zero
        public init() {}
    }

    public var kind: OptimizerKind
    public var hyperparameters: Hyperparameters
    public private(set) var state = State()

    public init(kind: OptimizerKind, hyperparameters: Hyperparameters) {
        self.kind = kind
        self.hyperparameters = hyperparameters
    }

    /// Forgets the state (a restart, or a switch of update rule).
    public mutating func reset() { state = State() }

    /// Switches the update rule, keeping the hyperparameters and starting the new rule's
    /// state fresh (SPEC §4: switching keeps the point, not the state).
    public mutating func switchTo(_ newKind: OptimizerKind) {
        kind = newKind
        reset()
    }

    /// One update: returns θ after the step from θ with gradient g. Updates the state.
    ///
    /// Arithmetic follows PyTorch's kernels where their order matters at float64 rounding:
    /// `param.add_(grad, alpha=-lr)` is a fused multiply-add.
    public mutating func step(_ theta: Vector2, gradient g: Vector2) -> Vector2 {
        let h = hyperparameters
        let lr = h.learningRate
        state.t += 1
        let t = state.t
        switch kind {
        case .gd:
            return fma(g, -lr, theta)
        case .momentum, .nesterov:
            let mu = h.momentum
            let b = t == 1 ? g : state.firstMoment * mu + g  // buf.mul_(μ).add_(g)
            state.firstMoment = b
            let direction = kind == .nesterov ? fma(b, mu, g) : b
            return fma(direction, -lr, theta)
        case .adagrad:
            let s = fma(g, g, state.secondMoment)
            state.secondMoment = s
            return theta - lr * g / (s.squareRoot() + h.epsilon(for: kind))
        case .rmsprop:
            let a = h.alpha
            let s = state.secondMoment * a + (1 - a) * g * g
            state.secondMoment = s
            return theta - lr * g / (s.squareRoot() + h.epsilon(for: kind))
        case .adam, .adamw:
            var theta = theta
            if kind == .adamw { theta *= 1 - lr * h.weightDecay }
            let (b1, b2) = (h.beta1, h.beta2)
            // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
            let m = state.firstMoment + (g - state.firstMoment) * (1 - b1)
            let v = state.secondMoment * b2 + (1 - b2) * g * g
            state.firstMoment = m
            state.secondMoment = v
            let biasCorrection1 = 1 - pow(b1, Double(t))
            let biasCorrection2Sqrt = (1 - pow(b2, Double(t))).squareRoot()
            let stepSize = lr / biasCorrection1
            let denominator = v.squareRoot() / biasCorrection2Sqrt + h.epsilon(for: kind)
            return theta - stepSize * m / denominator
        }
    }
}

/// a·b + c per component, fused (one rounding), as PyTorch's CPU `add_(…, alpha=)` kernel.
@inline(__always) func fma(_ a: Vector2, _ b: Double, _ c: Vector2) -> Vector2 {
    Vector2(c.x.addingProduct(a.x, b), c.y.addingProduct(a.y, b))
}

/// a·b + c per component, fused.
@inline(__always) func fma(_ a: Vector2, _ b: Vector2, _ c: Vector2) -> Vector2 {
    Vector2(c.x.addingProduct(a.x, b.x), c.y.addingProduct(a.y, b.y))
}
