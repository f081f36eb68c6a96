/// How many colours the output can show.
public enum ColorDepth: Sendable, Equatable {
    /// No colour: glyphs and attributes (bold, dim, reverse) carry everything.
    case none
    /// The 8 ANSI colours (TERM=xterm, screen, linux).
    case eight
    /// The xterm 256-colour palette.
    case full
}

/// Concrete colours and attributes for one ink at one colour depth. Colours are xterm
/// palette indices (0–7 at depth `.eight`, 0–255 at `.full`); nil is the terminal default.
public struct TextStyle: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var dim = false
    public var reverse = false
    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
    public static let plain = TextStyle()
}

/// The palette table: ink → style for each colour depth. The one place colours live.
///
/// Bands run from a cool blue on the valley floor through teal, green and gold to a warm
/// red at the top (xterm 256-colour cube); contour lines are a lighter tint of their band.
/// The descent is magenta (no band is), the start cyan, minima yellow. Every colour is a
/// foreground on the default background except the current point, the edge arrow and the
/// divergence warning, so the number of distinct (foreground, background) pairs stays
/// under 40 at any depth.
public enum Palette {
    /// Number of surface bands (levels) the renderer uses.
    public static let bandCount = 10

    /// Band colours, floor to top, 256-colour cube: (0,1,3) (0,2,3) (0,3,3) (0,3,2)
    /// (1,3,1) (2,3,1) (3,3,1) (4,3,1) (4,2,1) (4,1,1).
    static let bands256 = [25, 31, 37, 36, 71, 107, 143, 179, 173, 167]
    /// Contour colours: each band's colour one step lighter on every axis of the cube.
    static let contours256 = [68, 74, 80, 79, 114, 150, 186, 222, 216, 210]
    /// Trail by age bucket, newest first: magenta fading to grey.
    static let trail256 = [213, 176, 139, 102]
    /// Band colours in the 8 ANSI colours: blue, cyan, green, yellow, red.
    static let bands8 = [4, 4, 6, 6, 2, 2, 3, 3, 1, 1]
    /// Racers of race mode, one per slot (``Race/maximumRacers``): magenta, cyan, yellow,
    /// green, orange, violet, white, blue (8 colours: only seven are not black, so the
    /// eighth repeats cyan; every racer's glyph tells it apart).
    static let racers256 = [201, 51, 226, 46, 208, 141, 231, 39]
    static let racers8 = [5, 6, 3, 2, 1, 4, 7, 6]
    /// A gauge's bar: green, gold, red, and grey for the empty track.
    static let gauge256 = [114, 220, 203, 240]
    static let gauge8 = [2, 3, 1, 7]

    /// The style of an ink at a colour depth.
    ///
    /// In 256 colours the inks that change every frame (the trail, the current point) and
    /// the help's keys are told apart by colour alone, not bold: switching bold off costs a
    /// full attribute reset and the colour again, a third of a small frame's bytes.
    public static func style(for ink: Ink, depth: ColorDepth) -> TextStyle {
        switch depth {
        case .full: full(ink)
        case .eight: eight(ink)
        case .none: monochrome(ink)
        }
    }

    static func clampedBand(_ level: Int) -> Int { min(bandCount - 1, max(0, level)) }

    static func full(_ ink: Ink) -> TextStyle {
        switch ink {
        case .plain: .plain
        case .band(let k): TextStyle(foreground: bands256[clampedBand(k)])
        case .contour(let k): TextStyle(foreground: contours256[clampedBand(k)])
        case .minimum: TextStyle(foreground: 226, bold: true)
        case .start: TextStyle(foreground: 51, bold: true)
        case .point, .arrow: TextStyle(foreground: 231, background: 163)
        case .trail(let age): TextStyle(foreground: trail256[min(3, max(0, age))])
        case .statusText: .plain
        case .statusLabel: TextStyle(foreground: 245)
        case .statusGood: TextStyle(foreground: 114, bold: true)
        case .statusWarn: TextStyle(foreground: 220, bold: true)
        case .statusBad: TextStyle(foreground: 231, background: 160, bold: true)
        case .border: TextStyle(foreground: 244)
        case .title: TextStyle(bold: true)
        case .helpText: .plain
        case .helpKey: TextStyle(foreground: 220)
        case .racer(let n): TextStyle(foreground: racers256[abs(n) % racers256.count], bold: true)
        case .racerTrail(let n): TextStyle(foreground: racers256[abs(n) % racers256.count])
        case .ghost: TextStyle(foreground: 246)
        case .gauge(let k): TextStyle(foreground: gauge256[min(3, max(0, k))], bold: k == 2)
        case .notice: TextStyle(foreground: 231, background: 24, bold: true)
        }
    }

    static func eight(_ ink: Ink) -> TextStyle {
        switch ink {
        case .plain: .plain
        case .band(let k): TextStyle(foreground: bands8[clampedBand(k)])
        case .contour(let k): TextStyle(foreground: bands8[clampedBand(k)], bold: true)
        case .minimum: TextStyle(foreground: 3, bold: true)
        case .start: TextStyle(foreground: 7, bold: true)
        case .point, .arrow: TextStyle(foreground: 7, background: 5, bold: true)
        case .trail(let age): TextStyle(foreground: 5, bold: age == 0, dim: age >= 2)
        case .statusText: .plain
        case .statusLabel: TextStyle(dim: true)
        case .statusGood: TextStyle(foreground: 2, bold: true)
        case .statusWarn: TextStyle(foreground: 3, bold: true)
        case .statusBad: TextStyle(foreground: 7, background: 1, bold: true)
        case .border: .plain
        case .title: TextStyle(bold: true)
        case .helpText: .plain
        case .helpKey: TextStyle(foreground: 3, bold: true)
        case .racer(let n): TextStyle(foreground: racers8[abs(n) % racers8.count], bold: true)
        case .racerTrail(let n): TextStyle(foreground: racers8[abs(n) % racers8.count])
        case .ghost: TextStyle(foreground: 7, dim: true)
        case .gauge(let k): TextStyle(foreground: gauge8[min(3, max(0, k))], bold: k == 2, dim: k == 3)
        case .notice: TextStyle(reverse: true)
        }
    }

    static func monochrome(_ ink: Ink) -> TextStyle {
        switch ink {
        case .plain, .band, .contour, .statusText, .border, .helpText: .plain
        case .minimum, .start, .title, .helpKey, .statusGood, .statusWarn: TextStyle(bold: true)
        case .point, .arrow, .statusBad: TextStyle(bold: true, reverse: true)
        case .trail(let age): TextStyle(bold: age == 0, dim: age >= 2)
        case .statusLabel: TextStyle(dim: true)
        case .racer: TextStyle(bold: true)
        case .racerTrail: .plain
        case .ghost: TextStyle(dim: true)
        case .gauge(let k): TextStyle(bold: k == 2, dim: k == 3)
        case .notice: TextStyle(reverse: true)
        }
    }
}
