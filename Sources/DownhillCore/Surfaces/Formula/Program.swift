/// A formula compiled once into a flat stack program, evaluated over any ``SurfaceScalar``:
/// `Double` for the value, ``Dual`` for the exact gradient, ``Jet`` for the exact Hessian
/// (the same forward-mode AD as the built-in surfaces).
///
/// Compiling does three things the tree walk would redo at every step: constant subtrees
/// are folded to one number (`2*pi`, `2^3^2`), a whole-number exponent becomes repeated
/// multiplication (`x^2` is `x*x`, exactly as the built-in surfaces are written, and its
/// derivative `2x` is exact), and the tree's boxes are replaced by one array read in order.
public struct FormulaProgram: Sendable {
    enum Instruction: Sendable {
        case x, y
        case constant(Double)
        case add, subtract, multiply, divide, negate
        /// top ← top·top
        case square
        /// pushes a copy of the top
        case duplicate
        /// top ← 1/top
        case reciprocal
        /// top ← topᶜ for a constant c (``SurfaceScalar/power(_:)``)
        case power(Double)
        /// a, b → aᵇ (``SurfaceScalar/pow(_:)``)
        case powerVarying
        case function(FormulaExpression.Function)
    }

    /// Whole-number exponents up to this size are multiplied out; larger ones use `pow`.
    static let largestMultipliedExponent = 64

    let instructions: [Instruction]
    /// The deepest the stack gets.
    let depth: Int

    public init(_ expression: FormulaExpression) {
        var builder = Builder()
        builder.emit(expression)
        instructions = builder.code
        depth = max(1, builder.maxDepth)
    }

    private struct Builder {
        var code: [Instruction] = []
        var current = 0
        var maxDepth = 0

        mutating func put(_ i: Instruction, _ change: Int) {
            code.append(i)
            current += change
            maxDepth = max(maxDepth, current)
        }

        mutating func emit(_ e: FormulaExpression) {
            guard e.isVarying else {
                put(.constant(e.evaluate(0.0, 0.0)), 1)
                return
            }
            switch e {
            case .variable(let v): put(v == .x ? .x : .y, 1)
            case .negate(let a):
                emit(a)
                put(.negate, 0)
            case .call(let f, let a):
                emit(a)
                put(.function(f), 0)
            case .binary(.power, let a, let b) where !b.isVarying:
                emit(a)
                power(b.evaluate(0.0, 0.0))
            case .binary(let op, let a, let b):
                emit(a)
                emit(b)
                switch op {
                case .add: put(.add, -1)
                case .subtract: put(.subtract, -1)
                case .multiply: put(.multiply, -1)
                case .divide: put(.divide, -1)
                case .power: put(.powerVarying, -1)
                }
            case .number, .constant: break  // not varying: folded above
            }
        }

        /// The top raised to a constant: whole numbers by squaring and multiplying.
        mutating func power(_ c: Double) {
            guard c == c.rounded(), abs(c) <= Double(largestMultipliedExponent), c != 0 else {
                put(.power(c), 0)
                return
            }
            multiplied(Int(abs(c)))
            if c < 0 { put(.reciprocal, 0) }
        }

        /// The top raised to n ≥ 1 by binary powering.
        mutating func multiplied(_ n: Int) {
            if n == 1 { return }
            if n % 2 == 0 {
                multiplied(n / 2)
                put(.square, 0)
            } else {
                put(.duplicate, 1)
                multiplied(n - 1)
                put(.multiply, -1)
            }
        }
    }

    /// The formula at (x, y).
    func evaluate<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
        instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: T.self, capacity: depth) { buffer in
                let s = buffer.baseAddress!
                var top = -1
                for instruction in code {
                    switch instruction {
                    case .x:
                        top += 1
                        (s + top).initialize(to: x)
                    case .y:
                        top += 1
                        (s + top).initialize(to: y)
                    case .constant(let c):
                        top += 1
                        (s + top).initialize(to: T(constant: c))
                    case .duplicate:
                        (s + top + 1).initialize(to: s[top])
                        top += 1
                    case .add:
                        s[top - 1] = s[top - 1] + s[top]
                        top -= 1
                    case .subtract:
                        s[top - 1] = s[top - 1] - s[top]
                        top -= 1
                    case .multiply:
                        s[top - 1] = s[top - 1] * s[top]
                        top -= 1
                    case .divide:
                        s[top - 1] = s[top - 1] / s[top]
                        top -= 1
                    case .powerVarying:
                        s[top - 1] = s[top - 1].pow(s[top])
                        top -= 1
                    case .negate: s[top] = -s[top]
                    case .square: s[top] = s[top] * s[top]
                    case .reciprocal: s[top] = T(constant: 1) / s[top]
                    case .power(let c): s[top] = s[top].power(c)
                    case .function(let f): s[top] = f.apply(s[top])
                    }
                }
                return s[0]
            }
        }
    }
}

/// A compiled formula as a ``ScalarField``, so a formula surface is evaluated exactly as a
/// built-in one: `value` with `Double`, `dual` with ``Dual``, `jet` with ``Jet``.
public struct FormulaField: ScalarField {
    let program: FormulaProgram
    public init(_ expression: FormulaExpression) { program = FormulaProgram(expression) }
    public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { program.evaluate(x, y) }
    public func value(_ x: Double, _ y: Double) -> Double { program.evaluate(x, y) }
    public func dual(_ x: Dual, _ y: Dual) -> Dual { program.evaluate(x, y) }
    public func jet(_ x: Jet, _ y: Jet) -> Jet { program.evaluate(x, y) }
}
