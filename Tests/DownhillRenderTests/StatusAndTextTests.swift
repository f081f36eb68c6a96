import Foundation
import Testing
import DownhillCore
@testable import DownhillRender

@Suite struct StatusBarTests {
    @Test func numbersKeepFiveOrMoreSignificantDigits() {
        #expect(StatusBar.fixed(-1.5, 6) == "-1.50000")
        #expect(StatusBar.fixed(1234.56789, 6) == "1234.57")
        #expect(StatusBar.fixed(0.0000123456789, 6) == "1.23457e-05")
        #expect(StatusBar.fixed(2, 5) == "2.0000")
        #expect(StatusBar.fixed(.nan, 6) == "nan")
        #expect(StatusBar.compact(0.05) == "0.05")
        #expect(StatusBar.compact(0.05 * pow(10, 0.1)) == "0.06295")
    }

    @Test func everyValueFieldKeepsOneWidthWhateverTheNumber() {
        // The point: 6 digits in 10 columns (a sign slot, then the digits); a wider form gives
        // up digits. Worked by hand from printf's %#.Ng.
        let point: [(Double, String)] = [
            (-0.0105703, "-0.0105703"),  // momentum on valley, the trial's first number: 10 wide
            (-0.00451, "-0.0045100"),  // nesterov's: %#.6g is -0.00451000 (11), %#.5g fits
            (0.00451, " 0.0045100"),
            (-0.000123456789, "-0.0001235"),  // %#.6g -0.000123457 (12), %#.5g 11, %#.4g 10
            (-1.23456789e-5, "-1.235e-05"),  // %#.6g -1.23457e-05 (12), %#.4g fits
            (1.23456789e-5, " 1.235e-05"),
            (-1.5e-300, "-1.50e-300"),  // %#.3g
            (1e300, " 1.00e+300"),
            (123_456_789, " 1.235e+08"),
            (531_441, " 531441   "),  // an integer: %#.6g is `531441.`, the `.` dropped
            (-1_594_323, "-1.594e+06"),  // %#.6g -1.59432e+06 (12), %#.4g fits
            (0, " 0.00000  "),
            (-0.0, " 0.00000  "),
            (-2, "-2.00000  "),
            (.nan, "nan       "),
            (-.infinity, "-inf      "),
            (.infinity, " inf      "),
        ]
        for (v, text) in point {
            #expect(StatusBar.fitted(v, digits: 6, width: 10, signSlot: true, keepsZeros: true) == text, "\(v)")
        }
        // The loss: 9 columns, no sign slot; the gradient norm: 3 digits without trailing zeros in 7.
        #expect(StatusBar.fitted(2.82430e12, digits: 6, width: 9, signSlot: false, keepsZeros: true) == "2.824e+12")
        #expect(StatusBar.fitted(2560.23, digits: 6, width: 9, signSlot: false, keepsZeros: true) == "2560.23  ")
        #expect(StatusBar.fitted(-1.0316284535, digits: 6, width: 9, signSlot: false, keepsZeros: true) == "-1.03163 ")
        #expect(StatusBar.fitted(1.06e7, digits: 3, width: 7, signSlot: false, keepsZeros: false) == "1.1e+07")
        #expect(StatusBar.fitted(0.000123, digits: 3, width: 7, signSlot: false, keepsZeros: false) == "0.00012")
        #expect(StatusBar.fitted(320, digits: 3, width: 7, signSlot: false, keepsZeros: false) == "320    ")
        #expect(StatusBar.fitted(0, digits: 3, width: 7, signSlot: false, keepsZeros: false) == "0      ")
    }

    @Test func theYFieldDoesNotMoveBetweenMomentumAndNesterov() {
        // The trial: momentum printed `x -0.0105703 y`, nesterov `x -0.00451000  y`.
        var columns: [Int] = []
        for optimizer in ["momentum", "nesterov"] {
            let run = Run("--surface valley --lr 0.01 --optimizer \(optimizer)", steps: 100)
            let line = run.screen(width: 80, height: 24).lines()[23]
            let y = line.range(of: " y ").map { line.distance(from: line.startIndex, to: $0.lowerBound) }
            columns.append(y ?? -1)
        }
        // `step 100` (8), two spaces, `x ` (2), the 10-column x: ` y ` starts at column 22.
        #expect(columns == [22, 22])
    }

    @Test func the80ColumnStatusShowsEveryRequiredField() {
        let run = Run("--surface rosenbrock --optimizer adam --start=-1.5,2", steps: 3)
        let lines = run.screen(width: 80, height: 24).lines()
        let status = lines[22] + "\n" + lines[23]
        let p = run.descent.point
        for needle in ["paused", "rosenbrock", "adam", "lr 0.02", "β₁ 0.9", "β₂ 0.999", "step 3",
                       "x " + StatusBar.fixed(p.x, 6), "y  " + StatusBar.fixed(p.y, 6),
                       "loss " + StatusBar.fixed(run.descent.current.loss, 6), "20 steps/s"] {
            #expect(status.contains(needle), "missing '\(needle)' in\n\(status)")
        }
    }

    @Test func narrowScreensKeepTheRequiredFieldsAndNeverOverflow() {
        let run = Run("--surface logistic-regression --optimizer momentum --batch 8", steps: 20)
        for (w, h) in [(40, 12), (30, 10), (20, 6), (60, 20), (200, 60)] {
            let grid = run.screen(width: w, height: h)
            let lines = grid.lines()
            #expect(lines.count == h && lines.allSatisfy { $0.count == w })
            let layout = ScreenLayout(width: w, height: h)
            let status = layout.statusRows.map { lines[$0] }.joined(separator: "\n")
            if w >= 40 {
                // Data surfaces name the parameters w and b.
                for needle in ["paused", "logistic-regression", "momentum", "lr ", "step 20", "w ", "loss "] {
                    #expect(status.contains(needle), "\(w)×\(h) missing '\(needle)' in\n\(status)")
                }
            }
        }
    }

    @Test func dataBackedSurfacesShowTheGradientSource() {
        let run = Run("--surface linear-regression --batch 8", steps: 15)
        let text = run.screen(width: 120, height: 40).lines().suffix(2).joined(separator: "\n")
        // 100 rows in batches of 8: 13 batches an epoch; after 15 steps the second epoch
        // (epoch 2) has taken 2 batches.
        #expect(text.contains("mini-batch 8"))
        #expect(text.contains("epoch 2"))
        #expect(text.contains("batch 2/13"))
    }

    @Test func divergenceIsAWarning() {
        let run = Run("--surface valley --lr 1.0 --start 1,1", steps: 200)
        #expect(run.descent.status == .diverged(at: 121))
        let grid = run.screen(width: 80, height: 24)
        let row = grid.lines()[22]
        #expect(row.hasPrefix("diverged at step 121"))
        #expect(grid[0, 22].ink == .statusBad)
        #expect(Palette.style(for: .statusBad, depth: .none).reverse)
    }

    @Test func aDivergedRunKeepsShowingTheSpeed() {
        // The diverged status adds `r restarts` and huge numbers; the speed stays while it fits.
        let run = Run("--surface valley --lr 1.0 --start 1,1", steps: 200)
        let wide = run.screen(width: 80, height: 24, stepsPerSecond: 50).lines()
        #expect(wide[22] == "diverged at step 121  valley  gd  lr 1  50 steps/s".padding(toLength: 80, withPad: " ", startingAt: 0))
        #expect(wide[23].contains("r restarts"))
        let narrow = run.screen(width: 57, height: 19, stepsPerSecond: 1).lines()
        #expect(narrow[16].hasPrefix("diverged at step 121  valley  gd  lr 1  1 step/s"))
    }

    @Test func layoutDropsTheLeastImportantFieldsFirst() {
        func f(_ text: String, _ priority: Int) -> StatusBar.Field {
            StatusBar.Field(runs: [StatusBar.Run(text, .statusText)], priority: priority, startsLine: false)
        }
        let fields = [f("aaaa", 9), f("bbbb", 1), f("cccc", 5), f("dddd", 9)]
        let one = StatusBar.layout(fields, width: 14, lines: 1, separator: 1)
        #expect(one.map { $0.map { $0.runs[0].text } } == [["aaaa", "cccc", "dddd"]])
        let two = StatusBar.layout(fields + [f("eeee", 3)], width: 9, lines: 2, separator: 1)
        #expect(two.map { $0.map { $0.runs[0].text } } == [["aaaa", "cccc"], ["dddd", "eeee"]])
    }
}

@Suite struct ScreenTests {
    @Test func everySizeGivesExactlyThatManyCells() {
        let run = Run("--surface himmelblau", steps: 5)
        for (w, h) in [(0, 0), (1, 1), (5, 3), (19, 5), (20, 6), (33, 7), (80, 24), (241, 71)] {
            let grid = run.screen(width: w, height: h)
            #expect(grid.width == w && grid.height == h)
            #expect(grid.lines().allSatisfy { $0.count == w })
        }
    }

    @Test func tooSmallScreensSaySo() {
        let run = Run("--surface bowl")
        let small = run.screen(width: 19, height: 10).lines()
        #expect(small[5] == "terminal too small ")  // (19 − 18) / 2 = column 0
        let tiny = run.screen(width: 12, height: 3).lines()
        #expect(tiny[1] == " too small  ")
        #expect(run.screen(width: 5, height: 2).lines() == ["     ", "     "])
    }

    @Test func theHelpOverlayListsItsRowsInAFrame() {
        let rows = [HelpRow(keys: "space", action: "play / pause"), HelpRow(keys: "q", action: "quit")]
        let grid = Run("--surface bowl").screen(width: 80, height: 24, help: rows)
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("space  play / pause"))
        #expect(text.contains("q      quit"))
        #expect(text.contains("┌─ keys "))
    }

    @Test func theHelpOverlayCutsWhatDoesNotFit() {
        let rows = (1...30).map { HelpRow(keys: "k\($0)", action: String(repeating: "x", count: 60)) }
        let grid = Run("--surface bowl").screen(width: 40, height: 12, help: rows)
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("k1 "))
        #expect(!text.contains("k30"))
        #expect(text.contains("…"))
        // The rest on later pages, the frame says so.
        #expect(text.contains("? more: 1/"))
    }

    @Test func theHelpOverlayKeepsTheEssentialRowsAndPrefersShortWordingsToCuts() {
        let rows = (1...30).map { HelpRow(keys: "k\($0)", action: "long action \($0)", priority: $0 == 5 ? 90 : 50) }
            + [HelpRow(keys: "?", action: "this help (any other key closes it too)", short: "this help", priority: HelpRow.essential),
               HelpRow(keys: "q", action: "quit", priority: HelpRow.essential)]
        // 40×12 has no title line: 10 rows inside the frame, the essential two, k5 (the
        // most important of the rest), the first seven others in order; the rest on later
        // pages, which the frame's bottom line counts: 32 − 10 = 22 rows, 3 more pages.
        let lines = Run("--surface bowl").screen(width: 40, height: 12, help: rows).lines()
        let inside = lines[1...10].map { $0.dropFirst(2).prefix(36).trimmingCharacters(in: .whitespaces) }
        #expect(inside == ["k1  long action 1", "k2  long action 2", "k3  long action 3", "k4  long action 4",
                           "k5  long action 5", "k6  long action 6", "k7  long action 7", "k8  long action 8",
                           "?   this help", "q   quit"])
        #expect(lines[11].contains(" ? more: 1/4 "))
        // Wide enough: the full wording.
        let wide = Run("--surface bowl").screen(width: 80, height: 40, help: rows).lines().joined(separator: "\n")
        #expect(wide.contains("?    this help (any other key closes it too)"))
        #expect(!wide.contains("more keys"))
        // The smallest screen still shows how to quit and how to close the help.
        let tiny = Run("--surface bowl").screen(width: 20, height: 6, help: rows).lines()
        #expect(tiny[1...4].map { $0.trimmingCharacters(in: .whitespaces) }
                == ["│ k1  long action… │", "│ k5  long action… │", "│ ?   this help    │", "│ q   quit         │"])
    }

    @Test func theHelpOverlayLeavesTheTitleLineAlone() {
        let rows = (1...40).map { HelpRow(keys: "k\($0)", action: "action") }
        for (w, h) in [(80, 24), (70, 20), (57, 19), (160, 48)] {
            let lines = Run("--surface bowl").screen(width: w, height: h, help: rows).lines()
            #expect(lines[0].hasPrefix(" downhill  bowl") && lines[0].hasSuffix("? help  q quit "), "\(w)×\(h)")
            #expect(lines.dropFirst().contains { $0.contains("┌─ keys ") }, "\(w)×\(h)")
        }
    }
}

@Suite struct ANSITests {
    /// `text` without SGR escapes.
    func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test func escapesWrapTheSamePlainText() {
        let grid = Run("--surface rosenbrock", steps: 40).screen(width: 80, height: 24)
        for depth in [ColorDepth.none, .eight, .full] {
            let lines = ansiLines(grid, depth: depth)
            #expect(lines.map(strip) == grid.lines())
            #expect(ansiText(grid, depth: depth) == lines.joined(separator: "\n"))
        }
        let full = ansiText(grid, depth: .full)
        #expect(full.contains("\u{1B}[0;38;5;"))
        #expect(!ansiText(grid, depth: .none).contains("38;5"))
        #expect(!ansiText(grid, depth: .eight).contains("38;5"))
    }

    @Test func sgrSequences() {
        #expect(sgrSequence(TextStyle(foreground: 196, background: 21, bold: true), depth: .full) == "\u{1B}[0;1;38;5;196;48;5;21m")
        #expect(sgrSequence(TextStyle(foreground: 3, dim: true), depth: .eight) == "\u{1B}[0;2;33m")
        #expect(sgrSequence(TextStyle(foreground: 3, reverse: true), depth: .none) == "\u{1B}[0;7m")
    }

    @Test func fewColourPairs() {
        var inks: [Ink] = [.plain, .minimum, .start, .point, .arrow, .statusText, .statusLabel, .statusGood,
                           .statusWarn, .statusBad, .border, .title, .helpText, .helpKey]
        inks += (0..<Palette.bandCount).flatMap { [Ink.band($0), .contour($0)] }
        inks += (0..<4).map { .trail($0) } + (0..<6).map { .racer($0) }
        for depth in [ColorDepth.eight, .full] {
            let pairs = Set(inks.map { ink -> [Int?] in
                let s = Palette.style(for: ink, depth: depth)
                return [s.foreground, s.background]
            })
            #expect(pairs.count < 64)
        }
    }

    @Test func bandsRunFromCoolToWarm() {
        // In the 256-colour cube (16 + 36r + 6g + b) the lowest band is bluer and the
        // highest redder.
        func rgb(_ c: Int) -> (r: Int, g: Int, b: Int) { ((c - 16) / 36, (c - 16) / 6 % 6, (c - 16) % 6) }
        let low = rgb(Palette.style(for: .band(0), depth: .full).foreground!)
        let high = rgb(Palette.style(for: .band(Palette.bandCount - 1), depth: .full).foreground!)
        #expect(low.b > low.r && high.r > high.b)
    }
}

@Suite struct GlyphTests {
    @Test func asciiHasOnlyAscii() {
        let g = Glyphs.ascii
        let all = g.bands + g.contours + g.arrows + g.boxCorners + [g.trailPoint, g.trailSegment, g.start, g.point, g.minimum]
        #expect(all.allSatisfy { $0.isASCII })
        #expect(g.text("f(x,y) = (1−x)² + 100(y−x²)²") == "f(x,y) = (1-x)^2 + 100(y-x^2)^2")
        #expect(g.text("β₁ ⇧Tab ∫").allSatisfy { $0.isASCII })
    }

    @Test func asciiWordsDoNotGlueToTheirNeighbours() {
        // The second trial: lesson 1 scene 2 showed `-lrgradL`, lesson 5 `sqrtv_hat`.
        let g = Glyphs.ascii
        #expect(g.text("the step is −η∇L = (−0.3, −0.24)") == "the step is -lr*grad L = (-0.3, -0.24)")
        #expect(g.text("step = η·m̂/(√v̂ + ε)") == "step = lr*m_hat/(sqrt v_hat + eps)")
        #expect(g.text("√v̂ is much less than ε") == "sqrt v_hat is much less than eps")
        #expect(g.text("θ ← θ − η∇L; ∇L = (2x, 2y); about √κ; √s") == "theta <- theta - lr*grad L; grad L = (2x, 2y); about sqrt kappa; sqrt s")
        // Products and names: a word next to a word or digit takes `*`, so does a letter after a
        // subscript; subscripts and `_t` join; a Greek letter then a Latin one is a name (μt).
        #expect(g.text("2η, λθ, β₁m, ηₜ, Δθ, Πμ") == "2*lr, lambda*theta, beta1*m, lr_t, d theta, prod mu")
        #expect(g.formula("μt ← β₁(1−½·0.96^(tψ)); Πμ ← Πμ·μt") == "mut <- beta1*(1-1/2*0.96^(t*psi)); prod mu <- prod mu*mut")
    }

    @Test func layersNeverShareAGlyphWithTheBands() {
        for g in [Glyphs.unicode, .ascii] {
            let others = Set(g.contours + g.arrows + [g.trailPoint, g.trailSegment, g.start, g.point, g.minimum])
            #expect(Set(g.bands).isDisjoint(with: others))
            #expect(g.bands.count == Palette.bandCount)
        }
    }
}
