import Foundation

/// An update rule of SPEC §4: everything about one optimizer in one value — its
/// hyperparameters (the options it accepts, with PyTorch's defaults), its typed state,
/// `step`, the formula text and rows of the maths panel, its stability limit where theory
/// gives one, and its default learning rate per surface.
///
/// A rule value holds hyperparameters only; the state it carries between steps is a
/// separate value of type ``State`` (optax's split of a transform and its state), kept by
/// ``Optimizer`` together with the step count t. The gradient is computed outside the
/// rule (see ``GradientSource``), and the learning rate is passed to every step, never
/// folded into the state, so a live change takes effect at the next step with the state
/// kept (SPEC §4).
///
/// To add a rule: write one file with a type conforming to this protocol, and add one
/// prototype value (its defaults) to ``UpdateRules/all``. Nothing else names rules.
public protocol UpdateRule: Sendable, Equatable {
    /// What the rule carries between steps (momentum buffers, moment estimates), per axis.
    associatedtype State: Sendable, Equatable

    /// The name on the command line and in the status (`gd`, `adamw`): one per registry entry.
    var name: String { get }
    /// One line for `list` and the help: what it is and its source (paper, torch class).
    var summary: String { get }
    /// The update as one line of text, parts separated by `;` (the maths panel wraps there).
    var formula: String { get }
    /// The options this rule accepts (SPEC §1), each bound to one of its properties.
    static var parameters: [Parameter<Self>] { get }

    /// The state before the first step.
    func initialState() -> State
    /// One update: θ after the step from `theta` with gradient `gradient` (world units),
    /// learning rate η and step number `t` (1 for the first step). Updates `state`.
    /// `hessian` gives the exact Hessian of the loss at a point, computed only when called
    /// (Newton's method); most rules never call it.
    /// - Throws: ``StepFailure`` when the step cannot be taken (a singular Hessian), or to
    ///   say why it produced no number (0/0 with ε = 0); the run ends there like a divergence.
    func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
              hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2
    /// The state's quantities for the maths panel, in the order the update computes them
    /// (g and Δθ are added by the panel).
    func mathsRows(_ state: State, t: Int) -> [MathsRow]

    /// The learning rate used when none is given, from the surface's two per-family rates.
    func defaultLearningRate(on rates: LearningRates) -> Double
    /// The bound on η·λmax (or on η, ``StabilityLimit/isCurvatureFree``) for linear
    /// stability on a quadratic, where theory gives one.
    var stabilityLimit: StabilityLimit? { get }
    /// The effective per-axis step size η/(√v̂ + ε) (world units per unit of gradient) of an
    /// adaptive rule after `t ≥ 1` steps; nil for a rule without one.
    func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2?
    /// How ``effectiveStepSizes(_:t:learningRate:)`` is written (`η/(√s+ε)`), nil for none.
    var stepSizeFormula: String? { get }
    /// λ of the weight decay the rule adds to the gradient (g ← g + λθ, torch's coupled
    /// `weight_decay`), 0 for none or a decoupled one. The instruments read it: the step
    /// sees the curvature of L + λ‖θ‖²/2, and the maths panel's g includes λθ.
    var coupledDecay: Double { get }
    /// What a change of η does once the run has started, for a rule that does not read η
    /// at every step (Rprop reads it only to fill its step sizes at the first step, as
    /// torch's does); nil for a rule that does. Shown when `+`, `-` or `:lr` change η.
    var learningRateNote: String? { get }
    /// Checks combinations of options that torch refuses (each option's own range is
    /// checked by its ``Parameter``).
    /// - Throws: ``SettingsError`` naming the option.
    func validate() throws(SettingsError)
}

extension UpdateRule {
    public var stabilityLimit: StabilityLimit? { nil }
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? { nil }
    public var stepSizeFormula: String? { nil }
    public var coupledDecay: Double { 0 }
    public var learningRateNote: String? { nil }
    public func validate() throws(SettingsError) {}

    /// True when `other` is the same rule with the same hyperparameters.
    public func isEqual(to other: any UpdateRule) -> Bool { (other as? Self) == self }

    /// The rule with its state, ready to step (see ``Optimizer``).
    func makeStepper() -> any Stepping { Stepper(rule: self, state: initialState()) }
}

/// Why a step could not be taken: the run ends there like a divergence, and says so.
public struct StepFailure: Error, Equatable, Sendable {
    /// What happened, as the run's message starts: `singular Hessian`, `diverged`.
    public var what: String
    /// Why, in a few words, with what to change; nil when `what` says it all.
    public var why: String?
    public init(_ what: String, why: String? = nil) {
        self.what = what
        self.why = why
    }
    /// The message for a failure at step `step`: `singular Hessian at step 3`.
    public func message(step: Int) -> String { what + " at step \(step)" + (why.map { ": " + $0 } ?? "") }

    /// 0/0 in an adaptive step: ε = 0 and a gradient component that is zero, as torch
    /// computes it (NaN); `denominator` names the quotient, e.g. `g/(√s + ε)`.
    public static func zeroOverZero(_ denominator: String) -> StepFailure {
        StepFailure("diverged", why: "0/0 in \(denominator): ε = 0 and a zero gradient component (give --eps > 0)")
    }
}

/// The per-surface default learning rates of the gradient-descent family and of the
/// adaptive rules; each rule picks its own from them (``UpdateRule/defaultLearningRate(on:)``).
public struct LearningRates: Equatable, Sendable {
    public var gradient: Double, adaptive: Double
    public init(gradient: Double, adaptive: Double) { (self.gradient, self.adaptive) = (gradient, adaptive) }
}

/// A bound on η·λmax below which an update rule is stable on a quadratic with largest
/// curvature λmax, and how it is written (`2+2μ`); or, for a rule whose stability does not
/// depend on the curvature (Newton's method), a bound on η itself.
public struct StabilityLimit: Equatable, Sendable {
    public var value: Double
    /// The formula of the bound when it is not a plain number, e.g. `2+2μ`.
    public var formula: String?
    /// True when the bound is on η itself, whatever λ (Newton: θ ← (1 − η)θ on any
    /// nonsingular quadratic, stable iff η < 2).
    public var isCurvatureFree: Bool
    public init(_ value: Double, formula: String? = nil, isCurvatureFree: Bool = false) {
        self.value = value
        self.formula = formula
        self.isCurvatureFree = isCurvatureFree
    }
}

/// One row of the maths panel: a quantity's label and its value per axis (nil: not known).
public struct MathsRow: Equatable, Sendable {
    public var label: String
    public var value: Vector2?
    public init(_ label: String, _ value: Vector2?) {
        self.label = label
        self.value = value
    }
}

/// g + λθ: coupled L2 weight decay added to the gradient, as torch's
/// `grad = grad.add(param, alpha=weight_decay)` in every optimizer but AdamW's decoupled form.
@inline(__always) func coupledWeightDecay(_ g: Vector2, _ theta: Vector2, _ weightDecay: Double) -> Vector2 {
    weightDecay == 0 ? g : g + weightDecay * theta
}

/// a·b + c per component, fused (one rounding), as PyTorch's CPU `add_(…, alpha=)` kernel.
@inline(__always) func fma(_ a: Vector2, _ b: Double, _ c: Vector2) -> Vector2 {
    Vector2(c.x.addingProduct(a.x, b), c.y.addingProduct(a.y, b))
}

/// a·b + c per component, fused.
@inline(__always) func fma(_ a: Vector2, _ b: Vector2, _ c: Vector2) -> Vector2 {
    Vector2(c.x.addingProduct(a.x, b.x), c.y.addingProduct(a.y, b.y))
}
