import Foundation
import Testing
import DownhillCore
@testable import DownhillRender
import TestSupport

/// The panels' building blocks: history thinning, chart scale and dots, the gauge bar,
/// the sidebar layout, notices, and that no panel ever draws outside its rectangle.
@Suite struct LossHistoryTests {
    @Test func thinningKeepsTheWholeRunInBoundedMemory() {
        var h = LossHistory(step: 0, loss: 100)
        for k in 1...10_000 { h.record(step: k, loss: 100 / Double(k + 1)) }
        #expect(h.samples.count <= LossHistory.capacity)
        // 10 001 samples thinned by halving: the stride is the first power of two that
        // brings 10 001/stride under 1024, 16 (10 000/16 + 1 = 626 samples).
        #expect(h.stride == 16 && h.samples.count == 626)
        #expect(h.samples.first == LossSample(step: 0, loss: 100))
        #expect(h.samples.allSatisfy { $0.step % 16 == 0 })
        #expect(h.latest == LossSample(step: 10_000, loss: 100 / 10_001.0))
    }
}

@Suite struct LossChartTests {
    @Test func theScaleIsLogarithmicOverWholeDecadesWhenTheLossSpansThem() {
        let log = LossChart.Scale(values: [12.5, 0.003, 1])!
        #expect(log.isLogarithmic && log.low == 0.001 && log.high == 100)
        #expect(abs(log.fraction(1) - 0.6) < 1e-12)  // 3 of 5 decades up
        // Linear on a 1-2-5 grid: (12.5 − 3.3)/4 = 2.3 → divisions of 5, so [0, 15].
        let linear = LossChart.Scale(values: [12.5, 3.3])!
        #expect(!linear.isLogarithmic && linear.low == 0 && linear.high == 15)
        #expect(LossChart.niceCeiling(2.3) == 5 && LossChart.niceCeiling(101) == 200 && LossChart.niceCeiling(10) == 10)
        // Negative losses (six-hump camel) are never logged.
        #expect(LossChart.Scale(values: [-1.03, 200])!.isLogarithmic == false)
        // One value: widened so it sits in the middle.
        let flat = LossChart.Scale(values: [2, 2])!
        #expect(flat.low < 2 && flat.high > 2 && abs(flat.fraction(2) - 0.5) < 1e-12)
        #expect(LossChart.Scale(values: [Double.nan, .infinity]) == nil)
    }

    @Test func brailleDotsFollowTheUnicodeNumbering() {
        // U+2800 + bits; dot 1 is bit 0, dot 4 bit 3, dot 7 bit 6, dot 8 bit 7.
        #expect(LossChart.glyph(LossChart.dotBit(0, 0, unicode: true), unicode: true) == "⠁")
        #expect(LossChart.glyph(LossChart.dotBit(1, 0, unicode: true), unicode: true) == "⠈")
        #expect(LossChart.glyph(LossChart.dotBit(0, 3, unicode: true), unicode: true) == "⡀")
        #expect(LossChart.glyph(LossChart.dotBit(1, 3, unicode: true), unicode: true) == "⢀")
        var all: UInt8 = 0
        for x in 0..<2 { for y in 0..<4 { all |= LossChart.dotBit(x, y, unicode: true) } }
        #expect(LossChart.glyph(all, unicode: true) == "⣿")
        #expect(LossChart.glyph(1, unicode: false) == "'" && LossChart.glyph(2, unicode: false) == "." &&
                LossChart.glyph(3, unicode: false) == ":")
    }

    @Test func aGeometricDecayIsAStraightLineOnTheLogAxis() {
        // loss = 10^(2 − k/25) for k = 0…100: from 100 down to 0.01, four decades, falling
        // one dot row per dot column on a chart of 2·25 dots by 4·… dots.
        var h = LossHistory(step: 0, loss: 100)
        for k in 1...100 { h.record(step: k, loss: pow(10, 2 - Double(k) / 25)) }
        let rect = CellRect(left: 0, top: 0, columns: 8 + 26, rows: 2 + 10)
        var grid = CellGrid(width: rect.columns, height: rect.rows)
        LossChart.draw([LossSeries(history: h, ink: .trail(0))], in: rect, glyphs: .unicode, into: &grid)
        let lines = grid.lines()
        #expect(lines[0].contains("loss · log scale"))
        #expect(lines[1].hasPrefix("    100│") && lines[10].hasPrefix("   0.01│"))
        #expect(lines[11].hasSuffix("100") && lines[11].contains("step"))
        // The line enters at the top-left cell and leaves at the bottom-right one.
        #expect(grid[8, 1].glyph != " " && grid[33, 10].glyph != " ")
        #expect(grid[33, 1].glyph == " " && grid[8, 10].glyph == " ")
    }

    @Test func aRunThatBlowsUpDoesNotSetTheScale() {
        var good = LossHistory(step: 0, loss: 10)
        var bad = LossHistory(step: 0, loss: 10)
        for k in 1...20 {
            good.record(step: k, loss: 10 / Double(k + 1))
            bad.record(step: k, loss: 10 * pow(4, Double(k)))
        }
        let series = [LossSeries(history: bad, ink: .ghost), LossSeries(history: good, ink: .trail(0))]
        #expect(series[0].isBlowingUp && !series[1].isBlowingUp)
        var grid = CellGrid(width: 40, height: 12)
        LossChart.draw(series, in: CellRect(left: 0, top: 0, columns: 40, rows: 12), glyphs: .unicode, into: &grid)
        #expect(grid.lines()[1].hasPrefix("     10│"), "\(grid.lines()[1])")
    }
}

/// The stability reading of `rule` at η on `surface` at `p` (readings come from descents only).
func reading(_ surface: any LossSurface = Surfaces.valley, _ rule: some UpdateRule = GD(), lr: Double,
             at p: Vector2 = Vector2(1, 1)) -> StabilityReading {
    StabilityReading.at(descent(surface, rule, lr: lr, start: p))!
}

/// The gauge's curvature content for `rule` at η on valley at (1, 1), where λmin = 2.
func curvature(_ rule: some UpdateRule, lr: Double) -> StabilityContent {
    .curvature(name: rule.name, learningRate: lr, reading(Surfaces.valley, rule, lr: lr),
               limitFormula: rule.stabilityLimit?.formula, lambdaMin: 2)
}

@Suite struct GaugeAndTableTests {
    @Test func theBarFillsToTheProductAndMarksTheLimit() {
        // η·λmax = 1.6 of a limit 2, on a 30-cell bar spanning 0…3: 16 cells filled, the
        // mark at 30/1.5 = 20.
        let r = reading(lr: 0.08)
        #expect(r.lambdaMax == 20 && r.limit == 2 && abs(r.product - 1.6) < 1e-12)
        var grid = CellGrid(width: 30, height: 1)
        StabilityGauge.drawBar(r, ink: StabilityGauge.level(r), in: CellRect(left: 0, top: 0, columns: 30, rows: 1),
                               row: 0, glyphs: .unicode, into: &grid)
        #expect(grid.lines()[0] == String(repeating: "━", count: 16) + String(repeating: "─", count: 4) + "┃"
                + String(repeating: "─", count: 9))
        #expect(StabilityGauge.level(r) == .gauge(0))
        #expect(StabilityGauge.level(reading(lr: 0.095)) == .gauge(1))
        #expect(StabilityGauge.level(reading(lr: 0.11)) == .gauge(2))
        // Far beyond the limit: a full bar, never more; the mark at round(10/1.5) = 7.
        var over = CellGrid(width: 10, height: 1)
        StabilityGauge.drawBar(reading(lr: 1e300), ink: .gauge(2),
                               in: CellRect(left: 0, top: 0, columns: 10, rows: 1), row: 0, glyphs: .ascii, into: &over)
        #expect(over.lines()[0] == "=======|==")
    }

    @Test func theLinesNameTheLimitOfEachRule() {
        // Heavy-ball momentum on valley, μ = 0.9: limit 2 + 2μ = 3.8, η < 3.8/20 = 0.19.
        let momentum = StabilityGauge.lines(curvature(Momentum(), lr: 0.15))
        #expect(momentum == ["λmax 20   η 0.15", "η·λmax 3 < 3.8 = 2+2μ", "stable iff η < 0.19"])
        // Nesterov: (2 + 2μ)/(1 + 2μ) = 3.8/2.8.
        let nesterov = StabilityGauge.lines(curvature(Momentum(nesterov: true), lr: 0.05))
        #expect(nesterov[1] == "η·λmax 1 < 1.357 = (2+2μ)/(1+2μ)")
        // rastrigin on a crest, (0.5, 0.5): f'' = 2 + 40π²·cos(π) < 0 on both axes.
        let crest = reading(Surfaces.rastrigin, lr: 0.01, at: Vector2(0.5, 0.5))
        #expect(crest.lambdaMax < 0)
        let crestLines = StabilityGauge.lines(.curvature(name: "gd", learningRate: 0.01, crest, limitFormula: nil,
                                                         lambdaMin: crest.lambdaMax))
        #expect(crestLines[2] == "λmax ≤ 0: no limit on η here")
        #expect(crestLines[3] == "λmin " + StatusBar.compact(crest.lambdaMax) + " < 0: unstable along it at any η")
    }

    @Test func aSaddleSaysItsNegativeDirectionIsUnstableAtAnyRate() {
        // saddle, f = x² − y²: Hessian diag(2, −2) everywhere; gd limit 2, so η < 2/2 = 1
        // along x, while y diverges at any η.
        let d = descent(Surfaces.saddle, GD(), lr: 0.05, start: Vector2(1, 1))
        let content = StabilityContent(d)
        #expect(StabilityGauge.lines(content)
                == ["λmax 2   η 0.05", "η·λmax 0.1 < 2", "stable along λmax iff η < 1", "λmin -2 < 0: unstable along it at any η"])
        // On the 32-column panel of an 80-column screen: the last two wrap between words.
        var grid = CellGrid(width: 32, height: 8)
        let rect = CellRect(left: 0, top: 0, columns: 32, rows: 8)
        #expect(StabilityGauge.rows(content, width: 32, glyphs: .unicode) == 7)
        StabilityGauge.draw(content, in: rect, glyphs: .unicode, into: &grid)
        let lines = grid.lines().map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(Array(lines[4...6]) == ["stable along λmax iff η < 1", "λmin -2 < 0: unstable along it", "  at any η"])
        #expect(grid[0, 5].ink == .statusWarn)
        // A bowl (λmin = λmax = 2) has no such line.
        let bowl = descent(Surfaces.bowl, GD(), lr: 0.05, start: Vector2(1, 1))
        #expect(StabilityGauge.lines(StabilityContent(bowl)).count == 3)
    }

    @Test func gaugeLinesWrapBetweenTheirPartsNeverInsideAFormula() {
        // Nesterov at 32 columns (an 80-column screen): the limit's formula goes to its own line.
        let nesterov = curvature(Momentum(nesterov: true), lr: 0.04)
        let line = StabilityGauge.paragraphs(nesterov)[1]
        #expect(StabilityGauge.wrap(line, width: 32, glyphs: .unicode) == ["η·λmax 0.8 < 1.357", "  = (2+2μ)/(1+2μ)"])
        #expect(StabilityGauge.wrap(line, width: 34, glyphs: .unicode) == ["η·λmax 0.8 < 1.357 = (2+2μ)/(1+2μ)"])
        #expect(StabilityGauge.wrap(line, width: 32, glyphs: .ascii) == ["lr*lambdamax 0.8 < 1.357", "  = (2+2*mu)/(1+2*mu)"])
        #expect(StabilityGauge.rows(nesterov, width: 32, glyphs: .unicode) == 6)
        // A part wider than the panel is cut with an ellipsis, never silently.
        #expect(StabilityGauge.wrap(line, width: 12, glyphs: .unicode) == ["η·λmax 0.8 …", "  = (2+2μ)/…"])
        #expect(StabilityGauge.wrap(line, width: 12, glyphs: .ascii) == ["lr*lambda...", "  = (2+2*..."])
    }

    @Test func theFormulaWrapsAtItsSemicolons() {
        #expect(MathsTable.formulaLines(Momentum().formula, width: 40, glyphs: .unicode) == ["b ← μ·b + g; θ ← θ − η·b"])
        #expect(MathsTable.formulaLines(Momentum().formula, width: 20, glyphs: .unicode) == ["b ← μ·b + g;", "θ ← θ − η·b"])
        let adam = MathsTable.formulaLines(Adam().formula, width: 32, glyphs: .unicode)
        #expect(adam.count == 3 && adam[2] == "θ ← θ − η·m_hat/(√v_hat + ε)")
        let asciiLines = MathsTable.formulaLines(Adam().formula, width: 32, glyphs: .ascii)
        #expect(asciiLines.allSatisfy { line in line.allSatisfy { $0.isASCII } })
    }

    @Test func bothGlyphSetsHaveADistinctHeadForEveryRacer() {
        // One per racer slot: seven (one per optimizer) before lineups could repeat a rule,
        // now Race.maximumRacers.
        for g in [Glyphs.unicode, .ascii] {
            #expect(g.racers.count == Race.maximumRacers && Set(g.racers).count == Race.maximumRacers && g.ghostHeads.count == 4)
            #expect(Set(g.racers).isDisjoint(with: Set(g.bands + g.contours + [g.trailPoint, g.trailSegment, g.start, g.minimum])))
        }
        let ascii = Glyphs.ascii
        let extras = ascii.racers + ascii.ghostHeads + [ascii.gaugeFill, ascii.gaugeTrack, ascii.gaugeLimit, ascii.selection,
                                                        ascii.droppedOut]
        #expect(extras.allSatisfy { $0.isASCII })
        #expect(Glyphs.unicode.text("m̂ and v̂") == "m_hat and v_hat")
        #expect(Glyphs.unicode.text("θ ← θ − η·g") == "θ ← θ − η·g")
    }
}

@Suite struct SidebarTests {
    static let everything = Panels([
        // The first seven rules at one η, labelled as the app labels them.
        RaceLegendContent(RaceLegend.labels(UpdateRules.all.prefix(7).map { ($0, 0.001) }).enumerated().map { i, label in
            LegendEntry(slot: i, label: label, step: 10, loss: Double(i), divergedAt: i == 6 ? 3 : nil, isSelected: i == 0)
        }),
        curvature(GD(), lr: 0.08),
        MathsContent(name: "adam", formula: Adam().formula,
                     record: StepRecord(t: 1, gradient: Vector2(1, 2), state: Adam().mathsRows(Adam().initialState(), t: 1),
                                        delta: Vector2(-0.1, -0.1))),
        LossChartContent([LossSeries(history: LossHistory(step: 0, loss: 1), ink: .racer(0))]),
    ])

    /// The names of the panels placed, top to bottom.
    static func names(_ placed: [(index: Int, rect: CellRect)], _ panels: Panels = everything) -> [String] {
        placed.map { panels.items[$0.index].panelName }
    }

    @Test func theSidebarNeedsFortyPlotColumnsBesideIt() {
        #expect(ScreenLayout(width: 80, height: 24, sidebar: true).sidebar == CellRect(left: 46, top: 1, columns: 34, rows: 21))
        #expect(ScreenLayout(width: 160, height: 48, sidebar: true).sidebar == CellRect(left: 104, top: 1, columns: 56, rows: 45))
        #expect(ScreenLayout(width: 74, height: 24, sidebar: true).plot.columns == 40)
        #expect(ScreenLayout(width: 73, height: 24, sidebar: true).sidebar == nil)
        #expect(ScreenLayout(width: 40, height: 12, sidebar: true).sidebar == nil)
        #expect(ScreenLayout(width: 160, height: 48).sidebar == nil)
    }

    @Test func panelsStackInOrderAndThoseThatDoNotFitAreHidden() {
        let area = CellRect(left: 0, top: 0, columns: 32, rows: 21)
        let placed = SidePanels.layout(Self.everything, in: area, glyphs: .unicode)
        // legend 9 rows, gauge 5; the maths (1 + 3 + 7 = 11) would leave the chart no room.
        #expect(Self.names(placed) == ["legend", "gauge", "chart"])
        #expect(placed.map { $0.rect.rows } == [9, 5, 7])
        let tall = SidePanels.layout(Self.everything, in: CellRect(left: 0, top: 0, columns: 32, rows: 45), glyphs: .unicode)
        #expect(Self.names(tall) == ["legend", "gauge", "maths", "chart"])
        #expect(tall.last!.rect.rows == 45 - 9 - 5 - 11)
        #expect(SidePanels.layout(Self.everything, in: CellRect(left: 0, top: 0, columns: 32, rows: 4), glyphs: .unicode).isEmpty)
    }

    @Test func noPanelDrawsOutsideTheSidebar() {
        // Fill the grid with a sentinel, draw the sidebar into a window of it, and check
        // that every cell outside the window is untouched, at many sizes and both glyph sets.
        let sentinel = Cell("§", .plain)
        for glyphs in [Glyphs.unicode, .ascii] {
            for columns in [3, 8, 17, 34, 56] {
                for rows in [1, 2, 5, 9, 21, 45] {
                    var grid = CellGrid(width: columns + 10, height: rows + 6, fill: sentinel)
                    let side = CellRect(left: 5, top: 3, columns: columns, rows: rows)
                    SidePanels.draw(Self.everything, in: side, glyphs: glyphs, into: &grid)
                    for r in 0..<grid.height {
                        for c in 0..<grid.width where !side.contains(column: c, row: r) {
                            #expect(grid[c, r] == sentinel, "\(columns)×\(rows) wrote (\(c), \(r))")
                        }
                    }
                }
            }
        }
    }

    @Test func noticesWrapAtSpacesAndNeverPassThreeLinesOnAShortPlot() {
        var grid = CellGrid(width: 30, height: 10)
        Screen.drawNotice("downhill --surface linear-regression --optimizer rmsprop --lr 0.1", glyphs: .unicode,
                          in: CellRect(left: 0, top: 0, columns: 30, rows: 8), into: &grid)
        let lines = grid.lines().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines[4].isEmpty)
        #expect(lines[5] == "downhill --surface")
        #expect(lines[6] == "linear-regression")
        #expect(lines[7] == "--optimizer rmsprop --lr 0.1")
        #expect((5...7).allSatisfy { r in (0..<30).allSatisfy { grid[$0, r].ink == .notice } })
        var short = CellGrid(width: 20, height: 10)
        Screen.drawNotice(String(repeating: "word ", count: 30), glyphs: .ascii,
                          in: CellRect(left: 0, top: 2, columns: 20, rows: 6), into: &short)
        #expect(short.lines()[4].allSatisfy { $0 == " " })
        #expect(short.lines()[7].hasSuffix("... "))
        // A tall plot gives a long notice up to half its rows.
        var tall = CellGrid(width: 20, height: 20)
        Screen.drawNotice(String(repeating: "word ", count: 30), glyphs: .ascii,
                          in: CellRect(left: 0, top: 0, columns: 20, rows: 20), into: &tall)
        #expect(tall.lines()[9].allSatisfy { $0 == " " } && tall.lines()[10].hasPrefix(" word"))
    }

    @Test func noticesStayInThePlotsColumnsBesideThePanels() {
        // A plot of 12 columns beside a sidebar from column 12: the notice wraps in the plot.
        let sentinel = Cell("§", .plain)
        var grid = CellGrid(width: 20, height: 6, fill: sentinel)
        Screen.drawNotice("ghosts compare learning rates", glyphs: .unicode,
                          in: CellRect(left: 0, top: 0, columns: 12, rows: 6), into: &grid)
        #expect(grid.lines().map { String($0.prefix(12)) }.suffix(3) == [" ghosts     ", " compare    ", " learning … "])
        #expect((0..<6).allSatisfy { r in (12..<20).allSatisfy { grid[$0, r] == sentinel } })
    }
}
