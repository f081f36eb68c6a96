import ArgumentParser
import DownhillCore
import Foundation

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
            let lr = "lr \(compact(s.defaultLearningRate(for: .gd))), \(compact(s.defaultLearningRate(for: .momentum))), \(compact(s.defaultLearningRate(for: .adam)))"
            let start = "start \(compact(s.defaultStart.x)),\(compact(s.defaultStart.y))"
            let view = "x∈[\(compact(v.xMin)),\(compact(v.xMax))] y∈[\(compact(v.yMin)),\(compact(v.yMax))]"
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

    /// A number to 4 significant digits, shortest form (`0.001`, `-1.243`, `2e-05`).
    static func compact(_ v: Double) -> String {
        if v == 0 { return "0" }
        guard v.isFinite else { return formatNumber(v) }
        let magnitude = pow(10, floor(log10(abs(v))) - 3)
        let rounded = (v / magnitude).rounded() * magnitude
        var text = formatNumber(Double(String(format: "%.4g", locale: nil, rounded)) ?? rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
