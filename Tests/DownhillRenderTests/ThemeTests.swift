import DownhillRender
import Foundation
import Testing

/// Issue 12: every ink of every theme readable on the theme's background, by the WCAG 2
/// contrast ratio computed here from the palette tables and xterm's colour values.
@Suite struct ThemeContrastTests {
    /// xterm's sRGB for a 256-colour index, written out here from xterm's definition
    /// (256colres.h: cube levels 0, 95 + 40k; greys 8 + 10k; the 16 system colours).
    static func srgb(_ i: Int) -> [Double] {
        let system: [[Double]] = [[0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205],
                                  [0, 205, 205], [229, 229, 229], [127, 127, 127], [255, 0, 0], [0, 255, 0],
                                  [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255]]
        if i < 16 { return system[i] }
        if i >= 232 { return Array(repeating: Double(8 + 10 * (i - 232)), count: 3) }
        let level = { (k: Int) -> Double in k == 0 ? 0 : Double(55 + 40 * k) }
        return [level((i - 16) / 36), level((i - 16) / 6 % 6), level((i - 16) % 6)]
    }

    /// WCAG 2.1 relative luminance and contrast ratio.
    static func ratio(_ a: Int, _ b: Int) -> Double {
        func luminance(_ i: Int) -> Double {
            let c = srgb(i).map { v -> Double in
                let s = v / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// Every ink the renderer draws with.
    static let inks: [Ink] = (0..<Palette.bandCount).flatMap { [Ink.band($0), .contour($0)] }
        + [.plain, .minimum, .start, .point, .arrow, .statusText, .statusLabel, .statusGood, .statusWarn, .statusBad,
           .border, .title, .helpText, .helpKey, .ghost, .notice]
        + (0..<4).flatMap { [Ink.trail($0), .gauge($0)] } + (0..<8).flatMap { [Ink.racer($0), .racerTrail($0)] }

    @Test func theFormulaGivesTheKnownEnds() {
        #expect(Self.ratio(16, 231) == 21)  // black on white
        #expect(Self.ratio(244, 244) == 1)
        // The issue's measurement: the adamw racer (white, 231) on a white background.
        #expect(Self.ratio(231, 231) == 1)
        // The library's own table agrees with this one.
        for i in 0..<256 { #expect(abs(Contrast.ratio(i, 231) - Self.ratio(i, 231)) < 1e-12) }
    }

    @Test("every ink of every coloured theme has at least 3:1 on its background, shaded bands 1.5:1",
          arguments: Theme.all.filter { $0.background != nil })
    func inksAreReadable(theme: Theme) throws {
        let background = try #require(theme.background), text = try #require(theme.text)
        #expect(Self.ratio(text, background) >= 7)
        for ink in Self.inks {
            let style = Palette.style(for: ink, depth: .full, theme: theme)
            // An ink with a block of its own colour is read against that block.
            let fg = style.foreground ?? text, bg = style.background ?? background
            let needed: Double
            if case .band = ink { needed = 1.5 } else { needed = 3 }
            let r = Self.ratio(fg, bg)
            #expect(r >= needed, "\(theme.name): \(ink) is \(fg) on \(bg), \(String(format: "%.2f", r)):1")
            // A block of colour is itself visible on the background.
            if let block = style.background { #expect(Self.ratio(block, background) >= 1.5, "\(theme.name): \(ink)'s block") }
        }
    }

    @Test func theLightThemeFixesWhatTheIssueMeasured() {
        // adamw's racer, nesterov's, momentum's and "paused" were 1.00, 1.07, 1.25 and 1.40:1 on white.
        for ink in [Ink.racer(6), .racer(2), .racer(1), .statusWarn, .minimum, .gauge(3), .trail(3)] {
            let fg = try! #require(Palette.style(for: ink, depth: .full, theme: .light).foreground)
            #expect(Self.ratio(fg, 231) >= 3, "\(ink)")
        }
    }

    @Test func monoUsesNoColourAtAnyDepth() {
        for depth in [ColorDepth.full, .eight, .none] {
            for ink in Self.inks {
                let style = Palette.style(for: ink, depth: depth, theme: .mono)
                #expect(style.foreground == nil && style.background == nil, "\(ink)")
            }
        }
        // The current point still stands out: reverse video.
        #expect(Palette.style(for: .point, depth: .full, theme: .mono).reverse)
    }
}

@Suite struct ThemeChoiceTests {
    @Test func colorfgbgChoosesLightOnlyForALightBackground() {
        #expect(Theme.automatic(environment: [:]) == .dark)
        #expect(Theme.automatic(environment: ["COLORFGBG": "15;0"]) == .dark)
        #expect(Theme.automatic(environment: ["COLORFGBG": "0;15"]) == .light)
        #expect(Theme.automatic(environment: ["COLORFGBG": "0;7"]) == .light)
        #expect(Theme.automatic(environment: ["COLORFGBG": "0;default;15"]) == .light)
        #expect(Theme.automatic(environment: ["COLORFGBG": "7;8"]) == .dark)
        #expect(Theme.automatic(environment: ["COLORFGBG": "default;default"]) == .dark)
        #expect(Theme.automatic(environment: ["COLORFGBG": ""]) == .dark)
    }

    @Test func themesAreNamedAsTheOptionTakesThem() {
        #expect(Theme.all.map(\.name) == ["dark", "light", "mono"])
        #expect(Theme.named("light") == .light && Theme.named("Light") == nil)
    }
}
