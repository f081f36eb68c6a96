import Foundation
import DownhillCore

/// What the run is doing, as the status area words it (SPEC §6).
public enum RunState: Equatable, Sendable {
    case running, paused, converged
    /// Step `k` was the first that was not finite.
    case diverged(at: Int)

    /// `running`, `paused`, `converged`, `diverged at step K`.
    public var text: String {
        switch self {
        case .running: "running"
        case .paused: "paused"
        case .converged: "converged"
        case .diverged(let k): "diverged at step \(k)"
        }
    }

    /// The state of a descent that is (or is not) being animated.
    public init(status: DescentStatus, playing: Bool) {
        switch status {
        case .diverged(let k): self = .diverged(at: k)
        case .converged: self = .converged
        case .running: self = playing ? .running : .paused
        }
    }
}

/// One option of the update rule as the status shows it (`μ 0.9`, `amsgrad`).
public struct OptionReading: Equatable, Sendable {
    public var symbol: String
    public var value: OptionValue
    /// True for the weight decay, shown apart (and only when not 0).
    public var isDecay: Bool
}

/// The facts the status area shows, taken from a descent and the app's state.
public struct StatusInfo: Equatable, Sendable {
    public var surfaceName: String
    /// The update rule's name and η (as set: a schedule's base).
    public var optimizer: String
    public var learningRate: Double
    /// With a learning-rate schedule: its kind and ηₜ, the η of the next step; nil without.
    public var scheduleName: String?
    public var scheduledRate: Double?
    /// The rule's options as the status shows them: the main ones (μ, β₁ β₂, switches
    /// that are on; ε and options at 0 left out), then the weight decay λ when it is not 0.
    public var options: [OptionReading]
    public var step: Int
    /// The current point (world units), the full loss there and the full gradient's norm.
    public var point: Vector2
    public var loss: Double
    public var gradientNorm: Double
    public var state: RunState
    /// The animation speed, steps per second.
    public var stepsPerSecond: Double
    /// For a data-backed surface: the batch mode, the completed epochs (the status shows
    /// the current epoch, 1-based: `epoch + 1`) and the batches taken in the current epoch
    /// out of the epoch's batches (shown as `batch k/B`).
    public var batch: BatchMode?
    public var epoch: Int
    public var batchInEpoch: Int
    public var batchesPerEpoch: Int
    /// S, the gradient noise of an analytic surface (0: exact gradients).
    public var noise: Double
    /// What the descent is doing, as a short phrase (``Regime/phrase``), or nil.
    public var regime: String?
    /// In race mode, the slot of the racer the status describes (its head glyph and colour).
    public var racer: Int?
    /// Going back in the history: how many moments before its end (`step 7 (3 back)`); nil
    /// at the end.
    public var historyBack: Int?
    /// The ghosts on screen, each as its head glyph and its η (`¼:0.01`; empty: none).
    public var ghostFactors: [String] = []
    /// The names of the two parameters: `x`, `y` on analytic surfaces, `w`, `b` (slope and
    /// intercept) on data-backed ones.
    public var parameterNames: [String]

    /// The status of `descent`, animated or not, at `stepsPerSecond`.
    public init(descent: Descent, playing: Bool, stepsPerSecond: Double) {
        surfaceName = descent.surface.name
        parameterNames = descent.surface.parameterNames
        let rule = descent.optimizer.rule
        optimizer = rule.name
        learningRate = descent.learningRate
        scheduleName = descent.optimizer.schedule?.name
        scheduledRate = scheduleName == nil ? nil : descent.currentLearningRate
        // ε is left out, and so is an option at 0 or off (no dampening, no decay): they
        // change nothing in the step.
        options = rule.options.compactMap { o in
            guard o.name != "eps", let v = rule.value(of: o.name), v != .real(0), v != .flag(false) else { return nil }
            return OptionReading(symbol: o.symbol, value: v, isDecay: o.name == "weight-decay")
        }
        step = descent.step
        point = descent.point
        loss = descent.current.loss
        gradientNorm = hypot(descent.current.gradient.x, descent.current.gradient.y)  // no overflow
        state = RunState(status: descent.status, playing: playing)
        self.stepsPerSecond = stepsPerSecond
        let source = descent.source
        if let rows = descent.surface.sampleCount {
            batch = source.mode
            batchesPerEpoch = source.batchesPerEpoch(rows: rows)
        } else {
            batch = nil
            batchesPerEpoch = 0
        }
        epoch = source.epoch
        batchInEpoch = source.batchInEpoch
        noise = source.noise
        regime = nil
        racer = nil
    }
}

/// The status area: the facts of ``StatusInfo`` as labelled fields, packed into a few
/// lines, dropping the least important fields first when the width is short.
///
/// Fields, by importance: the state, surface, optimizer, `lr`, step, point and loss (SPEC
/// §6 requires these), then in race mode the racer described, the `r restarts` hint of a
/// diverged run, the gradient source, the gradient norm (last of all once the run has
/// diverged), epoch and batch, the ghosts (each with its η), the regime phrase, the speed, the optimizer's
/// other hyperparameters and a key hint. Numbers: the point and loss with 6
/// significant digits (5 when narrow), trailing zeros kept so the text does not jitter.
public enum StatusBar {
    /// A run of text in one ink.
    public struct Run: Equatable, Sendable {
        public var text: String
        public var ink: Ink
        public init(_ text: String, _ ink: Ink) {
            self.text = text
            self.ink = ink
        }
    }

    /// One field: a few runs that stay together, its importance and whether it prefers to
    /// start a new line.
    public struct Field: Equatable, Sendable {
        public var runs: [Run]
        public var priority: Int
        public var startsLine: Bool
        public var width: Int { runs.reduce(0) { $0 + $1.text.count } }
    }

    /// Fields at or above this priority are the ones SPEC §6 requires.
    public static let requiredPriority = 80

    /// The fields for `info`; `digits` significant digits for the point and loss.
    public static func fields(_ info: StatusInfo, glyphs: Glyphs, digits: Int, hint: Bool) -> [Field] {
        func label(_ s: String) -> Run { Run(glyphs.text(s), .statusLabel) }
        func value(_ s: String) -> Run { Run(glyphs.text(s), .statusText) }
        func field(_ priority: Int, startsLine: Bool = false, _ runs: Run...) -> Field {
            Field(runs: runs, priority: priority, startsLine: startsLine)
        }
        let stateInk: Ink
        switch info.state {
        case .running: stateInk = .statusGood
        case .paused: stateInk = .statusWarn
        case .converged: stateInk = .statusGood
        case .diverged: stateInk = .statusBad
        }
        var out: [Field] = [field(100, Run(info.state.text, stateInk))]
        if let slot = info.racer { out.append(field(78, label("racer "), Run(String(glyphs.racer(slot)), .racer(slot)))) }
        out += [
            field(95, value(info.surfaceName)),
            field(95, value(info.optimizer)),
            field(90, label("lr "), value(compact(info.learningRate))),
        ]
        if let name = info.scheduleName, let rate = info.scheduledRate {
            out.append(field(88, label("ηₜ "), value(compact(rate)), label(" " + name)))
        }
        func runs(_ options: [OptionReading]) -> [Run] {
            options.enumerated().flatMap { i, o -> [Run] in
                let gap = i == 0 ? "" : " "
                if case .flag = o.value { return [label(gap + o.symbol)] }
                return [label(gap + o.symbol + " "), value(compact(o.value))]
            }
        }
        let main = info.options.filter { !$0.isDecay }, decay = info.options.filter(\.isDecay)
        if !main.isEmpty { out.append(Field(runs: runs(main), priority: 30, startsLine: false)) }
        if !decay.isEmpty { out.append(Field(runs: runs(decay), priority: 25, startsLine: false)) }
        if let batch = info.batch {
            out.append(field(60, value(batch.label)))
            if batch != .full {
                out.append(field(45, label("epoch "), value(String(info.epoch + 1))))
                // `k/B` keeps the width of `B/B`, so what follows does not shift as k grows.
                let total = String(info.batchesPerEpoch)
                out.append(field(40, label("batch "), value(padded("\(info.batchInEpoch)/" + total, 2 * total.count + 1))))
            }
        } else if info.noise > 0 {
            out.append(field(60, label("noise "), value(compact(info.noise))))
        }
        // The speed before the regime phrase: the phrase changes length as the run goes on,
        // and what follows it on the line would move with it.
        let speed = info.stepsPerSecond
        out.append(field(36, value(compact(speed)), label(speed == 1 ? " step/s" : " steps/s")))
        if let regime = info.regime { out.append(field(38, Run(glyphs.text(regime), .title))) }
        if !info.ghostFactors.isEmpty {
            // Asked for with `v`, and only readable with their η: above the regime and speed.
            out.append(field(39, label("ghosts " + info.ghostFactors.joined(separator: " "))))
        }
        out.append(field(85, startsLine: true, label("step "), value(String(info.step)),
                         label(info.historyBack.map { " (\($0) back)" } ?? "")))
        // Each number keeps one span whatever its value (a sign slot, `0.0`, the digits:
        // `-0.0419904`), so the fields after it never shift while it changes: a form that
        // would be wider (`-0.00451000`, `-1.23457e-05`) gives up digits (``fitted(_:digits:width:signSlot:keepsZeros:)``).
        let span = digits + 4
        let names = info.parameterNames
        func signed(_ v: Double) -> String { fitted(v, digits: digits, width: span, signSlot: true, keepsZeros: true) }
        out.append(field(85, label(names[0] + " "), value(signed(info.point.x)), label(" " + names[1] + " "), value(signed(info.point.y))))
        out.append(field(85, label("loss "), value(fitted(info.loss, digits: digits, width: span - 1, signSlot: false, keepsZeros: true))))
        let norm = fitted(info.gradientNorm, digits: 3, width: gradientWidth, signSlot: false, keepsZeros: false)
        if case .diverged = info.state {
            // A diverged run's gradient is huge or not finite: its norm says little.
            out.append(field(15, label("|∇| "), value(norm)))
            out.append(field(70, label("r restarts")))
        } else {
            out.append(field(50, label("|∇| "), value(norm)))
        }
        if hint { out.append(field(10, label("? help  q quit"))) }
        return out
    }

    /// Packs fields into at most `lines` lines of `width` columns, `separator` spaces
    /// apart, dropping the least important fields (the later of equals) until the rest
    /// fits. Fields that prefer to start a line do so unless keeping that order would cost
    /// a required field (priority ≥ ``requiredPriority``); then the lines are filled in
    /// order instead.
    public static func layout(_ fields: [Field], width: Int, lines: Int, separator: Int) -> [[Field]] {
        guard lines > 0, width > 0 else { return [] }
        func dropping(honourBreaks: Bool, keepRequired: Bool) -> [[Field]]? {
            var kept = fields
            while true {
                if let packed = pack(kept, width: width, lines: lines, separator: separator, honourBreaks: honourBreaks) {
                    return packed
                }
                guard !kept.isEmpty else { return [] }
                var worst = kept.count - 1
                for i in kept.indices.reversed() where kept[i].priority < kept[worst].priority { worst = i }
                if keepRequired && kept[worst].priority >= requiredPriority { return nil }
                kept.remove(at: worst)
            }
        }
        return dropping(honourBreaks: true, keepRequired: true) ?? dropping(honourBreaks: false, keepRequired: false) ?? []
    }

    static func pack(_ fields: [Field], width: Int, lines: Int, separator: Int, honourBreaks: Bool) -> [[Field]]? {
        var out: [[Field]] = [[]]
        var used = 0
        for f in fields {
            let w = f.width
            let needed = out[out.count - 1].isEmpty ? w : used + separator + w
            let wantsBreak = honourBreaks && f.startsLine && !out[out.count - 1].isEmpty
            if needed <= width && !wantsBreak {
                out[out.count - 1].append(f)
                used = needed
            } else {
                guard w <= width, out.count < lines else { return nil }
                out.append([f])
                used = w
            }
        }
        return out
    }

    /// Draws the status area for `info` in `rows` of `grid` (full width). Tries 6 digits
    /// with two-space gaps first, then 5 digits with one space, keeping the required
    /// fields whenever they can fit.
    public static func draw(_ info: StatusInfo, glyphs: Glyphs, hint: Bool, rows: Range<Int>, into grid: inout CellGrid) {
        let width = grid.width
        var chosen: [[Field]] = []
        var chosenSeparator = 2
        for (digits, separator) in [(6, 2), (5, 1)] {
            let all = fields(info, glyphs: glyphs, digits: digits, hint: hint)
            let packed = layout(all, width: width, lines: rows.count, separator: separator)
            chosen = packed
            chosenSeparator = separator
            let required = all.filter { $0.priority >= requiredPriority }.count
            if packed.joined().filter({ $0.priority >= requiredPriority }).count == required { break }
        }
        for (line, row) in zip(chosen, rows) {
            var column = 0
            for (i, f) in line.enumerated() {
                if i > 0 { column += chosenSeparator }
                for run in f.runs {
                    let text = run.text.count + column > width ? String(run.text.prefix(max(0, width - column))) : run.text
                    column = grid.put(text, column: column, row: row, ink: run.ink)
                }
            }
        }
    }

    /// A number with `digits` significant digits, trailing zeros kept (`-1.50000`,
    /// `1.23457e-05`), so values of one kind keep their width while they change; never a
    /// trailing `.` (`129658`, not `129658.`).
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        let text = String(format: "%#.\(digits)g", v)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// The span of the gradient norm in the status (`1.2e-05`, `0.0123`, `320`).
    static let gradientWidth = 7

    /// `v` in exactly `width` columns, whatever its value, left-aligned and padded with
    /// spaces: ``fixed(_:_:)`` with `digits` significant digits (``compact(_:digits:)`` when
    /// `keepsZeros` is false), or with fewer when that form is too wide (`-0.00451000` →
    /// `-0.0045100`, `1.23457e-05` → `1.235e-05`); with `signSlot`, a value that is not
    /// negative starts with a space where the `-` goes. Never a trailing `.` (`1.e+100` is
    /// `1e+100`). Only a width too narrow for one digit and its exponent lets text through
    /// longer (it is then cut at `width`; `width` ≥ 7 never is, for any double).
    public static func fitted(_ v: Double, digits: Int, width: Int, signSlot: Bool, keepsZeros: Bool) -> String {
        let v = v == 0 ? 0 : v  // −0 shows as 0
        let sign = signSlot && !(v < 0) && !v.isNaN ? " " : ""
        var text = sign + (v.isFinite ? "" : fixed(v, digits))
        if v.isFinite {
            for precision in stride(from: max(1, digits), through: 1, by: -1) {
                var number = String(format: keepsZeros ? "%#.\(precision)g" : "%.\(precision)g", v)
                number = number.replacingOccurrences(of: ".e", with: "e")
                if number.hasSuffix(".") { number.removeLast() }
                text = sign + number
                if text.count <= width { break }
            }
        }
        return text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` padded with spaces to `width` columns (longer text is kept whole, with one
    /// space after it): a number
    /// in the status keeps its column span while it changes, so the labels after it stay
    /// put and an animation frame redraws only the digits that changed.
    public static func padded(_ text: String, _ width: Int) -> String {
        text.count > width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// An option's value as the status and the legend show it: a number or a pair (`0.5,1.2`)
    /// in ``compact(_:digits:)`` form; a switch by its state (`on`, `off`).
    public static func compact(_ value: OptionValue, digits: Int = 4) -> String {
        switch value {
        case .real(let v): compact(v, digits: digits)
        case .pair(let a, let b): compact(a, digits: digits) + "," + compact(b, digits: digits)
        case .flag(let on): on ? "on" : "off"
        }
    }

    /// A number in at most `digits` significant digits, no trailing zeros (`0.02512`, `0.9`, `20`).
    public static func compact(_ v: Double, digits: Int = 4) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", v)
    }
}
