/// One option of an update rule (SPEC §1), bound to the rule's property: its command-line
/// name without dashes (`beta1`, `weight-decay`), its symbol (`β₁`), its range, and the
/// options of other rules that play its part (so `--momentum` with `adam` can say "it
/// uses --beta1"). The default is the property's value in the registry's prototype.
public struct Parameter<Rule>: @unchecked Sendable {
    /// How the option reads and writes the rule: a number with its range, or a switch.
    public enum Access {
        case real(WritableKeyPath<Rule, Double>, ParameterRange)
        case flag(WritableKeyPath<Rule, Bool>)
        /// Two numbers given together as `A,B` (Rprop's `--etas`, `--step-sizes`).
        case pair(WritableKeyPath<Rule, Double>, WritableKeyPath<Rule, Double>, ParameterRange)
    }

    public let name: String
    public let symbol: String
    public let help: String
    public let access: Access
    public let analogues: [String]

    public init(_ name: String, symbol: String, _ keyPath: WritableKeyPath<Rule, Double>, _ range: ParameterRange,
                help: String, analogues: [String] = []) {
        self.name = name
        self.symbol = symbol
        self.help = help
        access = .real(keyPath, range)
        self.analogues = analogues
    }

    public init(_ name: String, symbol: String, _ first: WritableKeyPath<Rule, Double>, _ second: WritableKeyPath<Rule, Double>,
                _ range: ParameterRange, help: String, analogues: [String] = []) {
        self.name = name
        self.symbol = symbol
        self.help = help
        access = .pair(first, second, range)
        self.analogues = analogues
    }

    public init(flag name: String, _ keyPath: WritableKeyPath<Rule, Bool>, help: String) {
        self.name = name
        symbol = name
        self.help = help
        access = .flag(keyPath)
        analogues = []
    }

    /// The option without its binding, for listing and checking.
    public var info: OptionInfo {
        switch access {
        case .real(_, let range), .pair(_, _, let range):
            OptionInfo(name: name, symbol: symbol, help: help, range: range, analogues: analogues)
        case .flag: OptionInfo(name: name, symbol: symbol, help: help, range: nil, analogues: analogues)
        }
    }
}

extension Parameter {
    /// λ of torch's coupled `weight_decay`, g ← g + λθ: the option most rules take.
    public static func coupledWeightDecay(_ keyPath: WritableKeyPath<Rule, Double>) -> Parameter {
        Parameter("weight-decay", symbol: "λ", keyPath, .nonNegative, help: "L2 weight decay λ (g ← g + λθ)")
    }

    /// β₁ of the Adam family: in [0, 1); momentum plays its part elsewhere.
    public static func beta1(_ keyPath: WritableKeyPath<Rule, Double>, help: String = "decay β₁ of the first moment") -> Parameter {
        Parameter("beta1", symbol: "β₁", keyPath, .unitInterval, help: help, analogues: ["momentum"])
    }

    /// β₂ of the Adam family: in [0, 1); RMSProp's α plays its part.
    public static func beta2(_ keyPath: WritableKeyPath<Rule, Double>, help: String = "decay β₂ of the second moment") -> Parameter {
        Parameter("beta2", symbol: "β₂", keyPath, .unitInterval, help: help, analogues: ["alpha"])
    }
}

/// The values a numeric option accepts.
public enum ParameterRange: Equatable, Sendable {
    /// [0, 1): decay rates such as μ, α, β₁, β₂.
    case unitInterval
    /// [0, 1]: Adadelta's ρ, SGD's dampening.
    case closedUnitInterval
    /// A finite number ≥ 0: ε, weight decay.
    case nonNegative
    /// Two factors 0 < a < 1 < b (Rprop's η−, η+).
    case shrinkAndGrow
    /// Two sizes 0 < min ≤ max, finite (Rprop's step sizes).
    case sizeBounds

    /// True when `v` is in the range (for a pair's ranges, false: see ``contains(_:_:)``).
    public func contains(_ v: Double) -> Bool {
        switch self {
        case .unitInterval: v >= 0 && v < 1
        case .closedUnitInterval: v >= 0 && v <= 1
        case .nonNegative: v >= 0 && v.isFinite
        case .shrinkAndGrow, .sizeBounds: false
        }
    }

    /// True when the pair (a, b) is in the range.
    public func contains(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .shrinkAndGrow: 0 < a && a < 1 && 1 < b && b.isFinite
        case .sizeBounds: 0 < a && a <= b && b.isFinite
        default: false
        }
    }

    /// True for the ranges of two numbers given as `A,B`.
    public var isPair: Bool { self == .shrinkAndGrow || self == .sizeBounds }

    /// The range as an error message says it.
    public var expected: String {
        switch self {
        case .unitInterval: "a number in [0, 1)"
        case .closedUnitInterval: "a number in [0, 1]"
        case .nonNegative: "a finite number ≥ 0"
        case .shrinkAndGrow: "two factors A,B with 0 < A < 1 < B, such as 0.5,1.2"
        case .sizeBounds: "two sizes MIN,MAX with 0 < MIN ≤ MAX, such as 1e-6,50"
        }
    }
}

/// An option of an update rule, without its binding: for `list`, help and checks.
public struct OptionInfo: Equatable, Sendable {
    public var name: String
    public var symbol: String
    public var help: String
    /// The accepted numbers; nil for a switch (`--amsgrad`).
    public var range: ParameterRange?
    public var analogues: [String]
    public var isFlag: Bool { range == nil }
    /// True for two numbers given as `A,B`.
    public var isPair: Bool { range?.isPair == true }
}

/// An option's value: a number, or a switch.
public enum OptionValue: Equatable, Sendable {
    case real(Double)
    case flag(Bool)
    case pair(Double, Double)
}

extension UpdateRule {
    /// The options this rule accepts, in declaration order.
    public var options: [OptionInfo] { Self.parameters.map(\.info) }

    /// True when the rule takes the option `name` (without dashes).
    public func accepts(_ name: String) -> Bool { Self.parameters.contains { $0.name == name } }

    /// The option's current value, or nil when the rule has no such option.
    public func value(of name: String) -> OptionValue? {
        guard let p = Self.parameters.first(where: { $0.name == name }) else { return nil }
        switch p.access {
        case .real(let kp, _): return .real(self[keyPath: kp])
        case .flag(let kp): return .flag(self[keyPath: kp])
        case .pair(let a, let b, _): return .pair(self[keyPath: a], self[keyPath: b])
        }
    }

    /// The rule with option `name` set to `value`.
    /// - Throws: ``SettingsError`` when the rule has no such option (naming the option it
    ///   uses instead, if any), the value is of the wrong kind, or out of range.
    public func setting(_ name: String, to value: OptionValue) throws(SettingsError) -> Self {
        guard let p = Self.parameters.first(where: { $0.name == name }) else {
            throw .notAnOption(option: name, optimizer: self.name,
                               instead: Self.parameters.first { $0.analogues.contains(name) }?.name,
                               options: Self.parameters.map(\.name))
        }
        var copy = self
        switch (p.access, value) {
        case (.real(let kp, let range), .real(let v)):
            guard range.contains(v) else {
                throw .invalid(option: "--" + name, value: SettingsError.text(v), expected: range.expected)
            }
            copy[keyPath: kp] = v
        case (.flag(let kp), .flag(let on)):
            copy[keyPath: kp] = on
        case (.pair(let ka, let kb, let range), .pair(let a, let b)):
            guard range.contains(a, b) else {
                throw .invalid(option: "--" + name, value: SettingsError.text(a) + "," + SettingsError.text(b), expected: range.expected)
            }
            copy[keyPath: ka] = a
            copy[keyPath: kb] = b
        case (.flag, _):
            throw .invalid(option: "--" + name, value: "", expected: "no value (it is a switch)")
        case (.real(_, let range), _), (.pair(_, _, let range), _):
            throw .invalid(option: "--" + name, value: "", expected: range.expected)
        }
        return copy
    }
}
