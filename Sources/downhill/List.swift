import ArgumentParser
import DownhillCore
import DownhillRender
import Foundation

/// `downhill list`: the surfaces, the optimizers and their default hyperparameters.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List surfaces, optimizers and their default hyperparameters.",
        discussion: """
            --format json gives the same for scripts: 'surfaces' (name, formula, view, start, minima, \
            data_backed, default_lr for every optimizer), 'optimizers' (name, summary, formula, options \
            with their kind and default) and 'schedules' (name, usage, summary).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: writeOut(Self.text())
        case .json: writeOut(try Self.json())
        }
    }

    static func text() -> String {
        // The first rule of each learning-rate family, for the three default rates shown.
        let gd = GD(), momentum = Momentum(), adam = Adam()
        var out = "Surfaces (default lr: gd, momentum/nesterov, adaptive)\n"
        for s in Surfaces.all {
            let v = s.defaultView
            let lr = "lr \(StatusBar.compact(s.defaultLearningRate(for: gd))), \(StatusBar.compact(s.defaultLearningRate(for: momentum))), \(StatusBar.compact(s.defaultLearningRate(for: adam)))"
            let start = "start \(StatusBar.compact(s.defaultStart.x)),\(StatusBar.compact(s.defaultStart.y))"
            let view = "x∈[\(StatusBar.compact(v.xMin)),\(StatusBar.compact(v.xMax))] y∈[\(StatusBar.compact(v.yMin)),\(StatusBar.compact(v.yMax))]"
            out += "  \(HelpOverlay.pad(s.name, 20))\(s.formula)\n"
            out += "  \(HelpOverlay.pad("", 20))\(view)  \(start)  \(lr)\(s.isDataBacked ? "  (data-backed: --data FILE, --batch)" : "")\n"
        }
        out += "  quadratic takes --condition K (κ = λ₂/λ₁, default 10) and --angle DEG (default 0)\n"
        out += "  or a formula in x and y: --surface '(x-1)^2 + 3*(y+2)^2' (+ - * / ^, pi, e, "
            + FormulaExpression.Function.allCases.map(\.rawValue).joined(separator: " ") + ")\n"
        out += "\nOptimizers (PyTorch torch.optim conventions): options with their defaults, the update\n"
        for rule in UpdateRules.all {
            let defaults = rule.options.compactMap { o -> String? in
                switch rule.value(of: o.name) {
                case .real(let x): "\(o.name) \(SettingsError.text(x))"
                case .pair(let a, let b): "\(o.name) \(SettingsError.text(a)),\(SettingsError.text(b))"
                case .flag(let on): "\(o.name) \(on ? "on" : "off")"
                case nil: nil
                }
            }.joined(separator: ", ")
            out += "  \(HelpOverlay.pad(rule.name, 10))\(rule.summary)\n"
            out += "  \(HelpOverlay.pad("", 10))\(defaults.isEmpty ? "no options" : defaults)\n"
            out += "  \(HelpOverlay.pad("", 10))\(rule.formula)\n"
        }
        out += "\nSchedules (--schedule, torch's lr_scheduler stepped after every update)\n"
        for (usage, summary) in Schedules.usages {
            out += "  \(HelpOverlay.pad(usage, 28))\(summary)\n"
        }
        return out
    }

    /// The catalogue as one JSON document (``Catalogue``): keys sorted, numbers as Swift's
    /// shortest round-trip text, whatever the locale.
    static func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Catalogue()), as: UTF8.self) + "\n"
    }
}

/// What `list --format json` prints: every built-in surface, update rule and schedule kind,
/// read from the registries (``Surfaces``, ``UpdateRules``, ``Schedules``).
struct Catalogue: Encodable {
    struct Surface: Encodable {
        var name, formula: String
        /// The default view: x and y ranges as [min, max].
        var view: [String: [Double]]
        var start: [Double]
        var minima: [[Double]]
        var dataBacked: Bool
        /// The learning rate used when none is given, for every optimizer by name.
        var defaultLr: [String: Double]

        enum CodingKeys: String, CodingKey {
            case name, formula, view, start, minima
            case dataBacked = "data_backed", defaultLr = "default_lr"
        }
    }

    struct Option: Encodable {
        /// The command-line name without dashes (`weight-decay`).
        var name, symbol, help: String
        /// `real` (a number), `pair` (two numbers, `A,B`) or `flag` (on or off).
        var kind: String
        var value: OptionValue

        enum CodingKeys: String, CodingKey { case name, symbol, help, kind, `default` }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(symbol, forKey: .symbol)
            try c.encode(help, forKey: .help)
            try c.encode(kind, forKey: .kind)
            switch value {
            case .real(let x): try c.encode(x, forKey: .default)
            case .pair(let a, let b): try c.encode([a, b], forKey: .default)
            case .flag(let on): try c.encode(on, forKey: .default)
            }
        }
    }

    struct Optimizer: Encodable {
        var name, summary, formula: String
        var options: [Option]
    }

    struct Schedule: Encodable {
        var name, usage, summary: String
    }

    var surfaces: [Surface]
    var optimizers: [Optimizer]
    var schedules: [Schedule]

    init() {
        surfaces = Surfaces.all.map { s in
            let v = s.defaultView
            return Surface(
                name: s.name, formula: s.formula, view: ["x": [v.xMin, v.xMax], "y": [v.yMin, v.yMax]],
                start: [s.defaultStart.x, s.defaultStart.y], minima: s.minima.map { [$0.x, $0.y] },
                dataBacked: s.isDataBacked,
                defaultLr: Dictionary(uniqueKeysWithValues: UpdateRules.all.map { ($0.name, s.defaultLearningRate(for: $0)) }))
        }
        optimizers = UpdateRules.all.map { rule in
            let options = rule.options.compactMap { o -> Option? in
                guard let value = rule.value(of: o.name) else { return nil }
                let kind = switch value {
                case .real: "real"
                case .pair: "pair"
                case .flag: "flag"
                }
                return Option(name: o.name, symbol: o.symbol, help: o.help, kind: kind, value: value)
            }
            return Optimizer(name: rule.name, summary: rule.summary, formula: rule.formula, options: options)
        }
        schedules = Schedules.all.map { Schedule(name: $0.name, usage: $0.usage, summary: $0.summary) }
    }
}
