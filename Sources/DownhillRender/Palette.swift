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

/// Ink → style for each colour depth and ``Theme``. The colours themselves live in the
/// themes' tables; this maps each ink to its entry (and adds the attributes).
///
/// Every colour is a foreground on the default background except the current point, the
/// edge arrow, the divergence warning and the notice, so the number of distinct
/// (foreground, background) pairs stays under 40 at any depth.
public enum Palette {
    /// Number of surface bands (levels) the renderer uses.
    public static let bandCount = 10

    /// The style of an ink at a colour depth in `theme` (`mono` draws without colour at
    /// any depth).
    ///
    /// In 256 colours the inks that change every frame (the trail, the current point) and
    /// the help's keys are told apart by colour alone, not bold: switching bold off costs a
    /// full attribute reset and the colour again, a third of a small frame's bytes.
    public static func style(for ink: Ink, depth: ColorDepth, theme: Theme = .dark) -> TextStyle {
        if theme.background == nil { return monochrome(ink) }
        switch depth {
        case .full: return full(ink, theme)
        case .eight: return eight(ink, theme)
        case .none: return monochrome(ink)
        }
    }

    static func clampedBand(_ level: Int) -> Int { min(bandCount - 1, max(0, level)) }

    static func full(_ ink: Ink, _ t: Theme) -> TextStyle {
        switch ink {
        case .plain: .plain
        case .band(let k): TextStyle(foreground: t.bands[clampedBand(k)])
        case .contour(let k): TextStyle(foreground: t.contours[clampedBand(k)])
        case .minimum: TextStyle(foreground: t.minimum, bold: true)
        case .start: TextStyle(foreground: t.start, bold: true)
        case .point, .arrow: TextStyle(foreground: t.point.foreground, background: t.point.background)
        case .trail(let age): TextStyle(foreground: t.trail[min(3, max(0, age))])
        case .statusText: .plain
        case .statusLabel: TextStyle(foreground: t.statusLabel)
        case .statusGood: TextStyle(foreground: t.statusGood, bold: true)
        case .statusWarn: TextStyle(foreground: t.statusWarn, bold: true)
        case .statusBad: TextStyle(foreground: t.statusBad.foreground, background: t.statusBad.background, bold: true)
        case .border: TextStyle(foreground: t.border)
        case .title: TextStyle(bold: true)
        case .helpText: .plain
        case .helpKey: TextStyle(foreground: t.helpKey)
        case .racer(let n): TextStyle(foreground: t.racers[abs(n) % t.racers.count], bold: true)
        case .racerTrail(let n): TextStyle(foreground: t.racers[abs(n) % t.racers.count])
        case .ghost: TextStyle(foreground: t.ghost)
        case .gauge(let k): TextStyle(foreground: t.gauge[min(3, max(0, k))], bold: k == 2)
        case .notice: TextStyle(foreground: t.notice.foreground, background: t.notice.background, bold: true)
        }
    }

    static func eight(_ ink: Ink, _ t: Theme) -> TextStyle {
        switch ink {
        case .plain: .plain
        case .band(let k): TextStyle(foreground: t.bands8[clampedBand(k)])
        case .contour(let k): TextStyle(foreground: t.bands8[clampedBand(k)], bold: true)
        case .minimum: TextStyle(foreground: t.minimum8, bold: true)
        case .start: TextStyle(foreground: t.start8, bold: true)
        case .point, .arrow: TextStyle(foreground: t.point8.foreground, background: t.point8.background, bold: true)
        case .trail(let age): TextStyle(foreground: 5, bold: age == 0, dim: age >= 2)
        case .statusText: .plain
        case .statusLabel: TextStyle(dim: true)
        case .statusGood: TextStyle(foreground: 2, bold: true)
        case .statusWarn: TextStyle(foreground: t.warn8, bold: true)
        case .statusBad: TextStyle(foreground: 7, background: 1, bold: true)
        case .border: .plain
        case .title: TextStyle(bold: true)
        case .helpText: .plain
        case .helpKey: TextStyle(foreground: t.helpKey8, bold: true)
        case .racer(let n): TextStyle(foreground: t.racers8[abs(n) % t.racers8.count], bold: true)
        case .racerTrail(let n): TextStyle(foreground: t.racers8[abs(n) % t.racers8.count])
        case .ghost: TextStyle(foreground: t.ghost8, dim: true)
        case .gauge(let k): TextStyle(foreground: t.gauge8[min(3, max(0, k))], bold: k == 2, dim: k == 3)
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
