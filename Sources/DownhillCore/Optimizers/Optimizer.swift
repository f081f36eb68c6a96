/// An update rule with its state, stepping at a learning rate that a schedule may change
/// after every update: what a ``Descent`` holds.
///
/// The rule's hyperparameters and the learning rate may change between steps (torch reads
/// them at every step) without touching the state; switching to another rule starts its
/// state fresh (SPEC §4).
public struct Optimizer: Sendable {
    /// η as set (`--lr`, `+`/`-`): the schedule's base, > 0.
    public private(set) var baseLearningRate: Double
    /// ηₜ, the learning rate of the next step: the base η, or where the schedule has it now.
    public private(set) var learningRate: Double
    /// The learning-rate schedule, stepped after every update (nil: constant η).
    public private(set) var schedule: (any LearningRateSchedule)? {
        didSet { isScheduled = schedule != nil }
    }
    /// `schedule != nil`, kept apart so that a step without a schedule does not open the
    /// optional existential (measured: about a third of a gd step).
    private var isScheduled: Bool
    private var stepper: any Stepping

    public init(rule: any UpdateRule, learningRate: Double, schedule: (any LearningRateSchedule)? = nil) {
        baseLearningRate = learningRate
        self.learningRate = schedule?.initial(base: learningRate) ?? learningRate
        self.schedule = schedule
        isScheduled = schedule != nil
        stepper = rule.makeStepper()
    }

    /// Sets the base η for the next steps; a running schedule's ηₜ is scaled alike.
    public mutating func setLearningRate(_ base: Double) {
        learningRate = schedule == nil ? base : learningRate * (base / baseLearningRate)
        baseLearningRate = base
    }

    /// Takes another schedule (nil: constant η) from where the run is: ηₜ restarts from the
    /// base as the new schedule would have it at the start.
    public mutating func setSchedule(_ schedule: (any LearningRateSchedule)?) {
        self.schedule = schedule
        learningRate = schedule?.initial(base: baseLearningRate) ?? baseLearningRate
    }

    /// The update rule and its hyperparameters.
    public var rule: any UpdateRule { stepper.anyRule }
    /// The rule's name (`adam`).
    public var name: String { stepper.anyRule.name }
    /// t, the number of updates taken since the state was fresh (1 after the first step).
    public var t: Int { stepper.t }

    /// One update on `surface`: θ after the step from θ with gradient g (computed by the
    /// caller, from any gradient source); advances the state. The rule may ask for the
    /// surface's exact Hessian (Newton's method).
    /// - Throws: ``StepFailure`` from the rule.
    public mutating func step(_ theta: Vector2, gradient g: Vector2, on surface: any LossSurface) throws(StepFailure) -> Vector2 {
        let next = try stepper.step(theta, gradient: g, learningRate: learningRate, surface: surface)
        if isScheduled { stepSchedule() }
        return next
    }

    /// ηₜ₊₁ from the schedule, after update t.
    @inline(never)
    private mutating func stepSchedule() {
        if let schedule { learningRate = schedule.next(after: stepper.t, current: learningRate, base: baseLearningRate) }
    }

    /// Forgets the state and the schedule's progress (a restart).
    public mutating func reset() {
        stepper.reset()
        learningRate = schedule?.initial(base: baseLearningRate) ?? baseLearningRate
    }

    /// Takes `rule` as the update rule: the same kind of rule with other hyperparameters
    /// keeps its state (a live change, read at the next step); another kind starts fresh.
    public mutating func replaceRule(with rule: any UpdateRule) {
        if !stepper.adopt(rule) { stepper = rule.makeStepper() }
    }

    /// The state's rows for the maths panel (see ``UpdateRule/mathsRows(_:t:)``).
    public var mathsRows: [MathsRow] { stepper.mathsRows }
    /// The effective per-axis step size of an adaptive rule; nil before the first step and
    /// for rules without one.
    public var effectiveStepSizes: Vector2? { stepper.t > 0 ? stepper.effectiveStepSizes(learningRate: learningRate) : nil }
}

/// A rule and its typed state behind one existential (see ``Optimizer``).
protocol Stepping: Sendable {
    var anyRule: any UpdateRule { get }
    var t: Int { get }
    var mathsRows: [MathsRow] { get }
    mutating func step(_ theta: Vector2, gradient: Vector2, learningRate: Double,
                       surface: any LossSurface) throws(StepFailure) -> Vector2
    mutating func reset()
    /// Takes `rule` keeping the state when it is the same kind of rule; false otherwise.
    mutating func adopt(_ rule: any UpdateRule) -> Bool
    func effectiveStepSizes(learningRate: Double) -> Vector2?
}

struct Stepper<Rule: UpdateRule>: Stepping {
    var rule: Rule
    var state: Rule.State
    var t = 0

    init(rule: Rule, state: Rule.State) {
        self.rule = rule
        self.state = state
    }

    var anyRule: any UpdateRule { rule }
    var mathsRows: [MathsRow] { rule.mathsRows(state, t: t) }

    mutating func step(_ theta: Vector2, gradient: Vector2, learningRate: Double,
                       surface: any LossSurface) throws(StepFailure) -> Vector2 {
        t += 1
        return try rule.step(theta, gradient: gradient, learningRate: learningRate, t: t, state: &state) { surface.hessian(at: $0) }
    }

    mutating func reset() {
        state = rule.initialState()
        t = 0
    }

    mutating func adopt(_ other: any UpdateRule) -> Bool {
        guard let same = other as? Rule, same.name == rule.name else { return false }
        rule = same
        return true
    }

    func effectiveStepSizes(learningRate: Double) -> Vector2? {
        rule.effectiveStepSizes(state, t: t, learningRate: learningRate)
    }
}

/// The registry of update rules: one prototype value per name, holding PyTorch's defaults,
/// in SPEC order (the order of `list`, `o`/`O` and the digit keys).
public enum UpdateRules {
    /// Every rule, one line each. Adding a rule is one file and one line here.
    public static let all: [any UpdateRule] = [
        GD(),
        Momentum(),
        Momentum(nesterov: true),
        AdaGrad(),
        RMSProp(),
        Adam(),
        Adam(decoupled: true),
        NAdam(),
        RAdam(),
        Adamax(),
        Adadelta(),
        Rprop(),
        Lion(),
        Newton(),
    ]

    /// The names, in order.
    public static var names: [String] { all.map(\.name) }

    /// The prototype (defaults) of the rule called `name`, or nil.
    public static func named(_ name: String) -> (any UpdateRule)? { all.first { $0.name == name } }

    /// The prototype called `name`.
    /// - Throws: ``SettingsError/unknownName(kind:value:suggestion:)`` with the closest name.
    public static func lookup(_ name: String) throws(SettingsError) -> any UpdateRule {
        guard let rule = named(name) else {
            throw .unknownName(kind: "optimizer", value: name, suggestion: closestName(to: name, in: names))
        }
        return rule
    }

    /// Every option name any rule accepts, in first-declared order.
    public static var optionNames: [String] {
        var names: [String] = []
        for rule in all { for o in rule.options where !names.contains(o.name) { names.append(o.name) } }
        return names
    }

    /// The rules that accept option `name`.
    public static func rules(accepting name: String) -> [String] { all.filter { $0.accepts(name) }.map(\.name) }
}
