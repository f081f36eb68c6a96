import Foundation
import DownhillCore

/// One racer's row in the race legend.
public struct LegendEntry: Equatable, Sendable {
    /// The racer's slot: its colour (``Ink/racer(_:)``) and head glyph (``Glyphs/racer(_:)``).
    public var slot: Int
    /// What sets this racer apart from the others (`gd`, `μ 0.5`; see ``RaceLegend/labels(_:)``).
    public var label: String
    /// The label without the rule's name, for a narrow legend (``RaceLegend/shortLabels(_:)``).
    public var shortLabel: String
    /// η, shown in its own column when the racers' rates differ (nil: not shown).
    public var learningRate: Double?
    /// Updates taken, and the full loss at the racer's point.
    public var step: Int
    public var loss: Double
    /// The step at which the racer diverged (it dropped out there), or nil.
    public var divergedAt: Int?
    /// True for the racer that `+`/`-` adjust (`Tab` selects).
    public var isSelected: Bool

    public init(slot: Int, label: String, shortLabel: String? = nil, learningRate: Double? = nil, step: Int, loss: Double,
                divergedAt: Int?, isSelected: Bool) {
        self.slot = slot
        self.label = label
        self.shortLabel = shortLabel ?? label
        self.learningRate = learningRate
        self.step = step
        self.loss = loss
        self.divergedAt = divergedAt
        self.isSelected = isSelected
    }
}

/// The race legend: a title with the step, then one row per racer in rank order:
/// selection mark, rank, head glyph, the racer's label (what sets it apart, see
/// ``labels(_:)``), its η when the rates differ, and loss, or, for a racer that diverged,
/// the step at which it dropped out.
///
/// ```
/// ─ race · step 120 ─────────────
///  #   racer lr      loss
/// ▸1 ▲ gd    0.05    0.0123
///  2 ● gd    0.02    0.412
///  3 ■ gd    0.11    ✗ step 31
/// ```
public enum RaceLegend {
    /// Columns before the label: mark, rank, glyph and a space.
    static let labelColumn = 5
    /// The loss column keeps at least this many columns.
    static let lossWidth = 9

    /// Rows the legend needs: the title, the header and one per racer.
    public static func rows(_ entries: [LegendEntry]) -> Int { entries.count + 2 }

    /// Each racer's label: what sets it apart from the others. Its rule's name when the
    /// names differ (or nothing else does), then each option whose value differs among the
    /// racers of that rule or from the rule's default (`μ 0.5`, `λ 0.1`, `amsgrad`); η is not
    /// in the label but in its own column (see ``showsLearningRates(_:)``). So `gd,gd` at two
    /// rates reads `gd` / `gd` beside their rates, two momentum racers with μ 0.5 and 0.9
    /// read `μ 0.5` / `μ 0.9`, and `adam,adamw:weight-decay=0.1` reads `adam` / `adamw λ 0.1`.
    /// `schedules` (the racers' `--schedule` texts, nil for none) join the label where they
    /// differ.
    public static func labels(_ runs: [(rule: any UpdateRule, learningRate: Double)], schedules: [String?] = []) -> [String] {
        let scheduled = withSchedules(parts(runs), schedules, names: runs.map(\.rule.name))
        return scheduled.map { ($0.name.map { [$0] } ?? []) + $0.options }.map { $0.joined(separator: " ") }
    }

    /// `parts` with each racer's schedule (or `constant`) added where the schedules of the
    /// racers of its rule differ.
    static func withSchedules(_ parts: [(name: String?, options: [String])], _ schedules: [String?],
                              names: [String]) -> [(name: String?, options: [String])] {
        guard schedules.count == parts.count else { return parts }
        return parts.indices.map { i in
            let group = parts.indices.filter { names[$0] == names[i] }
            guard Set(group.map { schedules[$0] ?? "" }).count > 1 else { return parts[i] }
            return (parts[i].name, parts[i].options + [schedules[i] ?? "constant"])
        }
    }

    /// The parts of each label: the name (nil when not shown) and the options that set it apart.
    static func parts(_ runs: [(rule: any UpdateRule, learningRate: Double)]) -> [(name: String?, options: [String])] {
        let names = runs.map(\.rule.name)
        var parts = [[String]](repeating: [], count: runs.count)
        for i in runs.indices {
            let rule = runs[i].rule
            let group = runs.indices.filter { names[$0] == names[i] }
            let defaults = UpdateRules.named(names[i])
            for o in rule.options {
                guard let v = rule.value(of: o.name) else { continue }
                let differs = group.contains { runs[$0].rule.value(of: o.name) != v } || defaults?.value(of: o.name) != v
                guard differs else { continue }
                switch v {
                case .flag(true): parts[i].append(o.name)
                case .flag(false): break
                default: parts[i].append(o.symbol + " " + StatusBar.compact(v, digits: 3))
                }
            }
        }
        let showNames = Set(names).count > 1 || parts.allSatisfy(\.isEmpty)
        // A racer with nothing of its own to show (adam beside adam:amsgrad=true) is its name.
        return runs.indices.map { (showNames || parts[$0].isEmpty ? names[$0] : nil, parts[$0]) }
    }

    /// Each racer's label without its name, where every racer has the same rule (the name
    /// then tells nothing) and no other racer's reads the same (`μ 0.5` for `momentum μ 0.5`):
    /// what the legend shows when the whole label does not fit; otherwise the whole label,
    /// cut.
    public static func shortLabels(_ runs: [(rule: any UpdateRule, learningRate: Double)], schedules: [String?] = []) -> [String] {
        let parts = withSchedules(parts(runs), schedules, names: runs.map(\.rule.name))
        guard Set(runs.map(\.rule.name)).count == 1 else { return labels(runs, schedules: schedules) }
        let short = parts.map { $0.options.joined(separator: " ") }
        return parts.indices.map { i in
            let unique = !short[i].isEmpty && short.indices.allSatisfy { $0 == i || short[$0] != short[i] }
            return unique ? short[i] : ([parts[i].name].compactMap { $0 } + parts[i].options).joined(separator: " ")
        }
    }

    /// True when the racers' learning rates differ, so the legend shows an η column.
    public static func showsLearningRates(_ rates: [Double]) -> Bool { Set(rates).count > 1 }

    static func text(_ v: OptionValue) -> String {
        switch v {
        case .real(let x): formatNumber(x)
        case .pair(let a, let b): formatNumber(a) + "," + formatNumber(b)
        case .flag(let on): String(on)
        }
    }

    /// Draws the legend into `rect` (entries already ranked, best first).
    public static func draw(_ entries: [LegendEntry], in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let step = entries.map(\.step).max() ?? 0
        SidePanels.drawTitle(["race", "step \(step)"], in: rect, glyphs: glyphs, into: &grid)
        guard rect.rows > 1 else { return }
        let rates = entries.contains { $0.learningRate != nil }
        let longest = max(5, entries.map { glyphs.text($0.label).count }.max() ?? 0)
        // Columns: label, then η (8 wide when shown), then the loss (at least lossWidth).
        let rateWidth = rates ? 8 : 0
        let labelWidth = max(1, min(longest + 2, rect.columns - labelColumn - rateWidth - lossWidth))
        let lossColumn = labelColumn + labelWidth + rateWidth
        let header = HelpOverlay.pad(" #", labelColumn) + HelpOverlay.pad("racer", labelWidth) + (rates ? HelpOverlay.pad("lr", rateWidth) : "") + "loss"
        SidePanels.put([StatusBar.Run(header, .statusLabel)], in: rect, row: rect.top + 1, glyphs: glyphs, into: &grid)
        // Significant digits of the loss: as many as the room after the fixed columns allows
        // (`-1.23e-05` takes digits + 6 columns).
        let digits = max(3, min(6, rect.columns - lossColumn - 6))
        for (rank, e) in entries.enumerated() where rank + 2 < rect.rows {
            let mark = e.isSelected ? String(glyphs.selection) : " "
            let fixed = mark + String(rank + 1) + " "
            var label = glyphs.text(e.label)
            if label.count >= labelWidth { label = glyphs.text(e.shortLabel) }
            if label.count >= labelWidth { label = String(label.prefix(max(1, labelWidth - 2))) + glyphs.ellipsis }
            var runs: [StatusBar.Run] = [
                StatusBar.Run(fixed, e.isSelected ? .title : .statusLabel),
                StatusBar.Run(String(glyphs.racer(e.slot)), .racer(e.slot)),
                StatusBar.Run(" " + HelpOverlay.pad(label, labelWidth), e.isSelected ? .title : .statusText),
            ]
            if rates {
                runs.append(StatusBar.Run(HelpOverlay.pad(e.learningRate.map { StatusBar.compact($0, digits: 3) } ?? "", rateWidth), .statusText))
            }
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
    /// The panel name of the race legend.
    public static let name = "legend"
    public var panelName: String { Self.name }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .fixed(RaceLegend.rows(entries)) }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        RaceLegend.draw(entries, in: rect, glyphs: glyphs, into: &grid)
    }
}
