/// A token of a formula, with the 1-based column (in characters) where it starts.
struct FormulaToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case name(String)
        case symbol(Character)  // + - * / ^ ( )
        case end
    }
    var kind: Kind
    /// The text of the token as written (`1e-3`, `sin`, `**`).
    var text: String
    var column: Int
}

/// Splits a formula into tokens: numbers (`2`, `0.5`, `.5`, `1e-3`), names, the operators
/// `+ - * / ^` (`**` is read as `^`), parentheses; spaces and tabs separate.
struct FormulaLexer {
    let source: String

    func tokens() throws(FormulaError) -> [FormulaToken] {
        let chars = Array(source)
        var out: [FormulaToken] = []
        var i = 0
        func fail(_ message: String, _ column: Int) -> FormulaError {
            FormulaError(formula: source, message: message, column: column)
        }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" {
                i += 1
            } else if !Self.hint(for: c).isEmpty {
                throw fail("unexpected '\(c)' at column \(column)" + Self.hint(for: c), column)
            } else if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j < chars.count, chars[j] == "." {
                    j += 1
                    while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                }
                // An exponent only when digits follow (2e3, 1e-3); `2e` alone is 2 then e.
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                let text = String(chars[i..<j])
                guard let v = Double(text), v.isFinite else { throw fail("the number '\(text)' at column \(column) is too large", column) }
                out.append(FormulaToken(kind: .number(v), text: text, column: column))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j] == "_" || (chars[j].isASCII && chars[j].isNumber) { j += 1 }
                let text = String(chars[i..<j])
                out.append(FormulaToken(kind: .name(text), text: text, column: column))
                i = j
            } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                out.append(FormulaToken(kind: .symbol("^"), text: "**", column: column))
                i += 2
            } else if "+-*/^()".contains(c) {
                out.append(FormulaToken(kind: .symbol(c), text: String(c), column: column))
                i += 1
            } else {
                throw fail("unexpected '\(c)' at column \(column)" + Self.hint(for: c), column)
            }
        }
        out.append(FormulaToken(kind: .end, text: "", column: chars.count + 1))
        return out
    }

    /// What to write instead of a character that looks like maths but is not in the grammar.
    static func hint(for c: Character) -> String {
        switch c {
        case "²": " (write x^2)"
        case "³": " (write x^3)"
        case "−", "–": " (write - for minus)"
        case "×", "·": " (write * for a product)"
        case "π": " (write pi)"
        case ",": " (functions take one argument)"
        case "[", "{": " (use parentheses)"
        default: ""
        }
    }
}

/// A recursive-descent parser of the formula grammar (SPEC §8):
///
/// ```
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := ('-' | '+') unary | power
/// power   := atom ('^' unary)?                  right-associative: 2^3^2 = 2^9
/// atom    := number | x | y | pi | e | function '(' sum ')' | '(' sum ')'
/// ```
///
/// So unary minus binds looser than `^` (`-x^2` is −(x²)) and tighter than `*`
/// (`-x*y` is (−x)·y, the same number), and an exponent may carry its own sign (`2^-x`).
public struct FormulaParser {
    let source: String
    private var tokens: [FormulaToken] = []
    private var index = 0

    /// The tree of `source`.
    /// - Throws: ``FormulaError`` with the column of the first problem.
    public static func parse(_ source: String) throws(FormulaError) -> FormulaExpression {
        var parser = FormulaParser(source: source)
        parser.tokens = try FormulaLexer(source: source).tokens()
        guard parser.tokens.count > 1 else {
            throw FormulaError(formula: source, message: "empty: give a function of x and y such as x^2 + 10*y^2", column: nil)
        }
        let tree = try parser.sum()
        let next = parser.peek
        if next.kind != .end {
            throw parser.unexpected(next, after: parser.tokens[parser.index - 1])
        }
        return tree
    }

    private init(source: String) { self.source = source }

    private var peek: FormulaToken { tokens[index] }

    private mutating func take() -> FormulaToken {
        defer { index += 1 }
        return tokens[index]
    }

    private func fail(_ message: String, _ column: Int?) -> FormulaError {
        FormulaError(formula: source, message: message, column: column)
    }

    private mutating func sum() throws(FormulaError) -> FormulaExpression {
        var tree = try product()
        while case .symbol(let c) = peek.kind, c == "+" || c == "-" {
            _ = take()
            tree = .binary(c == "+" ? .add : .subtract, tree, try product())
        }
        return tree
    }

    private mutating func product() throws(FormulaError) -> FormulaExpression {
        var tree = try unary()
        while case .symbol(let c) = peek.kind, c == "*" || c == "/" {
            _ = take()
            tree = .binary(c == "*" ? .multiply : .divide, tree, try unary())
        }
        return tree
    }

    private mutating func unary() throws(FormulaError) -> FormulaExpression {
        if case .symbol(let c) = peek.kind, c == "-" || c == "+" {
            _ = take()
            let operand = try unary()
            return c == "-" ? .negate(operand) : operand
        }
        return try power()
    }

    private mutating func power() throws(FormulaError) -> FormulaExpression {
        let base = try atom()
        if case .symbol("^") = peek.kind {
            _ = take()
            return .binary(.power, base, try unary())
        }
        return base
    }

    private mutating func atom() throws(FormulaError) -> FormulaExpression {
        let token = take()
        switch token.kind {
        case .number(let v):
            return .number(v)
        case .name(let name):
            if let v = FormulaExpression.Variable(rawValue: name) { return .variable(v) }
            if let c = FormulaExpression.NamedConstant(rawValue: name) { return .constant(c) }
            if let f = FormulaExpression.Function(rawValue: name) {
                guard case .symbol("(") = peek.kind else {
                    throw fail("'\(name)' at column \(token.column) needs parentheses: \(name)(…)", token.column)
                }
                return .call(f, try parenthesized(open: take()))
            }
            throw unknownName(token)
        case .symbol("("):
            return try parenthesized(open: token)
        case .end:
            let before = index >= 2 ? tokens[index - 2] : nil
            if let before, case .symbol(let c) = before.kind, c != "(" {
                throw fail("'\(before.text)' at column \(before.column) has nothing after it", before.column)
            }
            throw fail("unexpected end at column \(token.column): expected a number, x, y, a function or '('", token.column)
        case .symbol(let c):
            if c == ")" { throw fail("unexpected ')' at column \(token.column): expected a number, x, y, a function or '('", token.column) }
            throw fail("unexpected '\(token.text)' at column \(token.column)", token.column)
        }
    }

    /// The inside of parentheses opened by `open`, and the closing one.
    private mutating func parenthesized(open: FormulaToken) throws(FormulaError) -> FormulaExpression {
        if case .symbol(")") = peek.kind {
            throw fail("empty parentheses at column \(open.column)", open.column)
        }
        let inside = try sum()
        let close = peek
        guard case .symbol(")") = close.kind else {
            if close.kind == .end {
                throw fail("'(' at column \(open.column) is not closed", open.column)
            }
            throw unexpected(close, after: tokens[index - 1])
        }
        _ = take()
        return inside
    }

    /// A token where an operator or the end was expected: `)` without its `(`, or two
    /// operands side by side (`2x`: a product needs `*`).
    private func unexpected(_ token: FormulaToken, after previous: FormulaToken) -> FormulaError {
        switch token.kind {
        case .symbol(")"):
            return fail("unexpected ')' at column \(token.column) (no '(' to close)", token.column)
        case .number, .name, .symbol("("):
            return fail("missing operator before '\(token.text)' at column \(token.column)"
                        + " (write \(previous.text)*\(token.text) for a product)", token.column)
        default:
            return fail("unexpected '\(token.text)' at column \(token.column)", token.column)
        }
    }

    /// A name that is no variable, constant or function: the closest function when it is
    /// called, else the closest of x, y, pi, e (or of the functions, for a function written
    /// without its parentheses, `sinx`).
    private func unknownName(_ token: FormulaToken) -> FormulaError {
        let name = token.text
        let functions = FormulaExpression.Function.allCases.map(\.rawValue)
        if case .symbol("(") = peek.kind {
            let suggestion = closestName(to: name, in: functions).map { ", did you mean '\($0)'?" } ?? ""
            return fail("unknown function '\(name)' at column \(token.column)\(suggestion)", token.column)
        }
        if let f = functions.first(where: { name.hasPrefix($0) && FormulaExpression.Variable(rawValue: String(name.dropFirst($0.count))) != nil }) {
            return fail("unknown name '\(name)' at column \(token.column), did you mean '\(f)(\(name.dropFirst(f.count)))'?", token.column)
        }
        let names = FormulaExpression.Variable.allCases.map(\.rawValue) + FormulaExpression.NamedConstant.allCases.map(\.rawValue)
        if let near = closestName(to: name, in: names), editDistance(name.lowercased(), near) <= name.count / 2 {
            return fail("unknown name '\(name)' at column \(token.column), did you mean '\(near)'?", token.column)
        }
        return fail("unknown name '\(name)' at column \(token.column) (the variables are x and y; constants pi and e)", token.column)
    }
}
