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
        var out = "Surfaces (default lr: gd, momentum/nesterov, adaptive)\n"
        for name in SurfaceName.all {
            let s = name.make()
            let v = s.defaultView
            let lr = "lr \(StatusBar.compact(s.defaultLearningRate(for: .gd))), \(StatusBar.compact(s.defaultLearningRate(for: .momentum))), \(StatusBar.compact(s.defaultLearningRate(for: .adam)))"
            let start = "start \(StatusBar.compact(s.defaultStart.x)),\(StatusBar.compact(s.defaultStart.y))"
            let view = "x∈[\(StatusBar.compact(v.xMin)),\(StatusBar.compact(v.xMax))] y∈[\(StatusBar.compact(v.yMin)),\(StatusBar.compact(v.yMax))]"
            out += "  \(pad(name.description, 20))\(s.formula)\n"
            out += "  \(pad("", 20))\(view)  \(start)  \(lr)\(name.isDataBacked ? "  (data-backed: --data FILE, --batch)" : "")\n"
        }
        out += "\nOptimizers (PyTorch torch.optim conventions)\n"
        let h = Hyperparameters(learningRate: 1)
        for kind in OptimizerKind.allCases {
            let defaults: String = switch kind {
            case .gd: "-"
            case .momentum, .nesterov: "momentum \(formatNumber(h.momentum))"
            case .adagrad: "eps \(formatNumber(h.epsilon(for: kind)))"
            case .rmsprop: "alpha \(formatNumber(h.alpha)), eps \(formatNumber(h.epsilon(for: kind)))"
            case .adam: "beta1 \(formatNumber(h.beta1)), beta2 \(formatNumber(h.beta2)), eps \(formatNumber(h.epsilon(for: kind)))"
            case .adamw: "beta1 \(formatNumber(h.beta1)), beta2 \(formatNumber(h.beta2)), eps \(formatNumber(h.epsilon(for: kind))), weight-decay \(formatNumber(h.weightDecay))"
            }
            out += "  \(pad(kind.rawValue, 10))\(pad(defaults, 62))\(kind.formula)\n"
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
