import ArgumentParser
import DownhillCore
import DownhillRender

/// `downhill list`: the surfaces, the optimizers and their default hyperparameters.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List surfaces, optimizers and their default hyperparameters."
    )

    func run() throws {
        writeOut(Self.text())
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

}
