import Foundation

/// A learning-rate schedule: how η changes after every update, as torch's
/// `torch.optim.lr_scheduler` in its chainable (recursive) form, stepped after every
/// `optimizer.step()` — so trajectories match torch's step for step.
///
/// ηₜ is the learning rate of update t + 1; η₀ is ``initial(base:)``. A live change of η
/// (`+`/`-`, `:lr`) scales the base and the current ηₜ alike.
///
/// To add a kind: one type conforming to this protocol, one line in ``Schedules/all``.
public protocol LearningRateSchedule: Sendable, Equatable {
    /// The kind's name on the command line (`cosine`).
    static var name: String { get }
    /// How the kind is written, for help and errors (`cosine:T_MAX[:ETA_MIN]`).
    static var usage: String { get }
    /// The torch class and what it does, one line.
    static var summary: String { get }
    /// A schedule from its arguments as written after the name (`cosine:80` → [80]).
    /// - Throws: ``SettingsError`` naming the schedule when an argument is missing, extra or
    ///   out of range.
    init(arguments: [Double]) throws(SettingsError)
    /// The arguments that print it back (trailing defaults left out).
    var arguments: [Double] { get }
    /// η₀, before the first update, from the base η (torch's initial step).
    func initial(base: Double) -> Double
    /// η after update `t` (t = 1, 2, …: torch's `last_epoch`), from the η that update used.
    func next(after t: Int, current: Double, base: Double) -> Double
}

extension LearningRateSchedule {
    /// True when `other` is the same kind with the same arguments.
    public func isEqual(to other: any LearningRateSchedule) -> Bool { (other as? Self) == self }
    /// The kind's name.
    public var name: String { Self.name }
}

/// The schedule kinds, one line each, in SPEC order.
public enum Schedules {
    public static let all: [any LearningRateSchedule.Type] = [StepSchedule.self, ExponentialSchedule.self,
                                                             CosineSchedule.self, LinearSchedule.self]

    /// The kind called `name`.
    /// - Throws: ``SettingsError/unknownName(kind:value:suggestion:)`` with the closest kind.
    public static func kind(_ name: String) throws(SettingsError) -> any LearningRateSchedule.Type {
        for kind in all where kind.name == name { return kind }
        throw .unknownName(kind: "schedule", value: name, suggestion: closestName(to: name, in: names))
    }

    /// How each kind is written and what it does, in order: (`cosine:T_MAX[:ETA_MIN]`, summary).
    public static var usages: [(usage: String, summary: String)] {
        var out: [(String, String)] = []
        for kind in all { out.append((kind.usage, kind.summary)) }
        return out
    }

    /// The kinds' names, in order.
    public static var names: [String] {
        var out: [String] = []
        for kind in all { out.append(kind.name) }
        return out
    }

    /// η₀, η₁, … ηₙ₋₁ of `schedule` from `base` (the rates of the first `count` updates).
    public static func rates(_ schedule: any LearningRateSchedule, base: Double, count: Int) -> [Double] {
        var out: [Double] = []
        var lr = schedule.initial(base: base)
        for t in 0..<count {
            out.append(lr)
            lr = schedule.next(after: t + 1, current: lr, base: base)
        }
        return out
    }

    /// Checks an argument list's length: `required` arguments, then up to `optional` more.
    static func check(_ arguments: [Double], name: String, usage: String, required: Int, optional: Int) throws(SettingsError) {
        guard (required...(required + optional)).contains(arguments.count), arguments.allSatisfy(\.isFinite) else {
            throw .invalid(option: "--schedule", value: ([name] + arguments.map(SettingsError.text)).joined(separator: ":"), expected: usage)
        }
    }

    /// A whole number ≥ 1 given as a double (a number of updates).
    static func count(_ v: Double, _ name: String, _ usage: String) throws(SettingsError) -> Int {
        guard v >= 1, v == v.rounded(), v < 1e15 else {
            throw .invalid(option: "--schedule", value: "\(name):\(SettingsError.text(v))", expected: usage + " with a whole number of updates ≥ 1")
        }
        return Int(v)
    }
}

/// torch's `StepLR(step_size=N, gamma=γ)`: η × γ after every N updates (γ default 0.1).
public struct StepSchedule: LearningRateSchedule {
    public static let name = "step", usage = "step:N[:GAMMA]", summary = "StepLR: η × γ every N updates (γ 0.1)"
    public var every: Int
    public var gamma: Double

    public init(arguments: [Double]) throws(SettingsError) {
        try Schedules.check(arguments, name: Self.name, usage: Self.usage, required: 1, optional: 1)
        every = try Schedules.count(arguments[0], Self.name, Self.usage)
        gamma = arguments.count > 1 ? arguments[1] : 0.1
        guard gamma > 0 else { throw .invalid(option: "--schedule", value: "step:\(every):\(SettingsError.text(gamma))", expected: "γ > 0") }
    }
    public var arguments: [Double] { gamma == 0.1 ? [Double(every)] : [Double(every), gamma] }
    public func initial(base: Double) -> Double { base }
    public func next(after t: Int, current: Double, base: Double) -> Double { t % every == 0 ? current * gamma : current }
}

/// torch's `ExponentialLR(gamma=γ)`: η × γ after every update.
public struct ExponentialSchedule: LearningRateSchedule {
    public static let name = "exponential", usage = "exponential:GAMMA", summary = "ExponentialLR: η × γ every update"
    public var gamma: Double

    public init(arguments: [Double]) throws(SettingsError) {
        try Schedules.check(arguments, name: Self.name, usage: Self.usage, required: 1, optional: 0)
        gamma = arguments[0]
        guard gamma > 0 else { throw .invalid(option: "--schedule", value: "exponential:\(SettingsError.text(gamma))", expected: "γ > 0") }
    }
    public var arguments: [Double] { [gamma] }
    public func initial(base: Double) -> Double { base }
    public func next(after t: Int, current: Double, base: Double) -> Double { current * gamma }
}

/// torch's `CosineAnnealingLR(T_max=T, eta_min=η_min)` in torch's own recursive form
/// (Loshchilov & Hutter 2017, SGDR, without restarts):
///
///     ηₜ = η_min + (ηₜ₋₁ − η_min)·(1 + cos(πt/T)) / (1 + cos(π(t−1)/T))
///
/// and, where (t − 1 − T) mod 2T = 0, ηₜ = ηₜ₋₁ + (η − η_min)(1 − cos(π/T))/2 (past T it
/// climbs back, as torch's does).
public struct CosineSchedule: LearningRateSchedule {
    public static let name = "cosine", usage = "cosine:T_MAX[:ETA_MIN]", summary = "CosineAnnealingLR: η down to η_min over T updates"
    public var period: Int
    public var minimum: Double

    public init(arguments: [Double]) throws(SettingsError) {
        try Schedules.check(arguments, name: Self.name, usage: Self.usage, required: 1, optional: 1)
        period = try Schedules.count(arguments[0], Self.name, Self.usage)
        minimum = arguments.count > 1 ? arguments[1] : 0
        guard minimum >= 0 else {
            throw .invalid(option: "--schedule", value: "cosine:\(period):\(SettingsError.text(minimum))", expected: "η_min ≥ 0")
        }
    }
    public var arguments: [Double] { minimum == 0 ? [Double(period)] : [Double(period), minimum] }
    public func initial(base: Double) -> Double { base }
    public func next(after t: Int, current: Double, base: Double) -> Double {
        let T = Double(period)
        let r = ((t - 1 - period) % (2 * period) + 2 * period) % (2 * period)  // Python's %
        if r == 0 { return current + (base - minimum) * (1 - cos(Double.pi / T)) / 2 }
        return (1 + cos(Double.pi * Double(t) / T)) / (1 + cos(Double.pi * Double(t - 1) / T)) * (current - minimum) + minimum
    }
}

/// torch's `LinearLR(start_factor=s, end_factor=e, total_iters=N)`: η × s at first, then
/// linearly to η × e over N updates (warm-up when s < e; defaults 1/3 and 1).
public struct LinearSchedule: LearningRateSchedule {
    public static let name = "linear", usage = "linear:N[:START[:END]]", summary = "LinearLR: η × START to η × END over N updates (1/3, 1)"
    public var updates: Int
    public var start: Double
    public var end: Double

    public init(arguments: [Double]) throws(SettingsError) {
        try Schedules.check(arguments, name: Self.name, usage: Self.usage, required: 1, optional: 2)
        updates = try Schedules.count(arguments[0], Self.name, Self.usage)
        start = arguments.count > 1 ? arguments[1] : 1.0 / 3
        end = arguments.count > 2 ? arguments[2] : 1
        // torch: 0 < start_factor ≤ 1 and 0 ≤ end_factor ≤ 1.
        guard start > 0 && start <= 1 && end >= 0 && end <= 1 else {
            throw .invalid(option: "--schedule", value: ([Self.name] + arguments.map(SettingsError.text)).joined(separator: ":"),
                           expected: "0 < START ≤ 1 and 0 ≤ END ≤ 1")
        }
    }
    public var arguments: [Double] {
        end != 1 ? [Double(updates), start, end] : start != 1.0 / 3 ? [Double(updates), start] : [Double(updates)]
    }
    public func initial(base: Double) -> Double { base * start }
    public func next(after t: Int, current: Double, base: Double) -> Double {
        guard t <= updates else { return current }
        return current * (1 + (end - start) / (Double(updates) * start + Double(t - 1) * (end - start)))
    }
}
