import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
@testable import DownhillRender
import TestSupport

/// After the new-user trial (2026-11-30): the help on a laptop's 80×24 and a projector's
/// 60×20, and the panels, the basin map and the status on a narrow 61×19 screen.
@Suite struct NarrowScreenTests {
    /// The help's pages, pressing `?` until it closes: each page's screen lines.
    func helpPages(_ m: inout Model) -> [[String]] {
        var pages: [[String]] = []
        m.press(.char("?"))
        while m.isHelpVisible && pages.count < 10 {
            pages.append(m.view().lines())
            m.press(.char("?"))
        }
        return pages
    }

    @Test func theHelpsPagesListEveryBindingAt80x24And60x20() {
        let rows = KeyBindings.helpRows.count + 4  // every binding, then the legend's four rows
        for unicode in [true, false] {
            let glyphs = Glyphs.forTerminal(unicode: unicode)
            let bar = unicode ? "│ " : "| "
            // The box's rows inside the frame: the rows below the title, less the frame's two.
            for (w, h, capacity) in [(80, 24, 24 - 1 - 2), (60, 20, 20 - 1 - 2)] {
                let label = "\(w)×\(h) \(unicode ? "unicode" : "ascii")"
                // The first page holds `capacity` rows, each further page as many.
                let expected = 1 + (rows - capacity + capacity - 1) / capacity
                var m = model(width: w, height: h, unicode: unicode)
                let pages = helpPages(&m)
                #expect(pages.count == expected, "\(label): \(pages.count) pages")
                #expect(!m.isHelpVisible, "\(label): ? on the last page closes the help")
                for (i, page) in pages.enumerated() {
                    let text = page.joined(separator: "\n")
                    let footer = i + 1 < pages.count ? "? more: \(i + 1)/\(pages.count)" : "\(i + 1)/\(pages.count)"
                    #expect(text.contains(footer), "\(label) page \(i + 1)\n\(text)")
                    #expect(!text.contains("enlarge"), "\(label)")
                    #expect(page[0].hasSuffix("? help  q quit "), "\(label): the title's hint is covered")
                }
                // Every binding of the table, and every legend row, on some page: its keys,
                // then its full or its short wording.
                let all = pages.flatMap { $0 }
                #expect(m.helpRows.count == rows)
                for row in m.helpRows {
                    let keys = glyphs.text(row.keys)
                    let listed = all.contains { line in
                        guard let at = line.range(of: bar + keys + " ") else { return false }
                        let rest = line[at.upperBound...].drop { $0 == " " }
                        return rest.hasPrefix(glyphs.text(row.action)) || row.short.map { rest.hasPrefix(glyphs.text($0)) } == true
                    }
                    #expect(listed, "\(label): no page lists '\(keys)'")
                }
            }
        }
    }

    @Test func theHelpsPagesTurnWithQuestionMarkAndAnyOtherKeyCloses() {
        var m = model(width: 80, height: 24)
        m.press(.char("?"))
        #expect(m.helpPageCount == 2 && m.helpPage == 0)
        m.press(.char("?"))
        #expect(m.isHelpVisible && m.helpPage == 1)
        // Another key closes it from any page, and does its job.
        let lr = m.descent.learningRate
        m.press(.char("+"))
        #expect(!m.isHelpVisible && m.descent.learningRate > lr)
        // Open again: the first page.
        m.press(.char("?"))
        #expect(m.isHelpVisible && m.helpPage == 0)
        m.press(.char("?"), .escape)
        #expect(!m.isHelpVisible)
        // Where everything fits, one page and `?` closes it as before.
        var big = model(width: 100, height: 45)
        big.press(.char("?"))
        #expect(big.helpPageCount == 1 && big.screen.contains("any key closes") && !big.screen.contains("more:"))
        big.press(.char("?"))
        #expect(!big.isHelpVisible)
        // A page left behind by a resize is kept in range.
        m.press(.char("?"), .char("?"))
        m.update(.resize(width: 100, height: 45))
        #expect(m.view().lines().joined().contains("q Ctrl-C"))
    }

    @Test func theBasinMapStaysInViewOnANarrowScreen() {
        var m = model("--surface himmelblau", width: 61, height: 19)
        m.step(4)
        m.press(.char("a"))
        while m.hasPendingWork { m.update(.work) }
        let lines = m.view().lines()
        assertSnapshot(lines, named: "app-basins-himmelblau-61x19")
        // The plot's rows (1 to 15) are the map's letters, the legend one line over the
        // plot's bottom row, the status two lines.
        let layout = ScreenLayout(width: 61, height: 19, sidebar: true)
        #expect(layout.sidebar == nil && layout.plot.rows == 16)
        let map = lines[1...15].joined()
        for letter in "abcd" { #expect(map.filter { $0 == letter }.count > 50, "\(letter)\n\(lines.joined(separator: "\n"))") }
        #expect(lines[16].hasPrefix(" basins: a ") && lines[16].contains("×"))
        // With another panel the panels cover the plot as before, the legend among them.
        m.press(.char("i"))
        let covered = m.view().lines()
        #expect(covered.contains { $0.hasPrefix(" ─ basins · gd · 100 steps") })
        #expect(covered.contains { $0.hasPrefix(" ─ stability · gd") })
    }

    @Test func fullWidthPanelsHaveNoBorderOnTheirLeft() {
        var m = model("--surface himmelblau", width: 61, height: 19)
        m.step(4)
        m.press(.char("i"), .char("m"))
        let lines = m.view().lines()
        assertSnapshot(lines, named: "app-gauge-maths-himmelblau-61x19")
        m.press(.char("i"), .char("m"), .char("w"))
        while m.hasPendingWork { m.update(.work) }
        let sweep = m.view().lines()
        for screen in [lines, sweep] {
            // Rows 1 to 16 are the panels' area: none starts with a frame line.
            #expect(!screen[1...16].contains { $0.hasPrefix("│") }, "\(screen.joined(separator: "\n"))")
        }
        #expect(lines[1].hasPrefix(" ─ stability · gd ─"))
        #expect(sweep[1].hasPrefix(" ─ η sweep · gd · 100 steps ─"), "\(sweep.joined(separator: "\n"))")
    }

    @Test func theStatusFitsTwoLinesFrom60Columns() {
        var m = model("--surface himmelblau", width: 61, height: 19)
        m.step(4)
        let lines = m.view().lines()
        #expect(ScreenLayout(width: 61, height: 19).statusRows == 17..<19)
        // SPEC §6's fields on the two lines; the gradient's norm (and the speed) left out.
        #expect(lines[17].hasPrefix("paused  himmelblau  gd  lr 0.01"))
        #expect(lines[18].hasPrefix("step 4  x  0.956002  y  1.21566"), "\(lines[18])")
        #expect(lines[18].contains("loss 99.5340"))
        // Below 60 columns, three lines again.
        #expect(ScreenLayout(width: 59, height: 19).statusRows == 16..<19)
        #expect(ScreenLayout(width: 60, height: 19).statusRows == 17..<19)
        // A wide first line of the common fields fits at 60 columns.
        var far = model("--surface linear-regression --optimizer momentum --lr 1000", width: 60, height: 20)
        far.step(20)
        let status = far.view().lines().suffix(2).joined(separator: "\n")
        for field in ["diverged at step", "linear-regression", "momentum", "lr 1000", "step ", "w ", "b ", "loss "] {
            #expect(status.contains(field), "\(field)\n\(status)")
        }
    }

    @Test func noticesFitInAShorterWordingAndAreNeverCutInsideAWord() {
        // 30×8: six plot rows, notices of up to three lines of 28 columns. The long wording
        // needs four there, the first shorter one three.
        var m = model(width: 30, height: 8)
        m.press(.char("t"))
        let lines = m.view().lines()
        #expect(lines[3...5].map { $0.trimmingCharacters(in: .whitespaces) }
                == ["terrain: needs a plot of", "30×10 cells; enlarge the", "window"], "\(lines.joined(separator: "\n"))")
        // Where the long wording fits, it is shown.
        m.update(.resize(width: 40, height: 10))
        #expect(m.screen.contains("the terrain view needs a plot of 30×10"))
        // A notice too long for its lines ends in an ellipsis after a whole word.
        let glyphs = Glyphs.unicode
        #expect(Screen.cutAtWord("showing the contour plot until the window grows", to: 28, glyphs) == "showing the contour plot …")
        #expect(Screen.cutAtWord("short", to: 28, glyphs) == "short")
    }

    @Test func asciiFormulasWriteTheirProductsAndEndACutWithAnEllipsis() {
        let ascii = Glyphs.ascii
        #expect(ascii.formula("m ← β₁m+(1−β₁)g") == "m <- beta1*m+(1-beta1)*g")
        #expect(ascii.formula("θ ← θ − η·m̂/(√v̂ + ε)") == "theta <- theta - lr*m_hat/(sqrt(v_hat) + eps)")
        #expect(ascii.formula("θ ← θ(1−ηλ); g ← ∇L + λθ") == "theta <- theta*(1-lr*lambda); g <- grad L + lambda*theta")
        // A name stays one name, a function keeps its call.
        #expect(ascii.formula("ρt ← ρ∞ − 2tβ₂ᵗ; u ← max(β₂u, |g|+ε)") == "rhot <- rhoinf - 2t*beta2^t; u <- max(beta2*u, |g|+eps)")
        #expect(Glyphs.unicode.formula("m ← β₁m+(1−β₁)g") == "m ← β₁m+(1−β₁)g")
        // Adam's panel at 80×24 in ASCII: every part of the formula whole, the long one
        // wrapped at a space.
        var m = model("--surface himmelblau --optimizer adam", unicode: false)
        m.step(5)
        m.press(.char("m"))
        let text = m.screen
        for part in ["m <- beta1*m+(1-beta1)*g;", "v <- beta2*v+(1-beta2)*g^2;", "theta <- theta -", "  lr*m_hat/(sqrt(v_hat) + eps)"] {
            #expect(text.contains("| " + part), "\(part)\n\(text)")
        }
        // Too long for any line: cut between two symbols, then the ellipsis.
        #expect(MathsTable.cut("theta <- theta - lr*m_hat/(sqrt(v_hat)", to: 24, ascii) == "theta <- theta - lr*...")
        #expect(MathsTable.formulaLines("abcdefghijklmnopqrstuvwxyz/abcdefghij", width: 20, glyphs: ascii) == ["abcdefghijklmnopq..."])
    }
}
