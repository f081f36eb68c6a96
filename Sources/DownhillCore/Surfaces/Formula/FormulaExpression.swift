import Foundation

/// A formula in x and y as a tree (SPEC §8): what the parser makes of `--surface 'EXPR'`.
///
/// The tree is printed back in one normal form (``text``): the same tree always prints the
/// same text, and that text parses back to the same tree, so it serves as the surface's
/// identity and as what the reproduce line quotes.
public indirect enum FormulaExpression: Equatable, Sendable {
    case number(Double)
    case variable(Variable)
    case constant(NamedConstant)
    case negate(FormulaExpression)
    case binary(BinaryOperator, FormulaExpression, FormulaExpression)
    case call(Function, FormulaExpression)

    public enum Variable: String, CaseIterable, Sendable { case x, y }

    /// The named constants of the grammar.
    public enum NamedConstant: String, CaseIterable, Sendable {
        case pi, e
        public var value: Double { self == .pi ? Double.pi : M_E }
    }

    public enum BinaryOperator: String, CaseIterable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// The functions of the grammar, each a method of ``SurfaceScalar`` (so the value, the
    /// gradient and the Hessian come from the same automatic differentiation as the
    /// built-in surfaces).
    public enum Function: String, CaseIterable, Sendable {
        case sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus

        @inlinable public func apply<T: SurfaceScalar>(_ u: T) -> T {
            switch self {
            case .sin: u.sin()
            case .cos: u.cos()
            case .tan: u.tan()
            case .exp: u.exp()
            case .log: u.log()
            case .sqrt: u.sqrt()
            case .abs: u.abs()
            case .tanh: u.tanh()
            case .sigmoid: u.sigmoid()
            case .softplus: u.softplus()
            }
        }
    }

    /// True when the tree reads x or y somewhere (false for a constant subtree).
    public var isVarying: Bool {
        switch self {
        case .number, .constant: false
        case .variable: true
        case .negate(let a), .call(_, let a): a.isVarying
        case .binary(_, let a, let b): a.isVarying || b.isVarying
        }
    }

    /// The value at (x, y), evaluated directly on the tree (the reference that the compiled
    /// ``FormulaProgram`` is tested against; surfaces use the program).
    public func evaluate<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
        switch self {
        case .number(let v): T(constant: v)
        case .variable(let v): v == .x ? x : y
        case .constant(let c): T(constant: c.value)
        case .negate(let a): -a.evaluate(x, y)
        case .call(let f, let a): f.apply(a.evaluate(x, y))
        case .binary(let op, let a, let b):
            switch op {
            case .add: a.evaluate(x, y) + b.evaluate(x, y)
            case .subtract: a.evaluate(x, y) - b.evaluate(x, y)
            case .multiply: a.evaluate(x, y) * b.evaluate(x, y)
            case .divide: a.evaluate(x, y) / b.evaluate(x, y)
            case .power:
                if !b.isVarying {
                    a.evaluate(x, y).power(b.evaluate(0.0, 0.0))
                } else {
                    a.evaluate(x, y).pow(b.evaluate(x, y))
                }
            }
        }
    }

    // MARK: Printing

    /// Binding strength: sums 1, products 2, negation 3, powers 4, atoms 5.
    var precedence: Int {
        switch self {
        case .binary(.add, _, _), .binary(.subtract, _, _): 1
        case .binary(.multiply, _, _), .binary(.divide, _, _): 2
        case .negate: 3
        case .binary(.power, _, _): 4
        case .number, .variable, .constant, .call: 5
        }
    }

    /// The normal form: `+` and `-` between spaces, `*`, `/` and `^` without, numbers in
    /// their shortest round-trip form, and only the parentheses the grammar needs to read
    /// back the same tree (`(x - 1)^2 + 3*(y + 2)^2`, `-x^2`, `2^3^2`, `(-x)^2`).
    public var text: String {
        switch self {
        case .number(let v): return SettingsError.text(v)
        case .variable(let v): return v.rawValue
        case .constant(let c): return c.rawValue
        case .call(let f, let a): return f.rawValue + "(" + a.text + ")"
        case .negate(let a):
            // -(-x) rather than --x; a sum or product under the minus keeps its parentheses.
            return "-" + (a.precedence <= 3 ? "(" + a.text + ")" : a.text)
        case .binary(let op, let a, let b):
            let p = precedence
            if op == .power {
                // Right-associative: the base is an atom; the exponent may be a power or a
                // negation (2^-x).
                let base = a.precedence <= 4 ? "(" + a.text + ")" : a.text
                let exponent = b.precedence < 3 ? "(" + b.text + ")" : b.text
                return base + "^" + exponent
            }
            // Left-associative: a right operand of the same strength keeps its parentheses
            // (x - (y - 1), and x + (y + 1) too: floating-point sums are not associative).
            let left = a.precedence < p ? "(" + a.text + ")" : a.text
            let right = b.precedence <= p ? "(" + b.text + ")" : b.text
            return p == 1 ? left + " " + op.rawValue + " " + right : left + op.rawValue + right
        }
    }
}

/// A formula that does not parse: what is wrong and where (1-based column, in characters
/// of the text as given; nil when it is the whole text, as for an empty one).
public struct FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula as given.
    public var formula: String
    public var message: String
    public var column: Int?

    public init(formula: String, message: String, column: Int?) {
        self.formula = formula
        self.message = message
        self.column = column
    }

    /// One line: `invalid formula 'x +* y': unexpected '*' at column 4`.
    public var description: String { "invalid formula '\(formula)': \(message)" }
}
