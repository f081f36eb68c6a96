import DownhillCore

/// The basin map over the plot (`a`, `frame --show basins`, SPEC §9): every cell of the
/// plot shaded by where the run from its centre ends — a letter per minimum (`a`, `b`, …,
/// in the colour of the racer of that slot), `·` where the step budget ran out away from
/// every minimum, `×` where the run diverged. While the map is computed, a pending cell
/// shows its coarser neighbour's outcome; the trail, start, minima and point are drawn on
/// top as usual.
public enum BasinLayer {
    /// The letter of minimum `index` (a … z, then again).
    public static func letter(_ index: Int) -> Character {
        Character(Unicode.Scalar(UInt8(97 + abs(index) % 26)))
    }

    /// The glyph and ink of an outcome.
    public static func cell(_ outcome: BasinMap.Outcome, glyphs: Glyphs) -> Cell {
        switch outcome {
        case .minimum(let i): Cell(letter(i), .racerTrail(i))
        case .notArrived: Cell(glyphs.isUnicode ? "·" : ".", .ghost)
        case .diverged: Cell(glyphs.isUnicode ? "×" : "x", .gauge(2))
        }
    }

    /// Draws `map` over the plot area of `viewport` (the map's grid is the area's cells).
    public static func draw(_ map: BasinMap, viewport: Viewport, glyphs: Glyphs, into grid: inout CellGrid) {
        let area = viewport.area
        guard map.columns == area.columns, map.rows == area.rows else { return }
        for r in 0..<map.rows {
            for c in 0..<map.columns {
                guard let outcome = map.shown(column: c, row: r) else { continue }
                grid[area.left + c, area.top + r] = cell(outcome, glyphs: glyphs)
            }
        }
    }
}

/// The basin map's legend in the sidebar: each minimum with its letter, where it is and
/// the share of the view's cells whose run reaches it; then the cells that did not arrive
/// and those that diverged. The shares are of the cells computed so far (the title says
/// how far the map is).
///
/// ```
/// ─ basins · gd · 100 steps ───
/// a (3, 2)                 26%
/// b (-2.805, 3.131)        22%
/// · not arrived             4%
/// ```
public struct BasinLegendContent: SidePanel {
    public var optimizer: String
    public var steps: Int
    public var minima: [Vector2]
    public var counts: (minima: [Int], notArrived: Int, diverged: Int)
    /// Cells computed, of all.
    public var computed: Int
    public var total: Int

    public init(map: BasinMap) {
        optimizer = map.template.optimizer.name
        steps = map.steps
        minima = map.minima
        counts = map.counts
        computed = map.computed
        total = map.columns * map.rows
    }

    public var panelName: String { "basins" }

    /// The legend's lines: (glyph cell, text, share in percent).
    func entries(glyphs: Glyphs) -> [(cell: Cell, text: String, percent: Int)] {
        let n = max(1, computed)
        func percent(_ k: Int) -> Int { Int((100 * Double(k) / Double(n)).rounded()) }
        var out: [(Cell, String, Int)] = []
        for (i, m) in minima.enumerated() where counts.minima[i] > 0 {
            out.append((BasinLayer.cell(.minimum(i), glyphs: glyphs),
                        "(\(StatusBar.compact(m.x, digits: 4)), \(StatusBar.compact(m.y, digits: 4)))", percent(counts.minima[i])))
        }
        if counts.notArrived > 0 { out.append((BasinLayer.cell(.notArrived, glyphs: glyphs), "not arrived", percent(counts.notArrived))) }
        if counts.diverged > 0 { out.append((BasinLayer.cell(.diverged, glyphs: glyphs), "diverged", percent(counts.diverged))) }
        return out
    }

    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .fixed(1 + max(1, entries(glyphs: glyphs).count)) }

    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let progress = computed < total ? ["\(computed * 100 / max(1, total))%"] : []
        SidePanels.drawTitle(["basins", optimizer, "\(steps) steps"] + progress, in: rect, glyphs: glyphs, into: &grid)
        let entries = entries(glyphs: glyphs)
        if entries.isEmpty {
            SidePanels.put([StatusBar.Run("computing…", .statusLabel)], in: rect, row: rect.top + 1, glyphs: glyphs, into: &grid)
        }
        for (k, entry) in entries.enumerated() where k + 1 < rect.rows {
            let row = rect.top + 1 + k
            grid[rect.left, row] = entry.cell
            let share = "\(entry.percent)%"
            SidePanels.put([StatusBar.Run(" " + entry.text, .statusText)], in: CellRect(left: rect.left + 1, top: row,
                           columns: max(0, rect.columns - 1 - share.count - 1), rows: 1), row: row, glyphs: glyphs, into: &grid)
            grid.put(share, column: rect.left + rect.columns - share.count, row: row, ink: .statusText)
        }
    }
}

extension BasinLegendContent: PlotLegend {
    /// The legend in a line or two for a narrow screen: `basins: a 18%  b 18%  × 24%` (the
    /// progress after `basins` while the map fills in), each letter in its colour; the
    /// minima's coordinates are left to their `★` on the plot.
    public func strip(width: Int, glyphs: Glyphs) -> [[StatusBar.Run]] {
        let progress = computed < total ? " \(computed * 100 / max(1, total))%" : ""
        var lines: [[StatusBar.Run]] = [[StatusBar.Run("basins" + progress + ":", .title)]]
        var used = lines[0][0].text.count
        let entries = entries(glyphs: glyphs)
        if entries.isEmpty {
            lines[0].append(StatusBar.Run(" computing…", .statusLabel))
            return lines
        }
        for entry in entries {
            let item = [StatusBar.Run(String(entry.cell.glyph), entry.cell.ink), StatusBar.Run(" \(entry.percent)%", .statusText)]
            let itemWidth = item.reduce(0) { $0 + $1.text.count }
            if used + 2 + itemWidth > width && used > 0 {
                lines.append([])
                used = 0
            }
            if used > 0 {
                // One space after the heading, two between entries.
                let gap = lines.count == 1 && lines[0].count == 1 ? " " : "  "
                lines[lines.count - 1].append(StatusBar.Run(gap, .statusText))
                used += gap.count
            }
            lines[lines.count - 1] += item
            used += itemWidth
        }
        return lines
    }
}
