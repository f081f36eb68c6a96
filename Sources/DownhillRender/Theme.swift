import Foundation

/// The colours of one theme as data: an xterm palette index per ink, for the background
/// the theme is drawn for. Any renderer reads it (the terminal's colour pairs, `frame
/// --color always`, a picture): ``Palette/style(for:depth:theme:)`` turns an ink into a
/// ``TextStyle`` from these tables and nothing else.
///
/// Colours are xterm-256 indices (16–231 the 6×6×6 cube, 232–255 the greys); every ink
/// drawn on the theme's background has a WCAG 2 contrast ratio of at least 3:1 against it,
/// and every shaded band at least 1.5:1 (``Contrast``; the tests compute them). The 8-colour
/// fields are ANSI colours 0–7, used where the terminal has no more. The `mono` theme
/// has no colours: attributes (bold, dim, reverse) and the glyphs carry everything.
public struct Theme: Hashable, Sendable {
    /// The name `--theme` takes: `dark`, `light`, `mono`.
    public var name: String
    /// The background the theme is drawn for (16 black, 231 white; nil for `mono`): the
    /// terminal's own background is never painted, so this is what it is assumed to be.
    public var background: Int?
    /// The foreground the terminal is assumed to draw default text in (231 on dark, 16 on light).
    public var text: Int?
    /// Surface bands, floor to top (``Palette/bandCount``), and the contour lines between them.
    public var bands: [Int]
    public var contours: [Int]
    /// The descent's points by age bucket, newest first (``TrailLayer/ageBounds``). The
    /// built-in themes use two tones, the newest 64 points bright and the rest muted (the
    /// segments too): two tones read from the back of a room where four close ones did not,
    /// and a point that changes bucket without changing colour costs no bytes.
    public var trail: [Int]
    /// Race mode's racers by slot (``Race/maximumRacers``).
    public var racers: [Int]
    /// A gauge's bar: well inside, near the limit, beyond it, and the empty track.
    public var gauge: [Int]
    public var minimum: Int
    public var start: Int
    /// The current point and an edge arrow: a glyph on a block of colour.
    public var point: (foreground: Int, background: Int)
    public var statusLabel: Int
    public var statusGood: Int
    public var statusWarn: Int
    public var statusBad: (foreground: Int, background: Int)
    public var border: Int
    public var helpKey: Int
    /// The learning-rate ghosts (each has its own glyph as well).
    public var ghost: Int
    public var notice: (foreground: Int, background: Int)
    /// The 8-colour table: bands, racers, gauge, and minimum, start, warning, key, ghost colours.
    public var bands8: [Int]
    public var racers8: [Int]
    public var gauge8: [Int]
    public var minimum8: Int, start8: Int, warn8: Int, helpKey8: Int, ghost8: Int, point8: (foreground: Int, background: Int)

    /// For a dark background (the default). Bands run from a cool blue on the valley floor
    /// through teal, green and gold to a warm red at the top, contours one step lighter on
    /// every axis of the cube; the descent magenta, older points mauve, the start cyan, minima yellow.
    public static let dark = Theme(
        name: "dark", background: 16, text: 231,
        bands: [25, 31, 37, 36, 71, 107, 143, 179, 173, 167],
        contours: [68, 74, 80, 79, 114, 150, 186, 222, 216, 210],
        trail: [213, 213, 139, 139],
        racers: [201, 51, 226, 46, 208, 141, 231, 39],
        gauge: [114, 220, 203, 242],
        minimum: 226, start: 51, point: (231, 163),
        statusLabel: 245, statusGood: 114, statusWarn: 220, statusBad: (231, 160),
        border: 244, helpKey: 220, ghost: 246, notice: (231, 24),
        bands8: [4, 4, 6, 6, 2, 2, 3, 3, 1, 1], racers8: [5, 6, 3, 2, 1, 4, 7, 6], gauge8: [2, 3, 1, 7],
        minimum8: 3, start8: 7, warn8: 3, helpKey8: 3, ghost8: 7, point8: (7, 5))

    /// For a light background (white terminals, projectors): pale bands (the shading stays
    /// light under the lines), contours a dark tint of the same hue, and every ink dark
    /// enough to read on white: the descent plum (older points orchid), the start teal,
    /// minima red, warnings brown.
    public static let light = Theme(
        name: "light", background: 231, text: 16,
        bands: [110, 74, 73, 72, 108, 144, 180, 216, 210, 174],
        contours: [18, 24, 30, 29, 64, 100, 136, 130, 124, 88],
        trail: [90, 90, 133, 133],
        racers: [127, 30, 136, 28, 166, 55, 235, 25],
        gauge: [28, 136, 160, 245],
        minimum: 160, start: 31, point: (231, 127),
        statusLabel: 242, statusGood: 28, statusWarn: 130, statusBad: (231, 160),
        border: 244, helpKey: 25, ghost: 243, notice: (231, 24),
        bands8: [4, 4, 6, 6, 2, 2, 3, 3, 1, 1], racers8: [5, 4, 1, 2, 6, 3, 0, 4], gauge8: [2, 4, 1, 0],
        minimum8: 1, start8: 4, warn8: 5, helpKey8: 4, ghost8: 0, point8: (7, 5))

    /// No colours at all: what `NO_COLOR` and an 8-colour-less terminal get too.
    public static let mono = Theme(
        name: "mono", background: nil, text: nil, bands: [], contours: [], trail: [], racers: [], gauge: [],
        minimum: 0, start: 0, point: (0, 0), statusLabel: 0, statusGood: 0, statusWarn: 0, statusBad: (0, 0),
        border: 0, helpKey: 0, ghost: 0, notice: (0, 0), bands8: [], racers8: [], gauge8: [],
        minimum8: 0, start8: 0, warn8: 0, helpKey8: 0, ghost8: 0, point8: (0, 0))

    /// Every theme, in the order `--theme` lists them.
    public static let all = [dark, light, mono]

    /// The theme `--theme` names, or nil.
    public static func named(_ name: String) -> Theme? { all.first { $0.name == name } }

    /// The theme for a terminal whose environment is `environment`: `light` when
    /// `COLORFGBG` (set by rxvt, Konsole, iTerm2 and others as `FG;BG`, or `FG;X;BG`)
    /// names a light background colour (7, or 9–15: white and the bright colours), `dark`
    /// when it names another, and `dark` when it is unset or unreadable.
    public static func automatic(environment: [String: String]) -> Theme {
        guard let value = environment["COLORFGBG"], let last = value.split(separator: ";").last,
              let background = Int(last) else { return dark }
        return background == 7 || (9...15).contains(background) ? light : dark
    }

    public static func == (a: Theme, b: Theme) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// WCAG 2 contrast between xterm-256 colours, from the colours' sRGB values as xterm
/// defines them (the 16 system colours as xterm's defaults, the 6×6×6 cube with levels
/// 0, 95, 135, 175, 215, 255, the greys 8 + 10k).
public enum Contrast {
    /// The sRGB value (0–255 each) of xterm colour `index` (0–255).
    public static func rgb(_ index: Int) -> (red: Int, green: Int, blue: Int) {
        let system = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                      (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if index < 16 { return system[max(0, index)] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255], i = index - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        let grey = 8 + 10 * (min(index, 255) - 232)
        return (grey, grey, grey)
    }

    /// The relative luminance of xterm colour `index` (WCAG 2.x: linearised sRGB weighted
    /// 0.2126, 0.7152, 0.0722).
    public static func luminance(_ index: Int) -> Double {
        func linear(_ v: Int) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = rgb(index)
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The contrast ratio of two colours, (L₁ + 0.05)/(L₂ + 0.05) with L₁ the lighter: 1 to 21.
    public static func ratio(_ a: Int, _ b: Int) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
