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

    /// Shade blocks, dots and arrows.
    public static let unicode = Glyphs(
        isUnicode: true,
        bands: [" ", " ", " ", "░", "░", "░", "▒", "▒", "▓", "▓"],
        contours: ["─", "╱", "│", "╲"],
        trailPoint: "•", trailSegment: "·",
        start: "○", point: "●", minimum: "★",
        arrows: ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"],
        boxHorizontal: "─", boxVertical: "│", boxCorners: ["┌", "┐", "└", "┘"],
        ellipsis: "…"
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
        ellipsis: "..."
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

    /// `text` as this set can show it: unchanged for Unicode; for ASCII, the mathematical
    /// symbols of formulas and labels spelled out (`−` → `-`, `²` → `^2`, `β₁` → `beta1`)
    /// and anything else outside ASCII replaced by `?`.
    public func text(_ text: String) -> String {
        if isUnicode { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if ch.isASCII { out.append(ch) }
            else { out += Self.asciiSpelling[ch] ?? "?" }
        }
        return out
    }

    /// ASCII spellings of the symbols that appear in formulas, labels and help.
    static let asciiSpelling: [Character: String] = [
        "−": "-", "²": "^2", "³": "^3", "⁴": "^4", "ᵗ": "^t", "π": "pi", "·": "*", "×": "x", "÷": "/",
        "Σ": "sum", "ᵢ": "_i", "σ": "sigmoid", "θ": "theta", "η": "lr", "μ": "mu", "α": "alpha",
        "β": "beta", "λ": "lambda", "ε": "eps", "√": "sqrt", "₁": "1", "₂": "2", "∇": "grad",
        "ξ": "xi", "←": "<-", "→": "->", "↑": "up", "↓": "down", "…": "...", "⇧": "shift-",
        "ŷ": "y^", "m̂": "m^", "v̂": "v^", "≤": "<=", "≥": ">=", "—": "-", "–": "-", "│": "|",
    ]
}
