import Foundation
import DownhillCore

/// One racer's row in the race legend.
public struct LegendEntry: Equatable, Sendable {
    /// The racer's slot: its colour (``Ink/racer(_:)``) and head glyph (``Glyphs/racer(_:)``).
    public var slot: Int
    /// What sets this racer apart from the others (`gd η 0.02`, `μ 0.5`), see the app's lineup labels.
    public var label: String
    /// Updates taken, and the full loss at the racer's point.
    public var step: Int
    public var loss: Double
    /// The step at which the racer diverged (it dropped out there), or nil.
    public var divergedAt: Int?
    /// True for the racer that `+`/`-` adjust (`Tab` selects).
    public var isSelected: Bool

    public init(slot: Int, label: String, step: Int, loss: Double, divergedAt: Int?, isSelected: Bool) {
        self.slot = slot
        self.label = label
        self.step = step
        self.loss = loss
        self.divergedAt = divergedAt
        self.isSelected = isSelected
    }
}

/// The race legend: a title with the step, then one row per racer in rank order:
/// selection mark, rank, head glyph, the racer's label (what sets it apart, see
/// ``labels(_:)``) and loss, or, for a racer that diverged, the step at which it dropped out.
///
/// ```
/// ─ race · step 120 ─────────────
///  #   racer          loss
/// ▸1 ▲ η 0.05         0.0123
///  2 ● η 0.02         0.412
///  3 ■ η 0.11         ✗ step 31
/// ```
public enum RaceLegend {
    /// Columns before the label: mark, rank, glyph and a space.
    static let labelColumn = 5
    /// The loss column starts at least this far in, and keeps at least ``lossWidth`` columns.
    static let minimumLossColumn = 16, lossWidth = 9

    /// Rows the legend needs: the title, the header and one per racer.
    public static func rows(_ entries: [LegendEntry]) -> Int { entries.count + 2 }

    /// Each racer's label: its name where the names differ, then η and each option where
    /// the racers' values differ (`gd η 0.001`, `η 0.095`, `μ 0.5`, `amsgrad`); the bare
    /// name when nothing differs.
    public static func labels(_ runs: [(rule: any UpdateRule, learningRate: Double)]) -> [String] {
        var parts = [[String]](repeating: [], count: runs.count)
        if Set(runs.map(\.rule.name)).count > 1 {
            for i in runs.indices { parts[i].append(runs[i].rule.name) }
        }
        if Set(runs.map(\.learningRate)).count > 1 {
            for i in runs.indices { parts[i].append("η " + StatusBar.compact(runs[i].learningRate, digits: 3)) }
        }
        var names: [String] = []
        for run in runs { for o in run.rule.options where !names.contains(o.name) { names.append(o.name) } }
        for name in names {
            let values = runs.map { $0.rule.value(of: name) }
            guard Set(values.compactMap { $0.map(Self.text) }).count > 1 else { continue }
            for i in runs.indices {
                guard let v = values[i], let o = runs[i].rule.options.first(where: { $0.name == name }) else { continue }
                switch v {
                case .real(let x): parts[i].append(o.symbol + " " + StatusBar.compact(x, digits: 3))
                case .flag(let on): if on { parts[i].append(o.name) }
                }
            }
        }
        return runs.indices.map { parts[$0].isEmpty ? runs[$0].rule.name : parts[$0].joined(separator: " ") }
    }

    static func text(_ v: OptionValue) -> String {
        switch v {
        case .real(let x): formatNumber(x)
        case .flag(let on): String(on)
        }
    }

    /// Draws the legend into `rect` (entries already ranked, best first).
    public static func draw(_ entries: [LegendEntry], in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let step = entries.map(\.step).max() ?? 0
        SidePanels.drawTitle(["race", "step \(step)"], in: rect, glyphs: glyphs, into: &grid)
        guard rect.rows > 1 else { return }
        let longest = entries.map { glyphs.text($0.label).count }.max() ?? 0
        let lossColumn = max(minimumLossColumn, min(labelColumn + longest + 1, rect.columns - lossWidth))
        let header = HelpOverlay.pad(" #", labelColumn) + HelpOverlay.pad("racer", lossColumn - labelColumn) + "loss"
        SidePanels.put([StatusBar.Run(header, .statusLabel)], in: rect, row: rect.top + 1, glyphs: glyphs, into: &grid)
        // Significant digits of the loss: as many as the room after the fixed columns allows
        // (`-1.23e-05` takes digits + 6 columns).
        let digits = max(3, min(6, rect.columns - lossColumn - 6))
        for (rank, e) in entries.enumerated() where rank + 2 < rect.rows {
            let mark = e.isSelected ? String(glyphs.selection) : " "
            let fixed = mark + String(rank + 1) + " "
            var label = glyphs.text(e.label)
            if label.count >= lossColumn - labelColumn { label = String(label.prefix(max(1, lossColumn - labelColumn - 2))) + glyphs.ellipsis }
            var runs: [StatusBar.Run] = [
                StatusBar.Run(fixed, e.isSelected ? .title : .statusLabel),
                StatusBar.Run(String(glyphs.racer(e.slot)), .racer(e.slot)),
                StatusBar.Run(" " + HelpOverlay.pad(label, lossColumn - labelColumn - 1), e.isSelected ? .title : .statusText),
            ]
            if let k = e.divergedAt {
                runs.append(StatusBar.Run("\(glyphs.droppedOut) step \(k)", .statusBad))
            } else {
                runs.append(StatusBar.Run(StatusBar.compact(e.loss, digits: digits), .statusText))
            }
            SidePanels.put(runs, in: rect, row: rect.top + 2 + rank, glyphs: glyphs, into: &grid)
        }
    }

}

/// The race legend as a side panel: the racers' rows in rank order (best first).
public struct RaceLegendContent: SidePanel, Equatable {
    public var entries: [LegendEntry]
    public init(_ entries: [LegendEntry]) { self.entries = entries }
    public var panelName: String { "legend" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .fixed(RaceLegend.rows(entries)) }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        RaceLegend.draw(entries, in: rect, glyphs: glyphs, into: &grid)
    }
}
