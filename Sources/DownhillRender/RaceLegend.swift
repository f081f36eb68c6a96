import Foundation
import DownhillCore

/// One racer's row in the race legend.
public struct LegendEntry: Equatable, Sendable {
    /// The racer's slot: its colour (``Ink/racer(_:)``) and head glyph (``Glyphs/racer(_:)``).
    public var slot: Int
    public var optimizer: OptimizerKind
    public var learningRate: Double
    /// Updates taken, and the full loss at the racer's point.
    public var step: Int
    public var loss: Double
    /// The step at which the racer diverged (it dropped out there), or nil.
    public var divergedAt: Int?
    /// True for the racer that `+`/`-` adjust (`Tab` selects).
    public var isSelected: Bool

    public init(slot: Int, optimizer: OptimizerKind, learningRate: Double, step: Int, loss: Double,
                divergedAt: Int?, isSelected: Bool) {
        self.slot = slot
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.step = step
        self.loss = loss
        self.divergedAt = divergedAt
        self.isSelected = isSelected
    }
}

/// The race legend: a title with the step, then one row per racer in rank order:
/// selection mark, rank, head glyph, optimizer, learning rate and loss, or, for a racer
/// that diverged, the step at which it dropped out.
///
/// ```
/// ─ race · step 120 ─────────────
///  #   optimizer lr      loss
/// ▸1 ▲ momentum 0.0005  0.0123
///  2 ● gd       0.001   0.412
///  3 ■ adam     0.02    ✗ step 31
/// ```
public enum RaceLegend {
    /// Columns of the fixed part of a row: mark, rank, glyph, name, learning rate.
    static let nameColumn = 5, lrColumn = 14, lossColumn = 22

    /// Rows the legend needs: the title, the header and one per racer.
    public static func rows(_ entries: [LegendEntry]) -> Int { entries.count + 2 }

    /// Draws the legend into `rect` (entries already ranked, best first).
    public static func draw(_ entries: [LegendEntry], in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let step = entries.map(\.step).max() ?? 0
        SidePanels.drawTitle(["race", "step \(step)"], in: rect, glyphs: glyphs, into: &grid)
        guard rect.rows > 1 else { return }
        let header = pad(" #", nameColumn) + pad("optimizer", lrColumn - nameColumn) + pad("lr", lossColumn - lrColumn) + "loss"
        SidePanels.put([StatusBar.Run(header, .statusLabel)], in: rect, row: rect.top + 1, glyphs: glyphs, into: &grid)
        // Significant digits of the loss: as many as the room after the fixed columns allows
        // (`-1.23e-05` takes digits + 6 columns).
        let digits = max(3, min(6, rect.columns - lossColumn - 6))
        for (rank, e) in entries.enumerated() where rank + 2 < rect.rows {
            let mark = e.isSelected ? String(glyphs.selection) : " "
            let fixed = mark + String(rank + 1) + " "
            var runs: [StatusBar.Run] = [
                StatusBar.Run(fixed, e.isSelected ? .title : .statusLabel),
                StatusBar.Run(String(glyphs.racer(e.slot)), .racer(e.slot)),
                StatusBar.Run(" " + pad(e.optimizer.name, lrColumn - nameColumn), e.isSelected ? .title : .statusText),
                StatusBar.Run(pad(StatusBar.compact(e.learningRate, digits: 3), lossColumn - lrColumn), .statusText),
            ]
            if let k = e.divergedAt {
                runs.append(StatusBar.Run("\(glyphs.droppedOut) step \(k)", .statusBad))
            } else {
                runs.append(StatusBar.Run(StatusBar.compact(e.loss, digits: digits), .statusText))
            }
            SidePanels.put(runs, in: rect, row: rect.top + 2 + rank, glyphs: glyphs, into: &grid)
        }
    }

    /// `s` padded with spaces to `width` columns (never cut).
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
