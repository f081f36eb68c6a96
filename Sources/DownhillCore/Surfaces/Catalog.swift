/// The built-in surfaces (SPEC §2), as values: the one table that `list`, the command
/// line, the help and the `s` key read. Adding a surface is one value here and its line
/// in ``all``.
///
/// Sources: Rosenbrock (1960); Beale, Himmelblau, Booth, Matyas, Rastrigin, six-hump camel
/// and Goldstein–Price as tabulated by Surjanovic & Bingham, "Virtual Library of
/// Simulation Experiments".
public enum Surfaces {
    /// Every built-in surface in the order `s` cycles through them: analytic first, then
    /// data-backed (on their built-in data sets).
    public static let all: [any LossSurface] = [
        bowl, valley, rosenbrock, beale, himmelblau, booth, matyas, rastrigin, sixHumpCamel, goldsteinPrice, saddle, quadratic,
        DataSurface(kind: .linearRegression, data: .builtIn(for: .linearRegression)),
        DataSurface(kind: .logisticRegression, data: .builtIn(for: .logisticRegression)),
        DataSurface(kind: .neuron, data: .builtIn(for: .neuron)),
    ]

    /// The names, in order.
    public static var names: [String] { all.map(\.name) }

    /// The built-in surface called `name`, or nil.
    public static func named(_ name: String) -> (any LossSurface)? { all.first { $0.name == name } }

    /// The built-in surface called `name`.
    /// - Throws: ``SettingsError/unknownName(kind:value:suggestion:)`` with the closest name.
    public static func lookup(_ name: String) throws(SettingsError) -> any LossSurface {
        guard let surface = named(name) else {
            throw .unknownName(kind: "surface", value: name, suggestion: closestName(to: name, in: names))
        }
        return surface
    }

    /// What `--surface TEXT` names, in the form a setup keeps: a built-in surface's name, or
    /// a formula in its normal form (``FormulaExpression/text``). Only parses (cheap); the
    /// surface is built by ``surface(_:options:)``.
    /// - Throws: ``SettingsError``: a formula error quoting the text with its column, or,
    ///   for a single word that is neither a surface nor a valid formula (`rosenbrok`), an
    ///   unknown surface with the closest name.
    public static func canonicalArgument(_ text: String) throws(SettingsError) -> String {
        if named(text) != nil { return text }
        return try formula(text).text
    }

    /// The surface a setup names: a built-in one (quadratic with its options), or a formula.
    /// - Throws: ``SettingsError`` as ``canonicalArgument(_:)``, for options the surface
    ///   does not take, and for a formula that is not finite anywhere in its view.
    /// A formula surface works out its minima, start and η in `view` (world units) when
    /// one is given (`--view`), else in x, y ∈ [−3, 3] (SPEC §8).
    public static func surface(_ text: String, options: SurfaceOptions = SurfaceOptions(),
                               view: ViewBox? = nil) throws(SettingsError) -> any LossSurface {
        try options.check(for: text)
        if text == quadratic.name {
            return QuadraticSurface(condition: options.condition ?? QuadraticSurface.defaultCondition,
                                    angle: options.angle ?? QuadraticSurface.defaultAngle)
        }
        if let surface = named(text) { return surface }
        let expression = try formula(text)
        do { return try FormulaSurface(expression: expression, source: text, view: view ?? FormulaSurface.standardView) } catch {
            throw .formula(error)
        }
    }

    /// The tree of a formula, or the error to show. A single word (letters, digits, `-`,
    /// `_`) that does not parse is taken for a mistyped surface name when a name is close
    /// (`rosenbrok`) or the formula error has no better guess (`foo`); the formula error is
    /// kept for a function written without parentheses (`sin`) or a near formula name
    /// (`sinx`: did you mean `sin(x)`?).
    static func formula(_ text: String) throws(SettingsError) -> FormulaExpression {
        do {
            return try FormulaParser.parse(text)
        } catch {
            let word = text.first?.isLetter == true && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
            if word && FormulaExpression.Function(rawValue: text) == nil {
                let near = closestName(to: text, in: names)
                let isClose = near.map { editDistance(text.lowercased(), $0) <= max(2, text.count / 3) } ?? false
                if isClose || !error.message.contains("did you mean") {
                    throw .unknownName(kind: "surface", value: text, suggestion: isClose ? near : nil)
                }
            }
            throw .formula(error)
        }
    }

    /// The names of the data-backed surfaces.
    public static var dataBackedNames: [String] { all.filter(\.isDataBacked).map(\.name) }

    public static let bowl = AnalyticSurface(
        "bowl", "x² + y²", view: ViewBox(x: -2...2, y: -2...2), minima: [Vector2(0, 0)], start: Vector2(1.5, 1.2),
        rates: (0.1, 0.05), Bowl())
    public static let valley = AnalyticSurface(
        "valley", "x² + 10y²", view: ViewBox(x: -3...3, y: -1.5...1.5), minima: [Vector2(0, 0)], start: Vector2(-2.5, 1.0),
        rates: (0.08, 0.05), Valley())
    public static let rosenbrock = AnalyticSurface(
        "rosenbrock", "(1−x)² + 100(y−x²)²", view: ViewBox(x: -2...2, y: -1...3), minima: [Vector2(1, 1)],
        start: Vector2(-1.5, 2.0), rates: (0.001, 0.02), Rosenbrock())
    public static let beale = AnalyticSurface(
        "beale", "(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²", view: ViewBox(x: -4.5...4.5, y: -4.5...4.5),
        minima: [Vector2(3, 0.5)], start: Vector2(1.0, 1.5), rates: (0.002, 0.05), Beale())
    public static let himmelblau = AnalyticSurface(
        "himmelblau", "(x²+y−11)² + (x+y²−7)²", view: ViewBox(x: -5...5, y: -5...5),
        minima: [Vector2(3, 2), Vector2(-2.805118, 3.131312), Vector2(-3.779310, -3.283186), Vector2(3.584428, -1.848126)],
        start: Vector2(0, 0), rates: (0.01, 0.1), Himmelblau())
    public static let booth = AnalyticSurface(
        "booth", "(x+2y−7)² + (2x+y−5)²", view: ViewBox(x: -10...10, y: -10...10), minima: [Vector2(1, 3)],
        start: Vector2(-6, 8), rates: (0.05, 0.2), Booth())
    public static let matyas = AnalyticSurface(
        "matyas", "0.26(x²+y²) − 0.48xy", view: ViewBox(x: -10...10, y: -10...10), minima: [Vector2(0, 0)],
        start: Vector2(-8, 6), rates: (0.5, 0.2), Matyas())
    public static let rastrigin = AnalyticSurface(
        "rastrigin", "20 + x² − 10cos(2πx) + y² − 10cos(2πy)", view: ViewBox(x: -5.12...5.12, y: -5.12...5.12),
        minima: [Vector2(0, 0)], start: Vector2(3.3, -2.6), rates: (0.002, 0.05), Rastrigin())
    public static let sixHumpCamel = AnalyticSurface(
        "six-hump-camel", "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²", view: ViewBox(x: -3...3, y: -2...2),
        minima: [Vector2(0.0898, -0.7126), Vector2(-0.0898, 0.7126)], start: Vector2(1.5, 0.5), rates: (0.01, 0.05),
        SixHumpCamel())
    public static let goldsteinPrice = AnalyticSurface(
        "goldstein-price", "[1+(x+y+1)²(19−14x+3x²−14y+6xy+3y²)]·[30+(2x−3y)²(18−32x+12x²+48y−36xy+27y²)]",
        view: ViewBox(x: -2...2, y: -2...2), minima: [Vector2(0, -1)], start: Vector2(-0.5, -1.5), rates: (0.00005, 0.02),
        GoldsteinPrice())
    public static let saddle = AnalyticSurface(
        "saddle", "x² − y²", view: ViewBox(x: -2...2, y: -2...2), minima: [], start: Vector2(1.5, 0.05),
        rates: (0.05, 0.05), Saddle())
    /// With its defaults (κ 10, φ 0); `--condition` and `--angle` make others.
    public static let quadratic = QuadraticSurface()

    // The formulas, each written once over SurfaceScalar.

    public struct Bowl: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { x * x + y * y }
    }
    public struct Valley: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { x * x + 10 * y * y }
    }
    public struct Rosenbrock: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { (1 - x).squared + 100 * (y - x * x).squared }
    }
    public struct Beale: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
            let y2 = y * y
            let a: T = 1.5 - x + x * y
            let b: T = 2.25 - x + x * y2
            let c: T = 2.625 - x + x * y2 * y
            return a.squared + b.squared + c.squared
        }
    }
    public struct Himmelblau: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { (x * x + y - 11).squared + (x + y * y - 7).squared }
    }
    public struct Booth: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { (x + 2 * y - 7).squared + (2 * x + y - 5).squared }
    }
    public struct Matyas: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { 0.26 * (x * x + y * y) - 0.48 * x * y }
    }
    public struct Rastrigin: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
            let twoPi = T(constant: 2 * Double.pi)
            let fx: T = x * x - 10 * (twoPi * x).cos()
            let fy: T = y * y - 10 * (twoPi * y).cos()
            return 20 + fx + fy
        }
    }
    public struct SixHumpCamel: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
            let x2 = x * x
            let y2 = y * y
            let a: T = (4 - 2.1 * x2 + x2 * x2 / 3) * x2
            let b: T = (-4 + 4 * y2) * y2
            return a + x * y + b
        }
    }
    public struct GoldsteinPrice: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
            let s = x + y + 1
            let p1: T = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
            let d = 2 * x - 3 * y
            let p2: T = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
            let first: T = 1 + s * s * p1
            let second: T = 30 + d * d * p2
            return first * second
        }
    }
    public struct Saddle: ScalarField {
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T { x * x - y * y }
    }
}

/// The valid name closest to `name` by edit distance (Levenshtein), for "did you mean".
public func closestName(to name: String, in candidates: [String]) -> String? {
    let lowered = name.lowercased()
    return candidates.min { editDistance(lowered, $0) < editDistance(lowered, $1) }
}

/// Levenshtein distance between two strings, in characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var row = previous
    for i in 1...a.count {
        row[0] = i
        for j in 1...b.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &row)
    }
    return previous[b.count]
}
