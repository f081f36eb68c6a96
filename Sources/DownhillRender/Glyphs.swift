/// The characters the renderer draws, in one table: a Unicode set (shade blocks, arrows,
/// box lines) and a plain ASCII set for terminals without Unicode.
///
/// The two sets are chosen so that, even without colour, every layer stays readable:
/// the band ramp uses no character that the trail, markers, arrows or contour lines use.
public struct Glyphs: Equatable, Sendable {
    /// True for the Unicode set.
    public let isUnicode: Bool
    /// Fill of each band, from the valley floor (index 0, empty) to the highest band;
    /// exactly ``Palette/bandCount`` entries, denser higher up.
    public let bands: [Character]
    /// Contour line pieces by direction: horizontal, rising (`/`), vertical, falling (`\`).
    public let contours: [Character]
    /// A trajectory point of the trail, and a cell on the segment between two points.
    public let trailPoint: Character
    public let trailSegment: Character
    /// The start point, the current point, a known minimum.
    public let start: Character
    public let point: Character
    public let minimum: Character
    /// Edge arrows by direction, counter-clockwise from east in equal sectors: eight in
    /// Unicode (→ ↗ ↑ ↖ ← ↙ ↓ ↘), four in ASCII (> ^ < v).
    public let arrows: [Character]
    /// Box lines for the help overlay: horizontal, vertical, and the corners
    /// top-left, top-right, bottom-left, bottom-right.
    public let boxHorizontal: Character
    public let boxVertical: Character
    public let boxCorners: [Character]
    /// The ellipsis that marks cut text.
    public let ellipsis: String
    /// The head of each racer of race mode, by racer slot (one for each of the
    /// ``Race/maximumRacers``), so racers stay apart without colour; the first is the solo ``point``.
    public let racers: [Character]
    /// The heads of the learning-rate ghosts at ¼×, ½×, 2× and 4× η.
    public let ghostHeads: [Character]
    /// The trails of the ghosts, one glyph each (in the order of ``ghostHeads``), so that
    /// four faint paths stay apart without colour.
    public let ghostTrails: [Character]
    /// A gauge's bar: the filled part, the empty track, the mark at the limit.
    public let gaugeFill: Character
    public let gaugeTrack: Character
    public let gaugeLimit: Character
    /// Marks the selected racer in the legend, and a racer that dropped out.
    public let selection: Character
    public let droppedOut: Character

    /// The racer head for a slot (slots beyond the table reuse it cyclically).
    public func racer(_ slot: Int) -> Character { racers[abs(slot) % racers.count] }

    /// Shade blocks, dots and arrows.
    public static let unicode = Glyphs(
        isUnicode: true,
        bands: [" ", " ", " ", "░", "░", "░", "▒", "▒", "▓", "▓"],
        contours: ["─", "╱", "│", "╲"],
        trailPoint: "•", trailSegment: "·",
        start: "○", point: "●", minimum: "★",
        arrows: ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"],
        boxHorizontal: "─", boxVertical: "│", boxCorners: ["┌", "┐", "└", "┘"],
        ellipsis: "…",
        racers: ["●", "▲", "■", "◆", "▼", "◉", "▣", "✚"],
        ghostHeads: ["¼", "½", "2", "4"], ghostTrails: ["·", "∘", "+", "×"],
        gaugeFill: "━", gaugeTrack: "─", gaugeLimit: "┃",
        selection: "▸", droppedOut: "✗"
    )

    /// Printable ASCII only; arrows have four directions.
    public static let ascii = Glyphs(
        isUnicode: false,
        bands: [" ", " ", " ", ",", ",", ":", ":", "=", "%", "#"],
        contours: ["-", "/", "|", "\\"],
        trailPoint: "+", trailSegment: ".",
        start: "o", point: "@", minimum: "*",
        arrows: [">", "^", "<", "v"],
        boxHorizontal: "-", boxVertical: "|", boxCorners: ["+", "+", "+", "+"],
        ellipsis: "...",
        racers: ["@", "A", "B", "C", "D", "E", "F", "G"],
        ghostHeads: ["q", "h", "2", "4"], ghostTrails: [".", "o", "~", "\""],
        gaugeFill: "=", gaugeTrack: "-", gaugeLimit: "|",
        selection: ">", droppedOut: "x"
    )

    /// The arrow nearest to a direction, in degrees counter-clockwise from east.
    public func arrow(degrees: Double) -> Character {
        let sector = 360 / Double(arrows.count)
        let d = degrees.isFinite ? degrees : 0
        let i = Int(((d / sector).rounded() + Double(arrows.count)).truncatingRemainder(dividingBy: Double(arrows.count)))
        return arrows[min(arrows.count - 1, max(0, i))]
    }

    /// The set for a terminal that can (or cannot) show Unicode.
    public static func forTerminal(unicode: Bool) -> Glyphs { unicode ? .unicode : .ascii }

    /// `text` as this set can show it: for Unicode, unchanged but for letters with a
    /// combining mark (`m̂` → `m_hat`); for ASCII, the mathematical symbols of formulas and
    /// labels spelled out (`−` → `-`, `²` → `^2`, `β₁` → `beta1`), never glued to a
    /// neighbouring letter or digit (`−η∇L` → `-lr*grad L`, `√v̂` → `sqrt v_hat`), and
    /// anything else outside ASCII replaced by `?`.
    public func text(_ text: String) -> String {
        if isUnicode {
            // Combining marks (the hat of m̂) are lost on the way to many terminals: spell
            // those few characters out in Unicode too.
            guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) else { return text }
            return text.map { ch in ch.unicodeScalars.count > 1 ? Self.asciiSpelling[ch] ?? String(ch) : String(ch) }.joined()
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        func glues(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        var afterOperator = false, afterSubscript = false
        for ch in text {
            let piece = ch.isASCII ? String(ch) : Self.asciiSpelling[ch] ?? "?"
            let isWord = !ch.isASCII && ch != "∞" && piece.count > 1 && piece.allSatisfy { $0.isLetter || $0 == "_" }
            // A spelled-out symbol must not run into a neighbouring letter or digit: after an
            // operator (∇L → `grad L`, √v̂ → `sqrt v_hat`) a space, before a word a product
            // (η∇L → `lr*grad`, 2η → `2*lr`). Subscripts join, and a letter after one is a
            // product (β₁m → `beta1*m`). ∞ joins as a subscript does (ρ∞ → `rhoinf`, a name).
            if let last = out.last, let first = piece.first, glues(last), glues(first) {
                if afterOperator { out += " " } else if isWord || (afterSubscript && first.isLetter) { out += "*" }
            }
            out += piece
            afterOperator = Self.asciiOperators.contains(ch)
            afterSubscript = !ch.isASCII && piece.first?.isNumber == true
        }
        return out
    }

    /// The symbols whose ASCII spelling is an operator applied to what follows (`∇L`, `√v̂`,
    /// `Σᵢ`, `Πμ`, `Δθ`): a space keeps it from a following letter or digit.
    static let asciiOperators: Set<Character> = ["∇", "√", "Σ", "Π", "Δ"]

    /// A formula as this set can show it (``text(_:)``); in ASCII, where a Greek letter
    /// becomes a word, multiplication that Unicode shows by juxtaposition is written out
    /// (`β₁m` → `beta1*m`, `(1−β₁)g` → `(1-beta1)*g`, `θ(1−ηλ)` → `theta*(1-lr*lambda)`) and
    /// `√` takes parentheses (`√v̂` → `sqrt(v_hat)`). A Greek letter followed by a Latin
    /// one is a name (`μt`, `ρt`) and `Π` a prefix, as the formulas write them.
    public func formula(_ formula: String) -> String {
        guard !isUnicode else { return text(formula) }
        let greek = Set("αβγδεζηθκλμνξρστφχψωΔ")
        let subscripts = Set("₀₁₂₃²³ᵗ")
        func isLatin(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        func isMarked(_ c: Character) -> Bool { c.unicodeScalars.count > 1 }
        func ends(_ c: Character) -> Bool { greek.contains(c) || subscripts.contains(c) || c == ")" || isMarked(c) }
        func starts(_ c: Character) -> Bool { isLatin(c) || greek.contains(c) || isMarked(c) || c == "(" || c == "√" }
        let chars = Array(formula)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if i > 0 {
                let previous = chars[i - 1]
                let product = (ends(previous) && starts(c) && !(greek.contains(previous) && isLatin(c)))
                    || (isLatin(previous) && greek.contains(c))
                if product { out.append("·") }
            }
            if c == "√", i + 1 < chars.count, chars[i + 1] != "(" {
                // √ of one symbol and its subscripts: √(v̂).
                var j = i + 2
                while j < chars.count && subscripts.contains(chars[j]) { j += 1 }
                out += "√(" + String(chars[(i + 1)..<j]) + ")"
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        return text(out)
    }

    /// ASCII spellings of the symbols that appear in formulas, labels and help.
    static let asciiSpelling: [Character: String] = [
        "−": "-", "²": "^2", "³": "^3", "⁴": "^4", "ᵗ": "^t", "π": "pi", "·": "*", "×": "x", "÷": "/",
        "Σ": "sum", "ᵢ": "_i", "σ": "sigmoid", "θ": "theta", "η": "lr", "μ": "mu", "α": "alpha",
        "β": "beta", "λ": "lambda", "ε": "eps", "√": "sqrt", "₁": "1", "₂": "2", "∇": "grad",
        "ξ": "xi", "←": "<-", "→": "->", "↑": "up", "↓": "down", "…": "...", "⇧": "shift-",
        "ŷ": "y^", "m̂": "m_hat", "v̂": "v_hat", "≤": "<=", "≥": ">=", "—": "-", "–": "-", "│": "|",
        "¼": "1/4", "½": "1/2", "Δ": "d", "✗": "x", "▸": ">", "─": "-", "━": "=", "┃": "|", "≈": "~",
        "ρ": "rho", "Π": "prod", "γ": "gamma", "δ": "delta", "τ": "tau", "ψ": "psi", "ḡ": "g_bar", "₀": "0",
        "ₜ": "_t", "∞": "inf", "§": "section ", "κ": "kappa", "φ": "phi",
    ]
}
